/**
 * Destination-sorted (CSR) views of graphs, built once per index tensor and
 * cached, so that every later segment reduction, softmax or SpMM over the same
 * graph reuses them.
 *
 * The cache is keyed by the index tensor's `dataId` (shared by reshapes of
 * the same tensor; a row of an edge index counts as the edge index, see
 * index_provenance.ts) and lives in a `WeakMap`, so it never keeps a graph alive.
 * The CSR buffers are backend-owned (not engine tensors, so they do not count
 * in `tf.memory().numTensors`) and are released once the index tensor's data
 * is garbage-collected, or when the backend goes away.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { runFlatProgram } from '../programs/flat_program.js';
import { BITONIC_STAGE, SEGMENT_OFFSETS } from './csr_programs.js';
import { resolveRow, rowOrigin } from './index_provenance.js';

/** Edges grouped by segment: edges `perm[indptr[s]] … perm[indptr[s+1]-1]` belong to segment `s`, in id order. */
export interface Csr {
  /** int32, length a power of two >= numEdges; entries past numEdges are padding. */
  perm: TensorInfo;
  /** int32, length numSegments + 1. */
  indptr: TensorInfo;
}

/** Which keys to group by: `keys[keyOffset + e]` for `e < numEdges`. */
export interface CsrRequest {
  keys: TensorInfo;
  keyOffset: number;
  numEdges: number;
  numSegments: number;
}

type CsrEntries = Map<string, Csr>;

const cacheByBackend = new WeakMap<WebGPUBackend, WeakMap<object, CsrEntries>>();

const releaseCsrs = new FinalizationRegistry<{ backend: WebGPUBackend; entries: CsrEntries }>(({ backend, entries }) => {
  for (const csr of entries.values()) disposeCsr(backend, csr);
});

function disposeCsr(backend: WebGPUBackend, csr: Csr): void {
  try {
    backend.disposeData(csr.perm.dataId);
    backend.disposeData(csr.indptr.dataId);
  } catch {
    // The backend was disposed first; its buffers went with it.
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

let builds = 0;

/** How many CSR groupings were built so far (for tests of the cache). */
export function csrBuildCount(): number {
  return builds;
}

function buildCsr(backend: WebGPUBackend, request: CsrRequest): Csr {
  builds++;
  const { keys, keyOffset, numEdges, numSegments } = request;
  const padded = nextPowerOfTwo(numEdges);
  const iota = new Int32Array(padded);
  for (let i = 0; i < padded; i++) iota[i] = i;
  let perm = backend.makeTensorInfo([padded], 'int32', iota);
  for (let k = 2; k <= padded; k *= 2) {
    for (let j = k / 2; j >= 1; j /= 2) {
      const next = runFlatProgram(backend, BITONIC_STAGE, [perm, keys], {
        threads: padded,
        outputDtype: 'int32',
        uniforms: [numEdges, keyOffset, j, k],
      });
      backend.disposeData(perm.dataId);
      perm = next;
    }
  }
  const indptr = runFlatProgram(backend, SEGMENT_OFFSETS, [perm, keys], {
    threads: numSegments + 1,
    outputDtype: 'int32',
    uniforms: [numEdges, keyOffset],
  });
  return { perm, indptr };
}

/**
 * The CSR grouping of `request`, built on first use (on the GPU, in
 * O(E log² E)) and cached under `owner` (a tensor's data id) for as long as
 * that data lives. Requires `numEdges > 0`.
 */
function getCsr(backend: WebGPUBackend, owner: object, cacheKey: string, request: CsrRequest): Csr {
  let byData = cacheByBackend.get(backend);
  if (byData === undefined) {
    byData = new WeakMap();
    cacheByBackend.set(backend, byData);
  }
  let entries = byData.get(owner);
  if (entries === undefined) {
    entries = new Map();
    byData.set(owner, entries);
    releaseCsrs.register(owner, { backend, entries });
  }
  let csr = entries.get(cacheKey);
  if (csr === undefined) {
    csr = buildCsr(backend, request);
    entries.set(cacheKey, csr);
  }
  return csr;
}

/** Cache key of "edges grouped by row `row` of an edge index, over `numSegments` segments". */
function rowKey(row: number, numEdges: number, numSegments: number): string {
  return `row${row}:${numEdges}:${numSegments}`;
}

/**
 * CSR of a segment-id vector `[E]` over `numSegments` segments. When the ids
 * are a row of an edge index (`tf.unstack(edgeIndex)`), the CSR is shared
 * with that edge index, so it survives the per-call `[E]` tensors.
 */
export function segmentCsr(backend: WebGPUBackend, segmentIds: TensorInfo, numSegments: number): Csr {
  const numEdges = segmentIds.shape[0]!;
  const request = { keys: segmentIds, keyOffset: 0, numEdges, numSegments };
  const origin = rowOrigin(segmentIds);
  if (origin !== undefined) return getCsr(backend, origin.edgeIndex, rowKey(origin.row, numEdges, numSegments), request);
  return getCsr(backend, segmentIds.dataId, rowKey(0, numEdges, numSegments), request);
}

/**
 * CSR of an `edgeIndex` `[2, E]` grouped by target node (row 1). A reversed
 * edge index (as SpMM's gradient makes) shares the CSR of its original.
 */
export function targetCsr(backend: WebGPUBackend, edgeIndex: TensorInfo, numNodes: number): Csr {
  const numEdges = edgeIndex.shape[1]!;
  const request = { keys: edgeIndex, keyOffset: numEdges, numEdges, numSegments: numNodes };
  const { edgeIndex: owner, row } = resolveRow(edgeIndex, 1);
  return getCsr(backend, owner, rowKey(row, numEdges, numNodes), request);
}
