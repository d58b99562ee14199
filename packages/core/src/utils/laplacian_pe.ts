import * as tf from '@tensorflow/tfjs-core';
import { GnnError, ShapeError } from '../errors.js';
import { canonicalSigns, DENSE_EIGEN_LIMIT, symmetricEigen } from '../linalg/symmetric_eigen.js';
import { lowestEigenpairs } from '../linalg/lowest_eigenpairs.js';
import { assertEdgeAttr, readEdgeIndex, resolveNumNodes } from './edge_index_arrays.js';

/** Options of {@link laplacianEigenvectorPE}. */
export interface LaplacianEigenvectorPEOptions {
  /** Number of non-trivial eigenvectors (columns of the encoding); `k < numNodes`. */
  k: number;
  /** Defaults to the largest index + 1. */
  numNodes?: number | undefined;
  /** `[E]` edge weights of the Laplacian (default 1 per edge). */
  edgeWeight?: tf.Tensor1D | undefined;
  /**
   * PyG's `is_undirected`: promise that the graph is undirected. Either way the
   * Laplacian must be symmetric (a directed graph's has complex eigenvectors,
   * which PyG would truncate to their real parts): without the promise it is
   * checked, and an asymmetric one is refused with a `GnnError`. Default `false`.
   */
  isUndirected?: boolean | undefined;
}

/** The encoding and the eigenvalues its columns belong to. */
export interface LaplacianEigenvectorPE {
  /** `[N, k]` unit eigenvectors, signs by {@link canonicalSigns}. */
  pe: tf.Tensor2D;
  /** The `k` eigenvalues, ascending (the trivial one left out). */
  eigenvalues: Float64Array;
}

/** Sparse rows of `L = I − D^-1/2 A D^-1/2` without its diagonal (which is 1 everywhere). */
interface Laplacian {
  n: number;
  rows: { cols: number[]; vals: number[] }[];
}

function normalisedLaplacian(rowIds: Int32Array, colIds: Int32Array, weights: ArrayLike<number> | undefined, n: number): Laplacian {
  const degree = new Float64Array(n);
  const kept: number[] = [];
  for (let e = 0; e < rowIds.length; e++) {
    if (rowIds[e] === colIds[e]) continue; // self-loops are removed first, as get_laplacian does
    kept.push(e);
    degree[rowIds[e]!]! += weights === undefined ? 1 : weights[e]!;
  }
  const inverseSqrt = degree.map((d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  const rows = Array.from({ length: n }, () => ({ cols: [] as number[], vals: [] as number[] }));
  const slot = new Map<number, number>();
  for (const e of kept) {
    const i = rowIds[e]!;
    const j = colIds[e]!;
    const value = -inverseSqrt[i]! * (weights === undefined ? 1 : weights[e]!) * inverseSqrt[j]!;
    const at = slot.get(i * n + j);
    // Duplicate edges add up, as in the sparse matrix PyG decomposes.
    if (at === undefined) {
      slot.set(i * n + j, rows[i]!.cols.length);
      rows[i]!.cols.push(j);
      rows[i]!.vals.push(value);
    } else rows[i]!.vals[at]! += value;
  }
  return { n, rows };
}

function assertSymmetric(l: Laplacian): void {
  const entry = new Map<number, number>();
  l.rows.forEach(({ cols, vals }, i) => cols.forEach((j, t) => entry.set(i * l.n + j, vals[t]!)));
  for (const [key, value] of entry) {
    const i = Math.floor(key / l.n);
    const j = key % l.n;
    const mirror = entry.get(j * l.n + i) ?? 0;
    if (Math.abs(value - mirror) > 1e-12 * Math.max(1, Math.abs(value))) {
      throw new GnnError(
        `laplacianEigenvectorPE needs an undirected graph (a symmetric Laplacian): edge ${i} → ${j} has no matching ${j} → ${i} ` +
          '(apply ToUndirected first)',
      );
    }
  }
}

/**
 * Laplacian eigenvector positional encoding (Dwivedi et al., 2020), PyG's
 * `AddLaplacianEigenvectorPE`: the eigenvectors of the 2nd to (k+1)-th
 * smallest eigenvalues of `L = I − D^-1/2 A D^-1/2` (self-loops removed, `D`
 * the weighted out-degrees, duplicate edges summed), in float64.
 *
 * Eigenvectors are defined up to sign (PyG flips each column at random);
 * here each column is made deterministic by {@link canonicalSigns}: its
 * first entry of largest magnitude is positive.
 *
 * Graphs of up to {@link DENSE_EIGEN_LIMIT} nodes are decomposed densely
 * (Householder + implicit QL, `symmetricEigen`); larger ones with the sparse
 * iterative solver `lowestEigenpairs` (Chebyshev-filtered block Krylov),
 * which throws a `GnnError` if it does not converge within its budget.
 *
 * @example
 * ```ts
 * const { pe, eigenvalues } = laplacianEigenvectorPE(graph.edgeIndex, { k: 8, numNodes: graph.numNodes }); // pe: [N, 8]
 * ```
 */
export function laplacianEigenvectorPE(edgeIndex: tf.Tensor2D, options: LaplacianEigenvectorPEOptions): LaplacianEigenvectorPE {
  const { k, edgeWeight, isUndirected = false } = options;
  const edges = readEdgeIndex(edgeIndex, 'laplacianEigenvectorPE');
  const n = resolveNumNodes(edges, options.numNodes, 'laplacianEigenvectorPE');
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new ShapeError('k', `laplacianEigenvectorPE expects an integer in [1, numNodes − 1] = [1, ${n - 1}], got ${k}`);
  }
  if (edgeWeight !== undefined) assertEdgeAttr(edgeWeight, edges.numEdges, 'edgeWeight', 'laplacianEigenvectorPE');
  const laplacian = normalisedLaplacian(edges.row, edges.col, edgeWeight?.dataSync(), n);
  if (!isUndirected) assertSymmetric(laplacian);
  const out = new Float64Array(n * k);
  const eigenvalues = new Float64Array(k);
  if (n <= DENSE_EIGEN_LIMIT) {
    const dense = new Float64Array(n * n);
    laplacian.rows.forEach(({ cols, vals }, i) => {
      dense[i * n + i] = 1;
      cols.forEach((j, t) => (dense[i * n + j]! += vals[t]!));
    });
    const { values, vectors } = symmetricEigen(dense, n);
    for (let c = 0; c < k; c++) {
      eigenvalues[c] = values[c + 1]!;
      for (let i = 0; i < n; i++) out[i * k + c] = vectors[i * n + c + 1]!;
    }
  } else {
    const apply = (x: Float64Array, y: Float64Array): void => {
      laplacian.rows.forEach(({ cols, vals }, i) => {
        let s = x[i]!;
        for (let t = 0; t < cols.length; t++) s += vals[t]! * x[cols[t]!]!;
        y[i] = s;
      });
    };
    // The normalised Laplacian's spectrum lies in [0, 2].
    const { values, vectors } = lowestEigenpairs(apply, n, k + 1, { upperBound: 2 });
    for (let c = 0; c < k; c++) {
      eigenvalues[c] = values[c + 1]!;
      for (let i = 0; i < n; i++) out[i * k + c] = vectors[c + 1]![i]!;
    }
  }
  canonicalSigns(out, n, k);
  return { pe: tf.tensor2d(Float32Array.from(out), [n, k]), eigenvalues };
}
