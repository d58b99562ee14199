/**
 * The shapes a user's edges may come in, turned into the int32 `[2, E]`
 * values a graph keeps: two index rows or `[source, target]` pairs (the
 * `layout` says which), of numbers, float32 or 64-bit integers (Arrow,
 * Parquet and DuckDB int64 columns arrive as `BigInt64Array` or `bigint[]`).
 * Ids never pass through float32 unchecked: from 2²⁴ on it cannot hold every
 * integer, so such ids are refused rather than silently rounded.
 */
import { GraphValidationError } from '../errors.js';

/** One row of node ids: numbers, or 64-bit integers (`BigInt64Array`, `bigint[]`) as int64 columns give them. */
export type IndexRow = ArrayLike<number> | BigInt64Array | BigUint64Array | readonly bigint[];

/**
 * How an edge index given as arrays or a tensor is laid out:
 * - `'coo-rows'` (default, PyG's `edge_index`): two rows `[sources, targets]`, a `[2, E]` tensor;
 * - `'pairs'`: one `[source, target]` pair per edge, an `[E, 2]` tensor.
 *
 * Only `E = 2` is ambiguous (`[[0, 2], [1, 3]]` is the edges 0→1, 2→3 as rows
 * but 0→2, 1→3 as pairs), so the layout is never guessed: say `'pairs'` when
 * you build from a pair list.
 */
export type EdgeIndexLayout = 'coo-rows' | 'pairs';

/**
 * Float ids must stay below 2²⁴: below it float32 holds every integer; at or
 * above it an id may be the rounded image of another (2²⁴ + 1 reads as 2²⁴).
 */
export const FLOAT32_EXACT_IDS = 2 ** 24;
const INT32_MAX = 2 ** 31 - 1;

/** Checks the `layout` option. */
export function checkLayout(layout: unknown): EdgeIndexLayout {
  if (layout === undefined || layout === 'coo-rows' || layout === 'pairs') return layout ?? 'coo-rows';
  throw new GraphValidationError('layout', `expected 'coo-rows' or 'pairs', got ${JSON.stringify(layout)}`);
}

/**
 * The `[2, E]` int32 values of an edge index given as arrays: two rows
 * (`'coo-rows'`) or `E` pairs (`'pairs'`). Values are checked to be
 * non-negative integers that fit int32 (float32 rows: below 2²⁴).
 */
export function edgeArraysToInt32(edgeIndex: unknown, layout: EdgeIndexLayout): Int32Array {
  if (!Array.isArray(edgeIndex)) {
    throw new GraphValidationError('edgeIndex', 'expected a [2, E] tensor or two index rows [sources, targets]');
  }
  if (layout === 'pairs') return pairsToInt32(edgeIndex);
  if (edgeIndex.length !== 2) {
    const hint = edgeIndex.length > 0 && edgeIndex.every((p) => isRow(p) && p.length === 2) ? ` — ${edgeIndex.length} [source, target] pairs? pass { layout: 'pairs' }` : '';
    throw new GraphValidationError('edgeIndex', `expected two index rows [sources, targets], got ${edgeIndex.length} arrays${hint}`);
  }
  const [src, dst] = edgeIndex as unknown[];
  if (!isRow(src) || !isRow(dst)) throw new GraphValidationError('edgeIndex', 'expected two index rows [sources, targets] (arrays of node ids)');
  if (src.length !== dst.length) {
    throw new GraphValidationError('edgeIndex', `the two rows differ in length (${src.length} and ${dst.length})`);
  }
  const out = new Int32Array(2 * src.length);
  copyIds(src, out, 0, (i) => `row 0, edge ${i}`);
  copyIds(dst, out, src.length, (i) => `row 1, edge ${i}`);
  return out;
}

function pairsToInt32(pairs: readonly unknown[]): Int32Array {
  const numEdges = pairs.length;
  const out = new Int32Array(2 * numEdges);
  const pair = new Int32Array(2);
  for (let e = 0; e < numEdges; e++) {
    const p = pairs[e];
    if (!isRow(p) || p.length !== 2) throw new GraphValidationError('edgeIndex', `entry ${e} is not a [source, target] pair (layout: 'pairs')`);
    copyIds(p, pair, 0, (i) => `pair ${e}, ${i === 0 ? 'source' : 'target'}`);
    out[e] = pair[0]!;
    out[numEdges + e] = pair[1]!;
  }
  return out;
}

function isRow(value: unknown): value is IndexRow {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Copies ids into `out` at `offset`, checking each: integer, non-negative, within int32 (float32: below 2²⁴). */
function copyIds(row: IndexRow, out: Int32Array, offset: number, where: (i: number) => string): void {
  if (row instanceof Int32Array) {
    // Integers by type; negatives are caught by the graph's bounds scan.
    out.set(row, offset);
    return;
  }
  const limit = row instanceof Float32Array ? FLOAT32_EXACT_IDS : INT32_MAX;
  for (let i = 0; i < row.length; i++) {
    const v = (row as ArrayLike<number | bigint>)[i];
    out[offset + i] = checkedId(v, limit, where, i);
  }
}

function checkedId(v: unknown, limit: number, where: (i: number) => string, i: number): number {
  const fail = (message: string): never => {
    throw new GraphValidationError('edgeIndex', `${message} (${where(i)})`);
  };
  if (typeof v === 'bigint') {
    if (v < 0n) fail(`indices must be non-negative, got ${v}`);
    if (v > BigInt(INT32_MAX)) fail(`index ${v} does not fit in int32 (tfjs has no int64): renumber the nodes 0..N-1`);
    return Number(v);
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) return fail(`indices must be integers, got ${String(v)}`);
  if (v < 0) fail(`indices must be non-negative, got ${v}`);
  if (limit === FLOAT32_EXACT_IDS ? v >= limit : v > limit) {
    fail(
      limit === FLOAT32_EXACT_IDS
        ? `index ${v} is at or above 2^24 in a float32 array, where float32 cannot hold every integer (ids may already be rounded): pass int32 ids`
        : `index ${v} does not fit in int32 (tfjs has no int64): renumber the nodes 0..N-1`,
    );
  }
  return v;
}

/**
 * The int32 values of a float32 edge-index tensor's data, refusing ids from
 * 2²⁴ on (float32 may have rounded them) always, and non-integers or negatives
 * when `validate` is set.
 */
export function floatIdsToInt32(values: ArrayLike<number>, validate: boolean): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v >= FLOAT32_EXACT_IDS) {
      throw new GraphValidationError(
        'edgeIndex',
        `index ${v} is at or above 2^24 in a float32 tensor, where float32 cannot hold every integer (ids may already be rounded): pass an int32 tensor`,
      );
    }
    out[i] = validate ? checkedId(v, FLOAT32_EXACT_IDS, (k) => `flat position ${k}`, i) : v;
  }
  return out;
}
