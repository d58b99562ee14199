/**
 * Opening a database: every table's source becomes a DuckDB relation, then
 * every name the schema uses is checked against the data (tables, columns,
 * types, unique keys, non-NULL times, foreign keys that resolve), and dense
 * node ids are assigned inside DuckDB. Everything that can be wrong with the
 * input is found here, before any array is built.
 */
import { resolveEncoder, typeClass } from '../build/column_types.js';
import type { SqlEngine } from '../engine/engine.js';
import { ident } from '../engine/sql.js';
import {
  DataError,
  DuplicateKeyError,
  ForeignKeyError,
  MissingColumnError,
  RelationalError,
  SchemaError,
  SourceError,
  UnsupportedColumnTypeError,
} from '../errors.js';
import type { ColumnEncoder, RelationalSchema, TableSchema } from '../schema/types.js';
import { parseReference } from '../schema/validate.js';
import { createSourceRelation, firstLine, sourceRelation, type SourceContext } from '../sources/attach.js';
import type { RelationalWarning } from './warnings.js';

export interface ForeignKeyInfo {
  column: string;
  parent: string;
  /** Child rows whose key matches no parent row (their edges are dropped). */
  missing: number;
}

export interface TableInfo {
  name: string;
  schema: TableSchema;
  /** Column name → DuckDB type, in the source's order. */
  columns: Map<string, string>;
  numRows: number;
  primaryKey: string | undefined;
  /** The time column and its DuckDB type. */
  time: { column: string; type: string } | undefined;
  /** View `__rel_rows_<table>`: every source column plus `__rel_id` (INTEGER, dense 0..n-1) and `__rel_t` (row time in epoch ms, or NULL). */
  rows: string;
  /** View `(key, id, t)`: primary key → node id and row time; only with a primary key. */
  ids: string | undefined;
  foreignKeys: ForeignKeyInfo[];
  /** Encoders of the feature columns (keys, target and skipped columns left out). */
  encoders: Map<string, ColumnEncoder>;
  source: string;
}

export interface Catalog {
  engine: SqlEngine;
  schema: RelationalSchema;
  tables: Map<string, TableInfo>;
  warnings: RelationalWarning[];
}

export interface OpenOptions {
  /** What a foreign key value with no parent row does: fail (default) or drop its edge with a warning. */
  onMissingForeignKey?: 'error' | 'drop';
  /** Run `INSTALL sqlite` / `INSTALL postgres` when a source needs them (downloads from the network). */
  installExtensions?: boolean;
  /** Receives each warning as it happens (they are also in `graph.warnings`). */
  onWarning?: (warning: RelationalWarning) => void;
}

/** SQL giving a time column in epoch milliseconds (DOUBLE). */
export function timeMs(expr: string, duckType: string): string {
  return typeClass(duckType) === 'date' ? `epoch_ms(${expr}::TIMESTAMP)::DOUBLE` : `epoch_ms(${expr})::DOUBLE`;
}

async function count(engine: SqlEngine, sql: string): Promise<number> {
  const rows = await engine.rows(sql);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}

async function examples(engine: SqlEngine, sql: string): Promise<string[]> {
  return (await engine.rows(sql)).map((r) => String(Object.values(r)[0]));
}

function requireColumn(info: { name: string; columns: Map<string, string> }, column: string, role: string): string {
  const type = info.columns.get(column);
  if (type === undefined) throw new MissingColumnError(info.name, column, role, [...info.columns.keys()]);
  return type;
}

async function describeTable(engine: SqlEngine, table: string, source: string): Promise<Map<string, string>> {
  try {
    const rows = await engine.rows(`DESCRIBE ${sourceRelation(table)}`);
    return new Map(rows.map((r) => [String(r['column_name']), String(r['column_type'])]));
  } catch (error) {
    throw new SourceError(table, source, firstLine(error), error);
  }
}

/** Checks a key-sorted table: a duplicate equals its predecessor in rowid order; NULLs are counted. */
async function checkPrimaryKey(engine: SqlEngine, table: string, sorted: string, pk: string): Promise<void> {
  const q = ident(pk);
  const [row] = await engine.rows(
    `SELECT (count(*) FILTER (WHERE d))::BIGINT AS dup, (count(*) - count(k))::BIGINT AS nulls ` +
      `FROM (SELECT ${q} AS k, coalesce(lag(${q}) OVER (ORDER BY rowid) = ${q}, false) AS d FROM ${sorted})`,
  );
  const dup = Number(row?.['dup'] ?? 0);
  const nulls = Number(row?.['nulls'] ?? 0);
  if (dup === 0 && nulls === 0) return;
  const sample = await examples(engine, `SELECT ${q}::VARCHAR FROM ${sorted} WHERE ${q} IS NOT NULL GROUP BY ${q} HAVING count(*) > 1 ORDER BY ${q} LIMIT 5`);
  throw new DuplicateKeyError(table, pk, dup, nulls, sample);
}

