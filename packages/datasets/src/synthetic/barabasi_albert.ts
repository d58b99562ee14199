import type { Graph } from '@gnnjs/core';
import { DatasetError } from '../errors.js';
import { buildGraph } from '../graph/build_graph.js';
import { DEFAULT_SEED, Rng } from '../random/rng.js';
import { EdgeList, checkCount } from './edge_sampling.js';

/** Options of {@link barabasiAlbertGraph}. */
export interface BarabasiAlbertOptions {
  readonly seed?: number | undefined;
}

/**
 * Edges of a Barabási–Albert graph, as PyG's `barabasi_albert_graph`: each
 * new node `i ≥ m` links to `m` endpoints drawn (with replacement) from all
 * edge endpoints so far, so that well-connected nodes attract more links
 * (power-law degrees). Self-loops dropped, undirected, coalesced. O(N·m).
 */
export function barabasiAlbertEdges(numNodes: number, numEdgesPerNode: number, options: BarabasiAlbertOptions = {}): Int32Array {
  checkCount(numNodes, 'numNodes');
  checkCount(numEdgesPerNode, 'numEdgesPerNode', 1);
  if (numEdgesPerNode >= numNodes) {
    throw new DatasetError(`numEdgesPerNode (${numEdgesPerNode}) must be below numNodes (${numNodes})`);
  }
  const rng = new Rng(options.seed ?? DEFAULT_SEED);
  const m = numEdgesPerNode;
  const total = m * (numNodes - m + 1);
  const row = new Int32Array(total);
  const col = new Int32Array(total);
  for (let k = 0; k < m; k++) row[k] = k;
  col.set(rng.shuffle(Int32Array.from({ length: m }, (_, k) => k)));
  let length = m;
  for (let i = m; i < numNodes; i++) {
    row.fill(i, length, length + m);
    const poolRows = length + m; // PyG draws from cat([row, col]) after appending the new row entries
    const pool = poolRows + length;
    for (let k = 0; k < m; k++) {
      const pick = rng.int(pool);
      col[length + k] = pick < poolRows ? row[pick]! : col[pick - poolRows]!;
    }
    length += m;
  }
  const edges = new EdgeList();
  for (let e = 0; e < length; e++) edges.push(row[e]!, col[e]!);
  return edges.toCoalesced(numNodes, { undirected: true, dropSelfLoops: true });
}

/**
 * A seeded Barabási–Albert (preferential attachment) graph.
 *
 * @example
 * ```ts
 * const g = barabasiAlbertGraph(1000, 3, { seed: 1 });
 * ```
 */
export function barabasiAlbertGraph(numNodes: number, numEdgesPerNode: number, options: BarabasiAlbertOptions = {}): Graph {
  return buildGraph({ numNodes, edgeIndex: barabasiAlbertEdges(numNodes, numEdgesPerNode, options) });
}
