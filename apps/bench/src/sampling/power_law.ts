/**
 * Synthetic power-law graphs of a given shape (Chung–Lu): node `i` gets the
 * weight `(i + offset)^−α`, each undirected edge joins two endpoints drawn
 * independently in proportion to their weights (by the inverse of the
 * weights' continuous CDF: one `pow` per draw), and is stored in both
 * directions, as ogbn-products and ogbn-arxiv are used. Expected degrees
 * follow the weights: a power law of exponent `1 + 1/α` (α = 0.5: 3). Node
 * ids are shuffled afterwards, so hubs are spread over the id range as in
 * real data. Self-loops are redrawn; repeated pairs are kept (a few per mille
 * at these sizes). Everything comes from one seeded stream (mulberry32), so
 * the edges can be generated twice, chunk by chunk, for a two-pass CSC build
 * without ever holding the edge list.
 */
import { Random } from '@gnnjs/sampling';

export interface PowerLawShape {
  numNodes: number;
  /** Directed edges (twice the undirected pairs). */
  numEdges: number;
  /** Weight exponent: `(i + offset)^−alpha`. Default 0.5. */
  alpha?: number;
  /** Default 2: the largest expected degree is about `numEdges · ((1+offset)^(1−α) − offset^(1−α)) / (numNodes+offset)^(1−α)`. */
  offset?: number;
  seed?: number;
}

/** ogbn-products' size: 2 449 029 nodes, 61 859 140 directed edges, 100 features, 47 classes, 196 615 training nodes. */
export const PRODUCTS_SHAPE = { numNodes: 2_449_029, numEdges: 61_859_140, features: 100, classes: 47, train: 196_615 } as const;
/** ogbn-arxiv's size: 169 343 nodes, 1 166 243 edges (as directed citations; used here in both directions, 2 332 486), 128 features, 40 classes, 90 941 training nodes. */
export const ARXIV_SHAPE = { numNodes: 169_343, numEdges: 2_332_486, features: 128, classes: 40, train: 90_941 } as const;

/**
 * The directed edges in chunks of at most `chunkPairs` pairs (two edges
 * each), the same sequence on every call.
 */
export function* powerLawChunks(shape: PowerLawShape, chunkPairs = 4_000_000): Generator<{ src: Int32Array; dst: Int32Array }> {
  const { numNodes: n, alpha = 0.5, offset = 2, seed = 0 } = shape;
  const pairs = Math.floor(shape.numEdges / 2);
  const perm = new Random(seed ^ 0x5bd1e995).permutation(n);
  const random = new Random(seed);
  const e = 1 - alpha;
  const lo = offset ** e;
  const span = (n + offset) ** e - lo;
  const inv = 1 / e;
  const draw = (): number => {
    const i = Math.floor((lo + random.next() * span) ** inv - offset);
    return perm[i < n ? i : n - 1]!;
  };
  for (let done = 0; done < pairs; ) {
    const m = Math.min(chunkPairs, pairs - done);
    const src = new Int32Array(2 * m);
    const dst = new Int32Array(2 * m);
    for (let k = 0; k < m; k++) {
      const u = draw();
      let v = draw();
      while (v === u) v = draw();
      src[2 * k] = u;
      dst[2 * k] = v;
      src[2 * k + 1] = v;
      dst[2 * k + 1] = u;
    }
    done += m;
    yield { src, dst };
  }
}

/**
 * Node features and labels with some signal: 47 (or `classes`) random
 * centroids; node `i` has a uniform label and `x = centroid[y] + noise`
 * (noise uniform in ±√3·`noise`, unit variance for `noise` = 1).
 */
export function syntheticFeatures(numNodes: number, dim: number, classes: number, seed = 1, noise = 1.5): { x: Float32Array; y: Int32Array } {
  const r = new Random(seed);
  const centroids = Float32Array.from({ length: classes * dim }, () => r.next() * 2 - 1);
  const x = new Float32Array(numNodes * dim);
  const y = new Int32Array(numNodes);
  const a = Math.sqrt(3) * noise;
  for (let i = 0; i < numNodes; i++) {
    const c = r.int(0, classes);
    y[i] = c;
    const row = i * dim;
    const base = c * dim;
    for (let j = 0; j < dim; j++) x[row + j] = centroids[base + j]! + (r.next() * 2 - 1) * a;
  }
  return { x, y };
}

/** `count` distinct node ids (a seeded random subset), e.g. the training nodes. */
export function randomSubset(numNodes: number, count: number, seed = 2): Int32Array {
  return new Random(seed).permutation(numNodes).slice(0, count);
}
