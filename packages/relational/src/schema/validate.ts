/**
 * Structural validation of a schema (written in TS or parsed from JSON),
 * before any data is read: every error is a `SchemaError` naming its path.
 * Whether the named tables and columns exist is checked against the data later.
 */
import { SchemaError } from '../errors.js';
import type { RelationalSchema } from './types.js';

const ENCODER_TYPES = new Set(['auto', 'numeric', 'categorical', 'boolean', 'timestamp', 'text', 'skip']);
const TASKS = new Set(['binary', 'multiclass', 'regression']);
const TABLE_SOURCE_KINDS = new Set(['parquet', 'csv', 'duckdb', 'sqlite', 'postgres', 'arrays', 'arrow']);
const DATABASE_SOURCE_KINDS = new Set(['parquet', 'csv', 'duckdb', 'sqlite', 'postgres']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function expectObject(v: unknown, path: string): Json {
  if (!isObject(v)) throw new SchemaError(path, `expected an object, got ${describe(v)}`);
  return v;
}

function expectString(v: unknown, path: string, where: { table?: string; column?: string } = {}): string {
  if (typeof v !== 'string' || v === '') throw new SchemaError(path, `expected a non-empty string, got ${describe(v)}`, where);
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `'${v}'` : typeof v;
}

function checkKeys(o: Json, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) throw new SchemaError(`${path}.${key}`, `unknown field; expected one of ${allowed.join(', ')}`);
  }
}

function checkSource(v: unknown, path: string, table: string): void {
  const o = expectObject(v, path);
  const kind = expectString(o['kind'], `${path}.kind`, { table });
  if (!TABLE_SOURCE_KINDS.has(kind)) throw new SchemaError(`${path}.kind`, `unknown source kind '${kind}'`, { table });
  if (kind === 'postgres') expectString(o['connection'], `${path}.connection`, { table });
  else if (kind === 'arrays') expectObject(o['columns'], `${path}.columns`);
  else if (kind === 'arrow') expectObject(o['table'], `${path}.table`);
  else expectString(o['path'], `${path}.path`, { table });
}

function checkDatabaseSource(v: unknown, path: string): void {
  const o = expectObject(v, path);
  const kind = expectString(o['kind'], `${path}.kind`);
  if (!DATABASE_SOURCE_KINDS.has(kind)) throw new SchemaError(`${path}.kind`, `unknown database source kind '${kind}'`);
  if (kind === 'postgres') expectString(o['connection'], `${path}.connection`);
  else expectString(o['path'], `${path}.path`);
}

function checkEncoder(v: unknown, path: string, table: string, column: string): void {
  const o = expectObject(v, path);
  const type = o['type'];
  if (typeof type !== 'string' || !ENCODER_TYPES.has(type)) {
    throw new SchemaError(`${path}.type`, `expected one of ${[...ENCODER_TYPES].join(', ')}, got ${describe(type)}`, { table, column });
  }
  const mode = o['mode'];
  if (type === 'categorical' && mode !== undefined && !['auto', 'onehot', 'embedding'].includes(mode as string)) {
    throw new SchemaError(`${path}.mode`, `expected 'auto', 'onehot' or 'embedding', got ${describe(mode)}`, { table, column });
  }
  if (type === 'text' && mode !== undefined && !['skip', 'hash'].includes(mode as string)) {
    throw new SchemaError(`${path}.mode`, `expected 'skip' or 'hash', got ${describe(mode)}`, { table, column });
  }
  const dims = o['dims'];
  if (dims !== undefined && !(Number.isInteger(dims) && (dims as number) > 0)) {
    throw new SchemaError(`${path}.dims`, `expected a positive integer, got ${describe(dims)}`, { table, column });
  }
}

/** The table and column a foreign key references (`'accounts'` or `'accounts.id'`). */
export function parseReference(ref: string): { table: string; column: string | undefined } {
  const dot = ref.lastIndexOf('.');
  return dot < 0 ? { table: ref, column: undefined } : { table: ref.slice(0, dot), column: ref.slice(dot + 1) };
}

