/**
 * DuckDB column types, grouped by what an encoder can do with them, and the
 * encoder `auto` picks for each group.
 */
import { UnsupportedColumnTypeError } from '../errors.js';
import type { ColumnEncoder } from '../schema/types.js';

export type TypeClass = 'numeric' | 'boolean' | 'string' | 'timestamp' | 'date' | 'other';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/;
const TIMESTAMP = /^(TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE)$/;

/** The group of a DuckDB type as `DESCRIBE` prints it. */
export function typeClass(duckType: string): TypeClass {
  const t = duckType.toUpperCase();
  if (NUMERIC.test(t)) return 'numeric';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'VARCHAR' || t.startsWith('ENUM(')) return 'string';
  if (TIMESTAMP.test(t)) return 'timestamp';
  if (t === 'DATE') return 'date';
  return 'other';
}

/** Which type groups each encoder accepts. */
const ACCEPTS: Record<Exclude<ColumnEncoder['type'], 'auto' | 'skip'>, readonly TypeClass[]> = {
  numeric: ['numeric', 'boolean'],
  categorical: ['string', 'numeric', 'boolean'],
  boolean: ['boolean'],
  timestamp: ['timestamp', 'date'],
  text: ['string'],
};

/** The encoder a column gets: its override, or the automatic choice for its type. */
export function resolveEncoder(table: string, column: string, duckType: string, override: ColumnEncoder | undefined): ColumnEncoder {
  const group = typeClass(duckType);
  const requested = override ?? { type: 'auto' };
  if (requested.type === 'skip') return requested;
  if (requested.type === 'auto') {
    switch (group) {
      case 'numeric':
        return { type: 'numeric' };
      case 'boolean':
        return { type: 'boolean' };
      case 'string':
        return { type: 'categorical' };
      case 'timestamp':
      case 'date':
        return { type: 'timestamp' };
      case 'other':
        throw new UnsupportedColumnTypeError(
          table,
          column,
          duckType,
          'any feature',
          "no encoder takes it: set columns: { [column]: { type: 'skip' } } in the table's schema, or cast it in a view",
        );
    }
  }
  if (!ACCEPTS[requested.type].includes(group)) {
    throw new UnsupportedColumnTypeError(
      table,
      column,
      duckType,
      requested.type,
      `${requested.type} takes ${ACCEPTS[requested.type].join(' or ')} columns; choose another encoder or { type: 'skip' }`,
    );
  }
  return requested;
}
