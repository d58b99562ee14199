/** Quoting for SQL built from schema names and paths (DuckDB dialect). */

/** A quoted identifier: `"name"` with inner quotes doubled. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A quoted string literal: `'text'` with inner quotes doubled. */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A finite number as a SQL DOUBLE literal. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return `${value}::DOUBLE`;
}
