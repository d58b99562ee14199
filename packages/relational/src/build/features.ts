/**
 * A table's feature matrices, computed by one DuckDB query (plus one per
 * hashed text column) and scattered by node id into zero-filled typed arrays.
 * Rows that a snapshot cannot see yet are simply not selected: they stay zero
 * (and "unknown" for categories).
 */
import type { ColumnKind, SqlEngine } from '../engine/engine.js';
import { ident, numberLiteral } from '../engine/sql.js';
import { timeMs } from '../database/catalog.js';
import type { EncodedColumn } from '../graph_arrays.js';
import type { FeaturePlan, TablePlan } from './encoder_plan.js';

export interface Snapshot {
  /** Rows of tables with a time column after this are invisible; undefined: all visible. */
  cutoff: number | undefined;
  /** Prediction time (epoch ms) of rows of tables without a time column. */
  reference: number;
}

interface Column {
  name: string;
  sql: string;
}

const TAU = '(2 * pi())';
const MS_PER_YEAR = 365.25 * 86_400_000;

/** Condition for a row being visible in the snapshot (alias `s`). */
export function visibleRows(plan: TablePlan['table'], snapshot: Snapshot): string {
  if (snapshot.cutoff === undefined || plan.time === undefined) return 'true';
  return `s.__rel_t <= ${numberLiteral(snapshot.cutoff)}`;
}

function featureColumns(plan: FeaturePlan, index: number, table: TablePlan['table'], snapshot: Snapshot): { floats: Column[]; ints: Column[]; joins: string[] } {
  const c = `s.${ident(plan.column)}`;
  const name = plan.column;
  switch (plan.kind) {
    case 'numeric': {
      const ok = `coalesce(isfinite(${c}::DOUBLE), false)`;
      const floats = [{ name, sql: `CASE WHEN ${ok} THEN (${c}::DOUBLE - ${numberLiteral(plan.mean)}) / ${numberLiteral(plan.std)} ELSE 0 END` }];
      if (plan.flag) floats.push({ name: `${name}:missing`, sql: `CASE WHEN ${ok} THEN 0 ELSE 1 END` });
      return { floats, ints: [], joins: [] };
    }
    case 'boolean': {
      const floats = [{ name, sql: `coalesce(${c}::DOUBLE, 0)` }];
      if (plan.flag) floats.push({ name: `${name}:missing`, sql: `CASE WHEN ${c} IS NULL THEN 1 ELSE 0 END` });
      return { floats, ints: [], joins: [] };
    }
    case 'onehot':
    case 'embedding': {
      const v = `v${index}`;
      const joins = [`LEFT JOIN ${plan.vocab} ${v} ON ${c}::VARCHAR = ${v}.value`];
      const idx = `coalesce(${v}.idx, 0)`;
      if (plan.kind === 'embedding') return { floats: [], ints: [{ name, sql: idx }], joins };
      const floats = ['<unknown>', ...plan.categories].map((category, k) => ({ name: `${name}=${category}`, sql: `CASE WHEN ${idx} = ${k} THEN 1 ELSE 0 END` }));
      return { floats, ints: [], joins };
    }
    case 'timestamp': {
      const predict = table.time === undefined ? numberLiteral(snapshot.reference) : 's.__rel_t';
      // A timestamp from after the prediction time is not known yet: it reads as missing.
      const valid = plan.age ? `(${c} IS NOT NULL AND ${timeMs(c, plan.type)} <= ${predict})` : `(${c} IS NOT NULL)`;
      const cyclic = (part: string, value: string, period: number): Column[] => [
        { name: `${name}:${part}_sin`, sql: `CASE WHEN ${valid} THEN sin(${TAU} * (${value}) / ${period}) ELSE 0 END` },
        { name: `${name}:${part}_cos`, sql: `CASE WHEN ${valid} THEN cos(${TAU} * (${value}) / ${period}) ELSE 0 END` },
      ];
      const floats = [
        ...(plan.hour ? cyclic('hour', `hour(${c})`, 24) : []),
        ...cyclic('dow', `isodow(${c}) - 1`, 7),
        ...cyclic('month', `month(${c}) - 1`, 12),
      ];
      if (plan.age) {
        floats.push({ name: `${name}:age_years`, sql: `CASE WHEN ${valid} THEN (${predict} - ${timeMs(c, plan.type)}) / ${MS_PER_YEAR} ELSE 0 END` });
        floats.push({ name: `${name}:missing`, sql: `CASE WHEN ${valid} THEN 0 ELSE 1 END` });
      }
      return { floats, ints: [], joins: [] };
    }
    case 'hash':
      return { floats: [], ints: [], joins: [] };
  }
}

