/** Per-node arrays besides features: row times, numeric primary keys, labels. */
import type { SqlEngine } from '../engine/engine.js';
import { ident } from '../engine/sql.js';
import type { TableInfo } from '../database/catalog.js';
import { typeClass } from './column_types.js';
import type { TargetPlan } from './encoder_plan.js';
import { visibleRows, type Snapshot } from './features.js';
import type { TaskType } from '../schema/types.js';

/** Epoch ms of each node's row, or undefined for a table without a time column. */
export async function nodeTimes(engine: SqlEngine, info: TableInfo): Promise<Float64Array | undefined> {
  if (info.time === undefined) return undefined;
  const out = new Float64Array(info.numRows);
  await engine.scan(`SELECT s.__rel_id, s.__rel_t FROM ${info.rows} s`, ['int32', 'float64'], (columns, rows) => {
    const [id, time] = columns as [Int32Array, Float64Array];
    for (let r = 0; r < rows; r += 1) out[id[r]!] = time[r]!;
  });
  return out;
}

/** Each node's primary key when it is numeric. */
export async function nodeKeys(engine: SqlEngine, info: TableInfo): Promise<Float64Array | undefined> {
  if (info.ids === undefined || typeClass(info.columns.get(info.primaryKey!)!) !== 'numeric') return undefined;
  const out = new Float64Array(info.numRows);
  await engine.scan(`SELECT id, key::DOUBLE FROM ${info.ids}`, ['int32', 'float64'], (columns, rows) => {
    const [id, key] = columns as [Int32Array, Float64Array];
    for (let r = 0; r < rows; r += 1) out[id[r]!] = key[r]!;
  });
  return out;
}

/** Labels of the target table's nodes visible in the snapshot (NaN / -1 for the others and for NULL labels). */
export async function nodeLabels(
  engine: SqlEngine,
  info: TableInfo,
  column: string,
  task: TaskType,
  target: TargetPlan,
  snapshot: Snapshot,
): Promise<{ y: Float32Array | Int32Array; unseen: number }> {
  const c = `s.${ident(column)}`;
  const visible = visibleRows(info, snapshot);
  if (task === 'multiclass') {
    const y = new Int32Array(info.numRows).fill(-1);
    let unseen = 0;
    const sql = `SELECT s.__rel_id, coalesce(v.idx - 1, CASE WHEN ${c} IS NULL THEN -1 ELSE -2 END)::INTEGER FROM ${info.rows} s LEFT JOIN ${target.vocab!} v ON ${c}::VARCHAR = v.value WHERE ${visible}`;
    await engine.scan(sql, ['int32', 'int32'], (columns, rows) => {
      const [id, label] = columns as [Int32Array, Int32Array];
      for (let r = 0; r < rows; r += 1) {
        const l = label[r]!;
        if (l === -2) unseen += 1;
        y[id[r]!] = l < 0 ? -1 : l;
      }
    });
    return { y, unseen };
  }
  const y = new Float32Array(info.numRows).fill(Number.NaN);
  const value = `CASE WHEN coalesce(isfinite(${c}::DOUBLE), false) THEN ${c}::DOUBLE ELSE 'NaN'::DOUBLE END`;
  await engine.scan(`SELECT s.__rel_id, (${value})::FLOAT FROM ${info.rows} s WHERE ${visible}`, ['int32', 'float32'], (columns, rows) => {
    const [id, label] = columns as [Int32Array, Float32Array];
    for (let r = 0; r < rows; r += 1) y[id[r]!] = label[r]!;
  });
  return { y, unseen: 0 };
}
