/**
 * Fits each feature column's encoder on the training rows, inside DuckDB:
 * means and standard deviations, category vocabularies (kept as DuckDB tables,
 * only the small one-hot ones come to JS). Training rows are the rows at or
 * before `trainUntil` for tables with a time column, every row otherwise.
 */
import type { SqlEngine } from '../engine/engine.js';
import { ident, numberLiteral } from '../engine/sql.js';
import type { Catalog, TableInfo } from '../database/catalog.js';
import { typeClass } from './column_types.js';

export type FeaturePlan =
  | { kind: 'numeric'; column: string; mean: number; std: number; flag: boolean }
  | { kind: 'boolean'; column: string; flag: boolean }
  | { kind: 'onehot'; column: string; vocab: string; categories: string[] }
  | { kind: 'embedding'; column: string; vocab: string; cardinality: number }
  | { kind: 'timestamp'; column: string; type: string; hour: boolean; age: boolean }
  | { kind: 'hash'; column: string; dims: number };

export interface TablePlan {
  table: TableInfo;
  features: FeaturePlan[];
}

export interface TargetPlan {
  /** Vocabulary table of a multiclass target and its classes. */
  vocab?: string;
  classes?: string[];
}

export interface EncoderPlans {
  tables: Map<string, TablePlan>;
  target: TargetPlan;
  trainUntil: number | undefined;
}

const DEFAULT_ONE_HOT_MAX = 16;
const DEFAULT_HASH_DIMS = 32;

/** SQL condition selecting a table's training rows (alias `s`). */
export function trainingRows(info: TableInfo, trainUntil: number | undefined): string {
  if (trainUntil === undefined || info.time === undefined) return 'true';
  return `s.__rel_t <= ${numberLiteral(trainUntil)}`;
}

let vocabCounter = 0;

async function vocabulary(engine: SqlEngine, info: TableInfo, column: string, train: string): Promise<{ name: string; size: number }> {
  const name = ident(`__rel_vocab_${vocabCounter++}`);
  const c = `s.${ident(column)}`;
  await engine.run(
    `CREATE TEMP TABLE ${name} AS SELECT value, (row_number() OVER (ORDER BY value))::INTEGER AS idx ` +
      `FROM (SELECT DISTINCT ${c}::VARCHAR AS value FROM ${info.rows} s WHERE ${c} IS NOT NULL AND ${train})`,
  );
  const rows = await engine.rows(`SELECT count(*)::INTEGER AS n FROM ${name}`);
  return { name, size: Number(rows[0]?.['n'] ?? 0) };
}

async function numericStats(engine: SqlEngine, info: TableInfo, columns: string[], train: string): Promise<Map<string, { mean: number; std: number; missing: number }>> {
  const out = new Map<string, { mean: number; std: number; missing: number }>();
  if (columns.length === 0) return out;
  const parts = columns.flatMap((column, i) => {
    const v = `s.${ident(column)}::DOUBLE`;
    const ok = `coalesce(isfinite(${v}), false)`;
    return [
      `avg(${v}) FILTER (WHERE ${ok} AND ${train}) AS m${i}`,
      `stddev_pop(${v}) FILTER (WHERE ${ok} AND ${train}) AS s${i}`,
      `count(*) FILTER (WHERE NOT ${ok}) AS n${i}`,
    ];
  });
  const [row] = await engine.rows(`SELECT ${parts.join(', ')} FROM ${info.rows} s`);
  columns.forEach((column, i) => {
    const mean = row?.[`m${i}`];
    const std = row?.[`s${i}`];
    out.set(column, {
      mean: typeof mean === 'number' && Number.isFinite(mean) ? mean : 0,
      // A constant (or empty) column stays at 0 rather than dividing by zero.
      std: typeof std === 'number' && std > 0 && Number.isFinite(std) ? std : 1,
      missing: Number(row?.[`n${i}`] ?? 0),
    });
  });
  return out;
}

async function planTable(catalog: Catalog, info: TableInfo, trainUntil: number | undefined): Promise<TablePlan> {
  const { engine } = catalog;
  const defaults = catalog.schema.encoders ?? {};
  const oneHotMax = defaults.oneHotMaxCardinality ?? DEFAULT_ONE_HOT_MAX;
  const train = trainingRows(info, trainUntil);
  const numericColumns = [...info.encoders].filter(([, e]) => e.type === 'numeric').map(([c]) => c);
  const stats = await numericStats(engine, info, numericColumns, train);
  const features: FeaturePlan[] = [];
  for (const [column, encoder] of info.encoders) {
    switch (encoder.type) {
      case 'numeric': {
        const s = stats.get(column)!;
        features.push({ kind: 'numeric', column, mean: s.mean, std: s.std, flag: encoder.missingFlag === 'always' || s.missing > 0 });
        break;
      }
      case 'boolean': {
        const [row] = await engine.rows(`SELECT (count(*) - count(${ident(column)}))::BIGINT AS n FROM ${info.rows}`);
        features.push({ kind: 'boolean', column, flag: Number(row?.['n'] ?? 0) > 0 });
        break;
      }
      case 'categorical': {
        const vocab = await vocabulary(engine, info, column, train);
        const mode = encoder.mode ?? 'auto';
        if (mode === 'onehot' || (mode === 'auto' && vocab.size + 1 <= oneHotMax)) {
          const categories = (await engine.rows(`SELECT value FROM ${vocab.name} ORDER BY idx`)).map((r) => String(r['value']));
          features.push({ kind: 'onehot', column, vocab: vocab.name, categories });
        } else {
          features.push({ kind: 'embedding', column, vocab: vocab.name, cardinality: vocab.size + 1 });
        }
        break;
      }
      case 'timestamp': {
        const type = info.columns.get(column)!;
        features.push({ kind: 'timestamp', column, type, hour: typeClass(type) === 'timestamp', age: column !== info.time?.column });
        break;
      }
      case 'text':
        features.push({ kind: 'hash', column, dims: encoder.dims ?? defaults.textHashDims ?? DEFAULT_HASH_DIMS });
        break;
      default:
        break;
    }
  }
  return { table: info, features };
}

/** Fits every table's encoders (and a multiclass target's classes) on the training rows. */
export async function planEncoders(catalog: Catalog, trainUntil: number | undefined): Promise<EncoderPlans> {
  const tables = new Map<string, TablePlan>();
  for (const info of catalog.tables.values()) tables.set(info.name, await planTable(catalog, info, trainUntil));
  const target: TargetPlan = {};
  const t = catalog.schema.target;
  if (t !== undefined && t.task === 'multiclass') {
    const info = catalog.tables.get(t.table)!;
    const vocab = await vocabulary(catalog.engine, info, t.column, trainingRows(info, trainUntil));
    target.vocab = vocab.name;
    target.classes = (await catalog.engine.rows(`SELECT value FROM ${vocab.name} ORDER BY idx`)).map((r) => String(r['value']));
  }
  return { tables, target, trainUntil };
}