export interface TableFeatures {
  x: Float32Array;
  featureNames: string[];
  categorical: Int32Array;
  categoricalNames: string[];
  cardinalities: number[];
  encoders: EncodedColumn[];
}

/** Builds one table's `x` and `categorical` for a snapshot. */
export async function buildFeatures(plan: TablePlan, snapshot: Snapshot, engine: SqlEngine): Promise<TableFeatures> {
  const table = plan.table;
  const floats: Column[] = [];
  const ints: Column[] = [];
  const joins: string[] = [];
  const encoders: EncodedColumn[] = [];
  const cardinalities: number[] = [];
  const hashed: { plan: Extract<FeaturePlan, { kind: 'hash' }>; offset: number }[] = [];
  plan.features.forEach((feature, i) => {
    const cols = featureColumns(feature, i, table, snapshot);
    const names = cols.floats.map((f) => f.name);
    switch (feature.kind) {
      case 'numeric':
        encoders.push({ column: feature.column, encoder: 'numeric', mean: feature.mean, std: feature.std, features: names });
        break;
      case 'boolean':
        encoders.push({ column: feature.column, encoder: 'boolean', features: names });
        break;
      case 'onehot':
        encoders.push({ column: feature.column, encoder: 'onehot', categories: feature.categories, features: names });
        break;
      case 'embedding':
        encoders.push({ column: feature.column, encoder: 'embedding', cardinality: feature.cardinality, categoricalIndex: ints.length });
        cardinalities.push(feature.cardinality);
        break;
      case 'timestamp':
        encoders.push({ column: feature.column, encoder: 'timestamp', features: names });
        break;
      case 'hash': {
        const hashNames = Array.from({ length: feature.dims }, (_, k) => `${feature.column}#${k}`);
        hashed.push({ plan: feature, offset: floats.length });
        encoders.push({ column: feature.column, encoder: 'hash', dims: feature.dims, features: hashNames });
        floats.push(...hashNames.map((n) => ({ name: n, sql: '0' })));
        break;
      }
    }
    floats.push(...cols.floats);
    ints.push(...cols.ints);
    joins.push(...cols.joins);
  });
  const n = table.numRows;
  const numFloats = floats.length;
  const numInts = ints.length;
  const x = new Float32Array(n * numFloats);
  const categorical = new Int32Array(n * numInts);
  const visible = visibleRows(table, snapshot);
  const direct = floats.filter((f) => f.sql !== '0');
  const directOffsets = floats.flatMap((f, k) => (f.sql === '0' ? [] : [k]));
  if (direct.length + numInts > 0) {
    const select = [
      's.__rel_id',
      ...direct.map((f) => `(${f.sql})::FLOAT`),
      ...ints.map((f) => `(${f.sql})::INTEGER`),
    ].join(', ');
    const kinds: ColumnKind[] = ['int32', ...direct.map((): ColumnKind => 'float32'), ...ints.map((): ColumnKind => 'int32')];
    await engine.scan(`SELECT ${select} FROM ${table.rows} s ${joins.join(' ')} WHERE ${visible}`, kinds, (columns, rows) => {
      const id = columns[0] as Int32Array;
      for (let j = 0; j < direct.length; j += 1) {
        const col = columns[1 + j]!;
        const offset = directOffsets[j]!;
        for (let r = 0; r < rows; r += 1) x[id[r]! * numFloats + offset] = col[r]!;
      }
      for (let j = 0; j < numInts; j += 1) {
        const col = columns[1 + direct.length + j]!;
        for (let r = 0; r < rows; r += 1) categorical[id[r]! * numInts + j] = col[r]!;
      }
    });
  }
  for (const { plan: h, offset } of hashed) {
    const c = `s.${ident(h.column)}`;
    // Token counts hashed into buckets: lower-cased, split on anything not a letter or digit.
    const sql =
      `SELECT id, (hash(token) % ${h.dims})::INTEGER AS bucket, count(*)::FLOAT AS n FROM (` +
      `SELECT s.__rel_id AS id, unnest(string_split_regex(lower(${c}), '[^a-z0-9]+')) AS token FROM ${table.rows} s ` +
      `WHERE ${c} IS NOT NULL AND ${visible}) WHERE token <> '' GROUP BY ALL`;
    await engine.scan(sql, ['int32', 'int32', 'float32'], (columns, rows) => {
      const [id, bucket, count] = columns as [Int32Array, Int32Array, Float32Array];
      for (let r = 0; r < rows; r += 1) x[id[r]! * numFloats + offset + bucket[r]!] = count[r]!;
    });
  }
  return {
    x,
    featureNames: floats.map((f) => f.name),
    categorical,
    categoricalNames: ints.map((f) => f.name),
    cardinalities,
    encoders,
  };
}
