/**
 * O(E) sampling of G(n, p)-style edge sets by geometric skipping
 * (Batagelj & Brandes, "Efficient generation of large random networks", 2005):
 * instead of flipping a coin per pair, jump straight to the next present pair.
 */
import { DatasetError } from '../errors.js';
import type { Rng } from '../random/rng.js';

/** A growable list of directed edges. */
export class EdgeList {
  private src: Int32Array = new Int32Array(64);
  private dst: Int32Array = new Int32Array(64);
  length = 0;

  push(s: number, d: number): void {
    if (this.length === this.src.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.src = grow(this.src);
      this.dst = grow(this.dst);
    }
    this.src[this.length] = s;
    this.dst[this.length++] = d;
  }

  /** Sources then targets, `[2 * E]`, in insertion order. */
  toEdgeIndex(): Int32Array {
    const out = new Int32Array(2 * this.length);
    out.set(this.src.subarray(0, this.length));
    out.set(this.dst.subarray(0, this.length), this.length);
    return out;
  }

  /**
   * Sorted by source then target, duplicates and (optionally) self-loops
   * removed, optionally with every reverse edge added (PyG's `to_undirected`).
   */
  toCoalesced(numNodes: number, options: { undirected: boolean; dropSelfLoops: boolean }): Int32Array {
    const keys = new Float64Array(this.length * (options.undirected ? 2 : 1));
    let k = 0;
    for (let e = 0; e < this.length; e++) {
      const s = this.src[e]!;
      const d = this.dst[e]!;
      if (options.dropSelfLoops && s === d) continue;
      keys[k++] = s * numNodes + d;
      if (options.undirected) keys[k++] = d * numNodes + s;
    }
    const sorted = keys.subarray(0, k).sort();
    let unique = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i]!;
    const out = new Int32Array(2 * unique);
    for (let e = 0; e < unique; e++) {
      out[e] = Math.floor(sorted[e]! / numNodes);
      out[unique + e] = sorted[e]! % numNodes;
    }
    return out;
  }
}

/** Checks a probability argument. */
export function checkProbability(p: number, name: string): void {
  if (!(p >= 0 && p <= 1)) throw new DatasetError(`${name} must be a probability in [0, 1], got ${p}`);
}

/** Checks a count argument. */
export function checkCount(n: number, name: string, min = 0): void {
  if (!Number.isSafeInteger(n) || n < min) throw new DatasetError(`${name} must be an integer ≥ ${min}, got ${n}`);
}

/**
 * Visits each unordered pair `{a, b}` (a > b) of `size` nodes independently
 * with probability `p`, calling `visit(a, b)` in increasing order.
 */
export function sampleUnorderedPairs(size: number, p: number, rng: Rng, visit: (a: number, b: number) => void): void {
  if (p <= 0 || size < 2) return;
  const logQ = Math.log(1 - p);
  let v = 1;
  let w = -1;
  while (v < size) {
    w += 1 + (p >= 1 ? 0 : rng.geometricSkip(logQ));
    while (w >= v && v < size) {
      w -= v;
      v++;
    }
    if (v < size) visit(v, w);
  }
}

/**
 * Visits each cell `(r, c)` of a `rows × cols` grid independently with
 * probability `p` (row-major order). With `skipDiagonal`, `(r, r)` is never
 * visited (`cols` must equal `rows`): the ordered pairs of a directed graph.
 */
export function sampleGridCells(
  rows: number,
  cols: number,
  p: number,
  rng: Rng,
  visit: (r: number, c: number) => void,
  skipDiagonal = false,
): void {
  if (p <= 0) return;
  const width = skipDiagonal ? cols - 1 : cols;
  const total = rows * width;
  const logQ = Math.log(1 - p);
  for (let k = p >= 1 ? 0 : rng.geometricSkip(logQ); k < total; k += 1 + (p >= 1 ? 0 : rng.geometricSkip(logQ))) {
    const r = Math.floor(k / width);
    let c = k - r * width;
    if (skipDiagonal && c >= r) c++;
    visit(r, c);
  }
}
