/**
 * `subgraphType: 'bidirectional'`: PyG's `SamplerOutput.to_bidirectional()`.
 * Each sampled edge is joined by its reverse, duplicates merged, edges sorted
 * by (destination, source) as PyG's `coalesce(sort_by_row=False)`.
 */
import type { SampleOutput, SamplerGraph } from './neighbor_sample.js';

/**
 * Edges `(row, col)` ∪ `(revCol, revRow)`, deduplicated and sorted by
 * `(col, row)`. The edge id of a merged edge is that of the first edge with
 * these ends, original edges before reversed ones (PyG keeps an arbitrary one).
 */
export function mergeReversed(
  row: Int32Array,
  col: Int32Array,
  revRow: Int32Array,
  revCol: Int32Array,
  numRows: number,
  edge?: Int32Array,
  revEdge?: Int32Array,
): { row: Int32Array; col: Int32Array; edge: Int32Array | undefined } {
  const n = row.length + revRow.length;
  const r = new Int32Array(n);
  const c = new Int32Array(n);
  const e = edge === undefined ? undefined : new Int32Array(n);
  r.set(row);
  c.set(col);
  e?.set(edge!);
  r.set(revCol, row.length);
  c.set(revRow, row.length);
  if (e !== undefined && revEdge !== undefined) e.set(revEdge, row.length);
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) keys[k] = c[k]! * Math.max(numRows, 1) + r[k]!;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => keys[a]! - keys[b]! || a - b);
  const outRow: number[] = [];
  const outCol: number[] = [];
  const outEdge: number[] = [];
  let last = -1;
  for (const k of order) {
    if (keys[k] === last) continue;
    last = keys[k]!;
    outRow.push(r[k]!);
    outCol.push(c[k]!);
    if (e !== undefined) outEdge.push(e[k]!);
  }
  return { row: Int32Array.from(outRow), col: Int32Array.from(outCol), edge: e === undefined ? undefined : Int32Array.from(outEdge) };
}

/**
 * PyG's rules, per edge type: a homogeneous graph's edges merge with their own
 * reverses (edge ids kept); in a heterogeneous graph, an edge type
 * `(s, rel, d)` not starting with `rev_` merges with `(d, rev_rel, s)` (which
 * becomes its mirror) or, without one, with the unique edge type from `d` to
 * `s` (or itself when `s = d`); their edge ids are dropped, as in PyG.
 * `numSampledNodes`/`numSampledEdges` no longer describe the edges and are cleared.
 */
export function toBidirectional(graph: SamplerGraph, out: SampleOutput, homogeneous: boolean): SampleOutput {
  const row = [...out.row];
  const col = [...out.col];
  const edge = [...out.edge];
  const size = (t: number): number => out.node[t]!.length;
  if (homogeneous) {
    const merged = mergeReversed(out.row[0]!, out.col[0]!, out.row[0]!, out.col[0]!, size(0), out.edge[0], out.edge[0]);
    return { ...out, row: [merged.row], col: [merged.col], edge: [merged.edge], numSampledNodes: [], numSampledEdges: [] };
  }
  const keyOf = (t: readonly string[]): string => t.join('__');
  const index = new Map(graph.edgeTypes.map((t, i) => [keyOf(t), i]));
  graph.edgeTypes.forEach((type, r) => {
    const [s, rel, d] = type;
    if (rel.startsWith('rev_')) return;
    const srcT = graph.srcType[r]!;
    const rev = index.get(keyOf([d, `rev_${rel}`, s]));
    if (s === d && rev === undefined) {
      const m = mergeReversed(out.row[r]!, out.col[r]!, out.row[r]!, out.col[r]!, size(srcT));
      row[r] = m.row;
      col[r] = m.col;
      edge[r] = undefined;
    } else if (rev !== undefined) {
      const m = mergeReversed(out.row[r]!, out.col[r]!, out.row[rev]!, out.col[rev]!, size(srcT));
      row[r] = m.row;
      col[r] = m.col;
      edge[r] = undefined;
      row[rev] = m.col;
      col[rev] = m.row;
      edge[rev] = undefined;
    } else {
      const candidates = graph.edgeTypes.map((t, i) => [t, i] as const).filter(([t]) => t[0] === d && t[2] === s);
      if (candidates.length !== 1) return; // PyG warns and leaves the edge type as sampled.
      const other = candidates[0]![1];
      const m = mergeReversed(out.row[r]!, out.col[r]!, out.row[other]!, out.col[other]!, size(srcT));
      row[r] = m.row;
      col[r] = m.col;
      edge[r] = undefined;
    }
  });
  return { ...out, row, col, edge, numSampledNodes: [], numSampledEdges: [] };
}
