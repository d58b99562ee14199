/**
 * `loadSchema(path)`: a schema from a JSON file, validated, with the relative
 * paths of its sources resolved against the file's folder (so a dataset folder
 * with its `schema.json` loads from anywhere). Node only.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { SchemaError } from '../errors.js';
import type { RelationalSchema } from './types.js';
import { parseSchema } from './validate.js';

function resolvePath<T extends { kind: string }>(source: T, base: string): T {
  if (!('path' in source) || typeof source.path !== 'string' || isAbsolute(source.path)) return source;
  return { ...source, path: resolve(base, source.path) };
}

/**
 * Reads and validates a JSON schema file.
 *
 * @example
 * ```ts
 * const schema = await loadSchema('data/payments/schema.json');
 * // { "source": { "kind": "parquet", "path": "." }, "tables": { ... } } reads data/payments/<table>.parquet
 * ```
 */
export async function loadSchema(path: string): Promise<RelationalSchema> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SchemaError(path, `cannot read the schema file: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SchemaError(path, `not valid JSON: ${(error as Error).message}`);
  }
  const schema = parseSchema(json);
  const base = dirname(resolve(path));
  const tables: RelationalSchema['tables'] = {};
  for (const [name, table] of Object.entries(schema.tables)) {
    tables[name] = table.source === undefined ? table : { ...table, source: resolvePath(table.source, base) };
  }
  return { ...schema, tables, ...(schema.source === undefined ? {} : { source: resolvePath(schema.source, base) }) };
}
