/**
 * Makes each schema table readable as `__rel_src_<table>` inside DuckDB, from
 * whichever source it names: a view over Parquet or CSV files or a table of an
 * attached database (DuckDB, SQLite, Postgres; read-only), a temp table for
 * in-memory data. The catalog then reads each of them exactly once.
 */
import type { SqlEngine } from '../engine/engine.js';
import { ident, literal } from '../engine/sql.js';
import { MissingExtensionError, MissingTableError, SourceError } from '../errors.js';
import type { ArrowTableLike, DatabaseSource, InMemoryColumn, InMemoryColumns, TableSource } from '../schema/types.js';
import { checkMagic, type FileFormat } from './magic.js';

export interface SourceContext {
  engine: SqlEngine;
  installExtensions: boolean;
  /** Attached databases by `kind:path`, so one file is attached once. */
  attached: Map<string, string>;
  loadedExtensions: Set<string>;
}

/** The name of the relation holding a table's source rows. */
export const sourceRelation = (table: string): string => ident(`__rel_src_${table}`);

const isGlob = (path: string): boolean => /[*?[]/.test(path);
const join = (dir: string, name: string): string => `${dir.replace(/\/+$/, '')}/${name}`;

async function runOrSourceError(ctx: SourceContext, sql: string, table: string, what: string): Promise<void> {
  try {
    await ctx.engine.run(sql);
  } catch (error) {
    throw new SourceError(table, what, firstLine(error), error);
  }
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

async function loadExtension(ctx: SourceContext, extension: 'sqlite' | 'postgres' | 'parquet', table: string): Promise<void> {
  if (ctx.loadedExtensions.has(extension)) return;
  try {
    if (ctx.installExtensions) await ctx.engine.run(`INSTALL ${extension}`);
    await ctx.engine.run(`LOAD ${extension}`);
  } catch (error) {
    throw new MissingExtensionError(extension, table, error);
  }
  ctx.loadedExtensions.add(extension);
}

/** A file, folder or glob as the path list DuckDB's readers take; checks a single file's format. */
async function filePaths(ctx: SourceContext, table: string, path: string, format: 'parquet' | 'csv'): Promise<string> {
  if (isGlob(path) || !ctx.engine.hasFileSystem) return literal(path);
  const kind = await ctx.engine.pathKind(path);
  if (kind === undefined) throw new SourceError(table, path, 'no such file or folder');
  if (kind === 'folder') return literal(join(path, `**/*.${format}`));
  await checkMagic(ctx.engine, table, path, format);
  return literal(path);
}

async function attach(ctx: SourceContext, table: string, kind: 'duckdb' | 'sqlite' | 'postgres', target: string): Promise<string> {
  const key = `${kind}:${target}`;
  const known = ctx.attached.get(key);
  if (known !== undefined) return known;
  if (kind !== 'postgres' && ctx.engine.hasFileSystem) {
    if ((await ctx.engine.pathKind(target)) !== 'file') throw new SourceError(table, target, 'no such file');
    await checkMagic(ctx.engine, table, target, kind as FileFormat);
  }
  if (kind !== 'duckdb') await loadExtension(ctx, kind, table);
  const alias = `__rel_db_${ctx.attached.size}`;
  const type = kind === 'duckdb' ? '' : `TYPE ${kind}, `;
  const what = kind === 'postgres' ? 'the Postgres database' : target;
  await runOrSourceError(ctx, `ATTACH ${literal(target)} AS ${ident(alias)} (${type}READ_ONLY)`, table, what);
  ctx.attached.set(key, alias);
  return alias;
}

/** The table's own source, or the database source's entry for it. */
async function resolveDatabaseSource(ctx: SourceContext, table: string, source: DatabaseSource): Promise<TableSource> {
  if (source.kind === 'parquet' || source.kind === 'csv') {
    const ext = source.kind;
    const file = join(source.path, `${table}.${ext}`);
    if (!ctx.engine.hasFileSystem) return { kind: ext, path: file };
    if ((await ctx.engine.pathKind(file)) === 'file') return { kind: ext, path: file };
    const folder = join(source.path, table);
    if ((await ctx.engine.pathKind(folder)) === 'folder') return { kind: ext, path: folder };
    throw new MissingTableError(table, `neither ${file} nor a folder ${folder}/ exists`);
  }
  if (source.kind === 'postgres') {
    return source.schema === undefined
      ? { kind: 'postgres', connection: source.connection, table }
      : { kind: 'postgres', connection: source.connection, table, schema: source.schema };
  }
  return { kind: source.kind, path: source.path, table };
}

async function attachedTable(ctx: SourceContext, table: string, alias: string, name: string, schema: string | undefined, what: string): Promise<string> {
  const rows = await ctx.engine.rows(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = ${literal(alias)} AND table_name = ${literal(name)}` +
      (schema === undefined ? '' : ` AND schema_name = ${literal(schema)}`),
  );
  const views = await ctx.engine.rows(
    `SELECT count(*)::INTEGER AS n FROM duckdb_views() WHERE database_name = ${literal(alias)} AND view_name = ${literal(name)}`,
  );
  if (rows[0]?.['n'] === 0 && views[0]?.['n'] === 0) throw new MissingTableError(table, `${what} has no table '${name}'`);
  return schema === undefined ? `${ident(alias)}.${ident(name)}` : `${ident(alias)}.${ident(schema)}.${ident(name)}`;
}

/**
 * Creates `__rel_src_<table>` from the table's source (or the database's).
 * Returns a short description of where the rows came from.
 */
export async function createSourceRelation(
  ctx: SourceContext,
  table: string,
  own: TableSource | undefined,
  fallback: DatabaseSource | undefined,
): Promise<string> {
  if (own === undefined && fallback === undefined) {
    throw new MissingTableError(table, 'the table has no source and the schema no default source');
  }
  const source = own ?? (await resolveDatabaseSource(ctx, table, fallback!));
  const target = sourceRelation(table);
  switch (source.kind) {
    case 'parquet': {
      // Native DuckDB links Parquet in; DuckDB-Wasm fetches it as an extension on first use.
      if (ctx.engine.name === 'duckdb-wasm') await loadExtension(ctx, 'parquet', table);
      const paths = await filePaths(ctx, table, source.path, 'parquet');
      await runOrSourceError(ctx, `CREATE TEMP VIEW ${target} AS SELECT * FROM read_parquet(${paths})`, table, source.path);
      return `parquet ${source.path}`;
    }
    case 'csv': {
      const paths = await filePaths(ctx, table, source.path, 'csv');
      const options = [
        source.delimiter === undefined ? '' : `, delim = ${literal(source.delimiter)}`,
        source.header === undefined ? '' : `, header = ${source.header}`,
      ].join('');
      await runOrSourceError(ctx, `CREATE TEMP VIEW ${target} AS SELECT * FROM read_csv(${paths}${options})`, table, source.path);
      return `csv ${source.path}`;
    }
    case 'duckdb': {
      const alias = await attach(ctx, table, 'duckdb', source.path);
      const relation = await attachedTable(ctx, table, alias, source.table ?? table, undefined, source.path);
      await runOrSourceError(ctx, `CREATE TEMP VIEW ${target} AS SELECT * FROM ${relation}`, table, source.path);
      return `duckdb ${source.path}`;
    }
    case 'sqlite': {
      const alias = await attach(ctx, table, 'sqlite', source.path);
      const relation = await attachedTable(ctx, table, alias, source.table ?? table, undefined, source.path);
      await runOrSourceError(ctx, `CREATE TEMP VIEW ${target} AS SELECT * FROM ${relation}`, table, source.path);
      return `sqlite ${source.path}`;
    }
    case 'postgres': {
      const alias = await attach(ctx, table, 'postgres', source.connection);
      const relation = await attachedTable(ctx, table, alias, source.table ?? table, source.schema ?? 'public', 'the Postgres database');
      await runOrSourceError(ctx, `CREATE TEMP VIEW ${target} AS SELECT * FROM ${relation}`, table, 'the Postgres database');
      return 'postgres';
    }
    case 'arrays':
      await ctx.engine.insertColumns(`__rel_src_${table}`, source.columns, source.types);
      return 'in-memory arrays';
    case 'arrow':
      await ctx.engine.insertColumns(`__rel_src_${table}`, arrowColumns(table, source.table), source.types);
      return 'Arrow table';
  }
}

/** An Arrow table's columns as in-memory columns (NULLs kept, timestamps as Dates). */
function arrowColumns(table: string, arrow: ArrowTableLike): InMemoryColumns {
  const columns: Record<string, InMemoryColumn> = {};
  for (const field of arrow.schema.fields) {
    const child = arrow.getChild(field.name);
    if (child === null) throw new SourceError(table, `Arrow column '${field.name}'`, 'missing from the table');
    const type = String(field.type ?? '');
    if (type.startsWith('Timestamp') || type.startsWith('Date')) {
      columns[field.name] = Array.from(child, (v) => (v === null || v === undefined ? null : new Date(Number(v))));
    } else if (child.nullCount > 0) {
      columns[field.name] = Array.from(child) as InMemoryColumn;
    } else {
      const values = child.toArray();
      columns[field.name] = (ArrayBuffer.isView(values) ? values : Array.from(values)) as InMemoryColumn;
    }
  }
  return columns;
}