function checkTable(name: string, v: unknown, tables: Json, path: string): void {
  const t = expectObject(v, path);
  checkKeys(t, ['primaryKey', 'time', 'foreignKeys', 'columns', 'source', 'deduplicate'], path);
  if (t['deduplicate'] !== undefined && typeof t['deduplicate'] !== 'boolean') {
    throw new SchemaError(`${path}.deduplicate`, `expected true or false, got ${describe(t['deduplicate'])}`, { table: name });
  }
  if (t['primaryKey'] !== undefined) expectString(t['primaryKey'], `${path}.primaryKey`, { table: name });
  if (t['time'] !== undefined) expectString(t['time'], `${path}.time`, { table: name });
  if (t['source'] !== undefined) checkSource(t['source'], `${path}.source`, name);
  if (t['foreignKeys'] !== undefined) {
    const fks = expectObject(t['foreignKeys'], `${path}.foreignKeys`);
    for (const [column, ref] of Object.entries(fks)) {
      const at = `${path}.foreignKeys.${column}`;
      const { table, column: refColumn } = parseReference(expectString(ref, at, { table: name, column }));
      const parent = tables[table];
      if (!isObject(parent)) throw new SchemaError(at, `references table '${table}', which the schema does not define`, { table: name, column });
      const pk = parent['primaryKey'];
      if (typeof pk !== 'string') {
        throw new SchemaError(at, `references table '${table}', which has no primaryKey (a foreign key points at a primary key)`, { table: name, column });
      }
      if (refColumn !== undefined && refColumn !== pk) {
        throw new SchemaError(at, `references ${table}.${refColumn}, but ${table}'s primary key is '${pk}'`, { table: name, column });
      }
      if (column === t['primaryKey']) throw new SchemaError(at, 'a column cannot be both the primary key and a foreign key', { table: name, column });
    }
  }
  if (t['columns'] !== undefined) {
    const columns = expectObject(t['columns'], `${path}.columns`);
    for (const [column, enc] of Object.entries(columns)) checkEncoder(enc, `${path}.columns.${column}`, name, column);
  }
}

/**
 * Checks a schema's structure and returns it typed. Accepts what `JSON.parse`
 * gives; throws `SchemaError` naming the offending path.
 *
 * @example
 * ```ts
 * const schema = parseSchema(JSON.parse(text));
 * ```
 */
export function parseSchema(value: unknown): RelationalSchema {
  const root = expectObject(value, '(root)');
  checkKeys(root, ['tables', 'target', 'source', 'encoders', '$schema', 'description'], '(root)');
  const tables = expectObject(root['tables'], 'tables');
  if (Object.keys(tables).length === 0) throw new SchemaError('tables', 'a schema needs at least one table');
  for (const [name, t] of Object.entries(tables)) {
    if (name.startsWith('__rel')) throw new SchemaError(`tables.${name}`, "table names starting with '__rel' are reserved", { table: name });
    checkTable(name, t, tables, `tables.${name}`);
  }
  if (root['source'] !== undefined) checkDatabaseSource(root['source'], 'source');
  if (root['target'] !== undefined) {
    const target = expectObject(root['target'], 'target');
    checkKeys(target, ['table', 'column', 'task'], 'target');
    const table = expectString(target['table'], 'target.table');
    const column = expectString(target['column'], 'target.column', { table });
    const task = target['task'];
    if (typeof task !== 'string' || !TASKS.has(task)) {
      throw new SchemaError('target.task', `expected 'binary', 'multiclass' or 'regression', got ${describe(task)}`, { table, column });
    }
    const t = tables[table];
    if (!isObject(t)) throw new SchemaError('target.table', `table '${table}' is not in the schema`, { table });
    const fks = isObject(t['foreignKeys']) ? Object.keys(t['foreignKeys']) : [];
    if (column === t['primaryKey'] || fks.includes(column)) {
      throw new SchemaError('target.column', 'the target cannot be a key column', { table, column });
    }
  }
  if (root['encoders'] !== undefined) {
    const enc = expectObject(root['encoders'], 'encoders');
    checkKeys(enc, ['oneHotMaxCardinality', 'textHashDims'], 'encoders');
    for (const key of ['oneHotMaxCardinality', 'textHashDims']) {
      const v = enc[key];
      if (v !== undefined && !(Number.isInteger(v) && (v as number) > 0)) throw new SchemaError(`encoders.${key}`, `expected a positive integer, got ${describe(v)}`);
    }
  }
  return value as RelationalSchema;
}

/**
 * Typed identity that validates: write a schema in TypeScript with completion
 * and get the same checks as a JSON schema.
 *
 * @example
 * ```ts
 * const schema = defineSchema({
 *   tables: {
 *     accounts: { primaryKey: 'id' },
 *     transactions: { primaryKey: 'id', time: 'ts', foreignKeys: { account_id: 'accounts' } },
 *   },
 *   target: { table: 'transactions', column: 'is_fraud', task: 'binary' },
 * });
 * ```
 */
export function defineSchema(schema: RelationalSchema): RelationalSchema {
  return parseSchema(schema);
}
