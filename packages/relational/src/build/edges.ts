/**
 * Edge lists from foreign keys, joined and remapped to dense ids in DuckDB.
 * A child row has at most one edge per foreign key, so the edges are scattered
 * by child id and compacted: their order is the child ids' order, whatever
 * order DuckDB's threads produced them in.
 */
import type { SqlEngine } from '../engine/engine.js';
import { ident, numberLiteral } from '../engine/sql.js';
import type { ForeignKeyInfo, TableInfo } from '../database/catalog.js';
import { timeMs } from '../database/catalog.js';
import type { EdgeTypeArrays } from '../graph_arrays.js';

/** The forward edge type of a foreign key and its reverse (sharing the same arrays). */
export async function buildForeignKeyEdges(
  engine: SqlEngine,
  child: TableInfo,
  fk: ForeignKeyInfo,
  parent: TableInfo,
  cutoff: number | undefined,
): Promise<[EdgeTypeArrays, EdgeTypeArrays]> {
  const times: string[] = [];
  if (child.time !== undefined) times.push(timeMs(`s.${ident(child.time.column)}`, child.time.type));
  if (parent.time !== undefined) times.push('p.t');
  const timed = times.length > 0;
  const edgeTime = times.length === 0 ? '0::DOUBLE' : times.length === 1 ? times[0]! : `greatest(${times.join(', ')})`;
  const where = cutoff === undefined || !timed ? '' : `WHERE ${edgeTime} <= ${numberLiteral(cutoff)}`;
  const sql = `SELECT s.__rel_id, p.id, (${edgeTime})::DOUBLE FROM ${child.rows} s JOIN ${parent.ids!} p ON s.${ident(fk.column)} = p.key ${where}`;
  const n = child.numRows;
  const dstByChild = new Int32Array(n).fill(-1);
  const timeByChild = timed ? new Float64Array(n) : undefined;
  await engine.scan(sql, ['int32', 'int32', 'float64'], (columns, rows) => {
    const [id, dst, t] = columns as [Int32Array, Int32Array, Float64Array];
    for (let r = 0; r < rows; r += 1) {
      dstByChild[id[r]!] = dst[r]!;
      if (timeByChild !== undefined) timeByChild[id[r]!] = t[r]!;
    }
  });
  let numEdges = 0;
  for (let i = 0; i < n; i += 1) if (dstByChild[i]! >= 0) numEdges += 1;
  const src = new Int32Array(numEdges);
  const dst = new Int32Array(numEdges);
  const time = timeByChild === undefined ? undefined : new Float64Array(numEdges);
  for (let i = 0, e = 0; i < n; i += 1) {
    const d = dstByChild[i]!;
    if (d < 0) continue;
    src[e] = i;
    dst[e] = d;
    if (time !== undefined) time[e] = timeByChild![i]!;
    e += 1;
  }
  const forward: EdgeTypeArrays = { type: [child.name, fk.column, parent.name], numEdges, src, dst };
  const reverse: EdgeTypeArrays = { type: [parent.name, `rev_${fk.column}`, child.name], numEdges, src: dst, dst: src };
  if (time !== undefined) {
    forward.time = time;
    reverse.time = time;
  }
  return [forward, reverse];
}
