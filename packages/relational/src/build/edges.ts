/**
 * Edge lists from foreign keys, joined and remapped to dense ids in DuckDB:
 * one scan per child table gives, for every child row, the parent id and the
 * edge time of each of its foreign keys. A child row has at most one edge per
 * foreign key, so edges are written by child id and compacted: their order is
 * the child ids' order, whatever order DuckDB's threads produced them in.
 */
import type { SqlEngine, ColumnKind } from '../engine/engine.js';
import { ident } from '../engine/sql.js';
import type { TableInfo } from '../database/catalog.js';
import type { EdgeTypeArrays } from '../graph_arrays.js';

/** Every foreign key of `child` as an edge type and its reverse (sharing the same arrays). */
export async function buildForeignKeyEdges(
  engine: SqlEngine,
  child: TableInfo,
  tables: ReadonlyMap<string, TableInfo>,
  cutoff: number | undefined,
): Promise<EdgeTypeArrays[]> {
  const fks = child.foreignKeys;
  if (fks.length === 0) return [];
  const n = child.numRows;
  const select = ['s.__rel_id'];
  const joins: string[] = [];
  const timed: boolean[] = [];
  fks.forEach((fk, k) => {
    const parent = tables.get(fk.parent)!;
    const times = [...(child.time === undefined ? [] : ['s.__rel_t']), ...(parent.time === undefined ? [] : [`p${k}.t`])];
    timed.push(times.length > 0);
    const edgeTime = times.length === 0 ? '0' : times.length === 1 ? times[0]! : `greatest(${times.join(', ')})`;
    select.push(`coalesce(p${k}.id, -1)::INTEGER`, `coalesce(${edgeTime}, 0)::DOUBLE`);
    joins.push(`LEFT JOIN ${parent.ids!} p${k} ON s.${ident(fk.column)} = p${k}.key`);
  });
  const dstByChild = fks.map(() => new Int32Array(n).fill(-1));
  const timeByChild = fks.map((_, k) => (timed[k] ? new Float64Array(n) : undefined));
  const kinds: ColumnKind[] = ['int32', ...fks.flatMap((): ColumnKind[] => ['int32', 'float64'])];
  await engine.scan(`SELECT ${select.join(', ')} FROM ${child.rows} s ${joins.join(' ')}`, kinds, (columns, rows) => {
    const id = columns[0] as Int32Array;
    for (let k = 0; k < fks.length; k += 1) {
      const dst = columns[1 + 2 * k] as Int32Array;
      const time = columns[2 + 2 * k] as Float64Array;
      const outDst = dstByChild[k]!;
      const outTime = timeByChild[k];
      for (let r = 0; r < rows; r += 1) {
        // An edge that exists only after the snapshot's cut-off is left out.
        if (cutoff !== undefined && outTime !== undefined && time[r]! > cutoff) continue;
        outDst[id[r]!] = dst[r]!;
        if (outTime !== undefined) outTime[id[r]!] = time[r]!;
      }
    }
  });
  return fks.flatMap((fk, k) => compact(child.name, fk.column, fk.parent, dstByChild[k]!, timeByChild[k]));
}

function compact(child: string, column: string, parent: string, dstByChild: Int32Array, timeByChild: Float64Array | undefined): EdgeTypeArrays[] {
  let numEdges = 0;
  for (let i = 0; i < dstByChild.length; i += 1) if (dstByChild[i]! >= 0) numEdges += 1;
  const src = new Int32Array(numEdges);
  const dst = new Int32Array(numEdges);
  const time = timeByChild === undefined ? undefined : new Float64Array(numEdges);
  for (let i = 0, e = 0; i < dstByChild.length; i += 1) {
    const d = dstByChild[i]!;
    if (d < 0) continue;
    src[e] = i;
    dst[e] = d;
    if (time !== undefined) time[e] = timeByChild![i]!;
    e += 1;
  }
  const forward: EdgeTypeArrays = { type: [child, column, parent], numEdges, src, dst };
  const reverse: EdgeTypeArrays = { type: [parent, `rev_${column}`, child], numEdges, src: dst, dst: src };
  if (time !== undefined) {
    forward.time = time;
    reverse.time = time;
  }
  return [forward, reverse];
}