function checkTimeType(table: string, column: string, type: string): void {
  const group = typeClass(type);
  if (group !== 'timestamp' && group !== 'date') {
    throw new UnsupportedColumnTypeError(table, column, type, 'time column', 'a time column must be DATE or TIMESTAMP: cast it in the source or a view');
  }
}

async function checkTimeValues(engine: SqlEngine, info: TableInfo): Promise<void> {
  const nulls = await count(engine, `SELECT count(*) FROM ${info.rows} WHERE __rel_t IS NULL`);
  if (nulls > 0) {
    throw new DataError(`time column has ${nulls} NULL value(s); every row needs a time to be placed in a split`, { table: info.name, column: info.time!.column });
  }
}

/**
 * Reads the source once into a DuckDB table sorted by primary key (without a
 * key, by every column: the same order whichever source or thread order
 * delivered the rows), plus the row time `__rel_t` in epoch ms. DuckDB keeps a
 * sorted CREATE TABLE AS in that order, so a row's `rowid` is its rank: the
 * dense node id `__rel_id` that the view `__rel_rows_<table>` adds. One sort of
 * the rows; every later query scans this table.
 */
async function materialize(engine: SqlEngine, info: TableInfo, options: OpenOptions, warnings: RelationalWarning[]): Promise<void> {
  let src = sourceRelation(info.name);
  if (info.schema.deduplicate === true) {
    const distinct = ident(`__rel_distinct_${info.name}`);
    await asSourceError(info, () => engine.run(`CREATE TEMP TABLE ${distinct} AS SELECT DISTINCT * FROM ${src}`));
    const dropped = (await count(engine, `SELECT count(*) FROM ${src}`)) - (await count(engine, `SELECT count(*) FROM ${distinct}`));
    if (dropped > 0) {
      const warning: RelationalWarning = {
        kind: 'duplicate-rows',
        table: info.name,
        column: '',
        count: dropped,
        message: `${info.name}: dropped ${dropped} exact duplicate row(s)`,
      };
      warnings.push(warning);
      options.onWarning?.(warning);
    }
    src = distinct;
  }
  const t = info.time === undefined ? 'NULL::DOUBLE' : timeMs(`s.${ident(info.time.column)}`, info.time.type);
  const order = info.primaryKey !== undefined ? ident(info.primaryKey) : [...info.columns.keys()].map(ident).join(', ');
  const table = ident(`__rel_table_${info.name}`);
  const rows = ident(`__rel_rows_${info.name}`);
  await asSourceError(info, () => engine.run(`CREATE TEMP TABLE ${table} AS SELECT s.*, ${t} AS __rel_t FROM ${src} s ORDER BY ${order}`));
  if (src !== sourceRelation(info.name)) await engine.run(`DROP TABLE ${src}`);
  await engine.run(`CREATE TEMP VIEW ${rows} AS SELECT *, rowid::INTEGER AS __rel_id FROM ${table}`);
  info.rows = rows;
  info.numRows = await count(engine, `SELECT count(*) FROM ${table}`);
  if (info.primaryKey !== undefined) {
    await checkPrimaryKey(engine, info.name, table, info.primaryKey);
    const ids = ident(`__rel_ids_${info.name}`);
    await engine.run(`CREATE TEMP VIEW ${ids} AS SELECT ${ident(info.primaryKey)} AS key, rowid::INTEGER AS id, __rel_t AS t FROM ${table}`);
    info.ids = ids;
  }
}

/** Runs `step`, turning DuckDB's errors (a CSV that does not parse, ...) into a `SourceError` naming the table. */
async function asSourceError(info: TableInfo, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof RelationalError) throw error;
    throw new SourceError(info.name, info.source, firstLine(error), error);
  }
}

async function checkForeignKey(
  engine: SqlEngine,
  child: TableInfo,
  column: string,
  parent: TableInfo,
  options: OpenOptions,
  warnings: RelationalWarning[],
): Promise<ForeignKeyInfo> {
  const fk = ident(column);
  const from = `${child.rows} s LEFT JOIN ${parent.ids!} p ON s.${fk} = p.key WHERE s.${fk} IS NOT NULL AND p.key IS NULL`;
  let missing: number;
  try {
    missing = await count(engine, `SELECT count(*) FROM ${from}`);
  } catch (error) {
    throw new SchemaError(
      `tables.${child.name}.foreignKeys.${column}`,
      `cannot be compared with ${parent.name}.${parent.primaryKey!} (${child.columns.get(column)} vs ${parent.columns.get(parent.primaryKey!)}): ${firstLine(error)}`,
      { table: child.name, column },
    );
  }
  if (missing > 0) {
    const sample = await examples(engine, `SELECT DISTINCT s.${fk}::VARCHAR FROM ${from} ORDER BY 1 LIMIT 5`);
    const reference = `${parent.name}.${parent.primaryKey!}`;
    if ((options.onMissingForeignKey ?? 'error') === 'error') throw new ForeignKeyError(child.name, column, reference, missing, sample);
    const warning: RelationalWarning = {
      kind: 'missing-foreign-key',
      table: child.name,
      column,
      count: missing,
      message: `${child.name}.${column}: dropped ${missing} edge(s) whose ${reference} row does not exist (e.g. ${sample.join(', ')})`,
    };
    warnings.push(warning);
    options.onWarning?.(warning);
  }
  return { column, parent: parent.name, missing };
}

