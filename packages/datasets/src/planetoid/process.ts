/**
 * The processing of PyG 2.6's `read_planetoid_data`
 * (torch_geometric/io/planetoid.py), step by step on typed arrays.
 */
import { DatasetError } from '../errors.js';
import type { PlanetoidName } from './names.js';
import type { PlanetoidData } from './planetoid_data.js';
import type { RawAdjacency, RawLabels, RawMatrix } from './raw_parts.js';

/** The parsed raw files of one dataset (`x` is read for its row count only, as in PyG). */
export interface PlanetoidRawParts {
  readonly x: RawMatrix;
  readonly tx: RawMatrix;
  readonly allx: RawMatrix;
  readonly y: RawLabels;
  readonly ty: RawLabels;
  readonly ally: RawLabels;
  readonly graph: RawAdjacency;
  readonly testIndex: Int32Array;
}

/** Builds the public-split dataset from its raw parts, exactly as PyG does. */
export function processPlanetoid(name: PlanetoidName, raw: PlanetoidRawParts): PlanetoidData {
  const prefix = `ind.${name.toLowerCase()}`;
  const { tx, allx, ty, ally, testIndex } = raw;
  const numFeatures = allx.cols;
  const numClasses = ally.cols;
  if (tx.cols !== numFeatures || raw.x.cols !== numFeatures) {
    throw new DatasetError(`feature widths differ: x ${raw.x.cols}, tx ${tx.cols}, allx ${allx.cols}`, `${prefix}.tx`);
  }
  if (ty.cols !== numClasses || raw.y.cols !== numClasses) {
    throw new DatasetError(`label widths differ: y ${raw.y.cols}, ty ${ty.cols}, ally ${ally.cols}`, `${prefix}.ty`);
  }
  if (allx.rows !== ally.rows || tx.rows !== ty.rows || raw.x.rows !== raw.y.rows) {
    throw new DatasetError(`feature and label row counts differ`, `${prefix}.ally`);
  }
  if (testIndex.length !== tx.rows) {
    throw new DatasetError(`${testIndex.length} test indices for ${tx.rows} test rows`, `${prefix}.test.index`);
  }
  const sortedTest = Int32Array.from(testIndex).sort();
  const minTest = sortedTest[0]!;

  // Where each test row lands in the concatenation [allx; tx]. CiteSeer has
  // isolated test nodes missing from tx: PyG pads tx/ty with zero rows over
  // the whole test range (so those nodes get zero features and label 0).
  const padded = name === 'CiteSeer';
  const numTestRows = padded ? sortedTest.at(-1)! - minTest + 1 : tx.rows;
  const numNodes = allx.rows + numTestRows;
  const testRowOf = (i: number): number => (padded ? sortedTest[i]! - minTest : i);

  for (const t of sortedTest) {
    if (t >= numNodes) throw new DatasetError(`test index ${t} is outside the ${numNodes} nodes`, `${prefix}.test.index`);
  }
  for (let i = 1; i < sortedTest.length; i++) {
    if (sortedTest[i] === sortedTest[i - 1]) {
      throw new DatasetError(`test index ${sortedTest[i]} appears twice`, `${prefix}.test.index`);
    }
  }

  const x = new Float32Array(numNodes * numFeatures);
  for (let r = 0; r < allx.rows; r++) allx.addRowInto(r, x, r * numFeatures);
  for (let i = 0; i < tx.rows; i++) tx.addRowInto(i, x, (allx.rows + testRowOf(i)) * numFeatures);

  // y = argmax of the one-hot rows (first maximum on ties, like torch.max).
  const y = new Int32Array(numNodes);
  const argmaxInto = (labels: RawLabels, r: number, node: number): void => {
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (labels.data[r * numClasses + c]! > labels.data[r * numClasses + best]!) best = c;
    y[node] = best;
  };
  for (let r = 0; r < ally.rows; r++) argmaxInto(ally, r, r);
  for (let i = 0; i < ty.rows; i++) argmaxInto(ty, i, allx.rows + testRowOf(i));

  // x[test_index] = x[sorted_test_index]; y likewise (the right side is read first).
  const savedX = new Float32Array(sortedTest.length * numFeatures);
  const savedY = new Int32Array(sortedTest.length);
  sortedTest.forEach((node, i) => {
    savedX.set(x.subarray(node * numFeatures, (node + 1) * numFeatures), i * numFeatures);
    savedY[i] = y[node]!;
  });
  testIndex.forEach((node, i) => {
    x.set(savedX.subarray(i * numFeatures, (i + 1) * numFeatures), node * numFeatures);
    y[node] = savedY[i]!;
  });

  const numTrain = raw.y.rows;
  const trainMask = new Uint8Array(numNodes);
  const valMask = new Uint8Array(numNodes);
  const testMask = new Uint8Array(numNodes);
  trainMask.fill(1, 0, Math.min(numTrain, numNodes));
  valMask.fill(1, Math.min(numTrain, numNodes), Math.min(numTrain + 500, numNodes));
  for (const t of testIndex) testMask[t] = 1;

  const edgeIndex = edgeIndexFromAdjacency(raw.graph, numNodes, `${prefix}.graph`);
  return {
    name,
    numNodes,
    numFeatures,
    numClasses,
    numEdges: edgeIndex.length / 2,
    x,
    edgeIndex,
    y,
    trainMask,
    valMask,
    testMask,
  };
}

/**
 * PyG's `edge_index_from_dict`: one edge key → neighbour per list entry, then
 * `remove_self_loops` and `coalesce(..., sort_by_row=False)`: duplicates
 * dropped, edges sorted by target, then by source (PyG's Cora starts
 * `[[633, 1862, 2582, 2, …], [0, 0, 0, 1, …]]`). Row 0 holds the sources.
 */
export function edgeIndexFromAdjacency(graph: RawAdjacency, numNodes: number, file: string): Int32Array {
  const keys: number[] = [];
  graph.keys.forEach((src, i) => {
    if (src >= numNodes) throw new DatasetError(`node ${src} is outside the ${numNodes} nodes`, file);
    for (const dst of graph.neighbours[i]!) {
      if (dst >= numNodes) throw new DatasetError(`edge ${src} → ${dst} points outside the ${numNodes} nodes`, file);
      // PyG's coalesce key with sort_by_row=False: col * N + row.
      if (dst !== src) keys.push(dst * numNodes + src);
    }
  });
  const sorted = Float64Array.from(keys).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i]!;
  const out = new Int32Array(2 * unique);
  for (let e = 0; e < unique; e++) {
    out[e] = sorted[e]! % numNodes;
    out[unique + e] = Math.floor(sorted[e]! / numNodes);
  }
  return out;
}