function checkTargetType(schema: RelationalSchema, tables: Map<string, TableInfo>): void {
  const target = schema.target!;
  const info = tables.get(target.table)!;
  const type = requireColumn(info, target.column, 'target');
  const group = typeClass(type);
  const ok = target.task === 'multiclass' ? ['string', 'numeric', 'boolean'] : target.task === 'binary' ? ['boolean', 'numeric'] : ['numeric'];
  if (!ok.includes(group)) {
    throw new UnsupportedColumnTypeError(target.table, target.column, type, `a ${target.task} target`, `a ${target.task} target takes ${ok.join(' or ')} columns`);
  }
}

async function checkTargetValues(engine: SqlEngine, schema: RelationalSchema, tables: Map<string, TableInfo>): Promise<void> {
  const target = schema.target;
  if (target === undefined || target.task !== 'binary') return;
  const info = tables.get(target.table)!;
  if (typeClass(info.columns.get(target.column)!) !== 'numeric') return;
  const c = ident(target.column);
  const bad = await count(engine, `SELECT count(*) FROM ${info.rows} WHERE ${c} IS NOT NULL AND ${c}::DOUBLE NOT IN (0, 1)`);
  if (bad > 0) throw new DataError(`binary target has ${bad} value(s) other than 0 and 1`, { table: target.table, column: target.column });
}

function featureEncoders(info: TableInfo, schema: RelationalSchema): Map<string, ColumnEncoder> {
  const overrides = info.schema.columns ?? {};
  for (const column of Object.keys(overrides)) requireColumn(info, column, 'encoder override');
  const excluded = new Set<string>([...(info.primaryKey === undefined ? [] : [info.primaryKey]), ...Object.keys(info.schema.foreignKeys ?? {})]);
  if (schema.target?.table === info.name) excluded.add(schema.target.column);
  const encoders = new Map<string, ColumnEncoder>();
  for (const [column, type] of info.columns) {
    if (excluded.has(column)) continue;
    const encoder = resolveEncoder(info.name, column, type, overrides[column]);
    if (encoder.type === 'skip' || (encoder.type === 'text' && (encoder.mode ?? 'skip') === 'skip')) continue;
    encoders.set(column, encoder);
  }
  return encoders;
}

/** Reads, checks and keys every table of the schema. Throws typed errors; the caller closes the engine on failure. */
export async function openCatalog(engine: SqlEngine, schema: RelationalSchema, options: OpenOptions): Promise<Catalog> {
  // Zoned timestamps read in UTC. DuckDB-Wasm has no ICU unless it fetches it, and then no zoned timestamps either.
  if (engine.name === 'duckdb-node') await engine.run("SET TimeZone = 'UTC'");
  const ctx: SourceContext = { engine, installExtensions: options.installExtensions ?? false, attached: new Map(), loadedExtensions: new Set() };
  const tables = new Map<string, TableInfo>();
  for (const [name, tableSchema] of Object.entries(schema.tables)) {
    const source = await createSourceRelation(ctx, name, tableSchema.source, schema.source);
    const columns = await describeTable(engine, name, source);
    const reserved = [...columns.keys()].find((c) => c.startsWith('__rel'));
    if (reserved !== undefined) {
      throw new SchemaError(`tables.${name}`, `column '${reserved}': names starting with '__rel' are reserved for the loader's own columns`, { table: name, column: reserved });
    }
    const info: TableInfo = {
      name,
      schema: tableSchema,
      columns,
      numRows: 0,
      primaryKey: tableSchema.primaryKey,
      time: undefined,
      rows: '',
      ids: undefined,
      foreignKeys: [],
      encoders: new Map(),
      source,
    };
    if (tableSchema.primaryKey !== undefined) requireColumn(info, tableSchema.primaryKey, 'primary key');
    if (tableSchema.time !== undefined) {
      info.time = { column: tableSchema.time, type: requireColumn(info, tableSchema.time, 'time') };
      checkTimeType(name, info.time.column, info.time.type);
    }
    for (const column of Object.keys(tableSchema.foreignKeys ?? {})) requireColumn(info, column, 'foreign key');
    info.encoders = featureEncoders(info, schema);
    tables.set(name, info);
  }
  if (schema.target !== undefined) checkTargetType(schema, tables);
  const warnings: RelationalWarning[] = [];
  // Every name and type is known good: now read each source once.
  for (const info of tables.values()) {
    await materialize(engine, info, options, warnings);
    if (info.time !== undefined) await checkTimeValues(engine, info);
  }
  await checkTargetValues(engine, schema, tables);
  for (const info of tables.values()) {
    for (const [column, ref] of Object.entries(info.schema.foreignKeys ?? {})) {
      const parent = tables.get(parseReference(ref).table)!;
      info.foreignKeys.push(await checkForeignKey(engine, info, column, parent, options, warnings));
    }
  }
  return { engine, schema, tables, warnings };
}

