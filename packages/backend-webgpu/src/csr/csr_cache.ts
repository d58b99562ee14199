/**
 * Destination-sorted (CSR) views of graphs, built once per index tensor and
 * cached, so that every later segment reduction, softmax or SpMM over the same
 * graph reuses them.
 *
 * The cache is keyed by the index tensor's `dataId` (shared by reshapes of
 * the same tensor) and lives in a `WeakMap`, so it never keeps a graph alive.
 * The CSR buffers are backend-owned (not engine tensors, so they do not count
 * in `tf.memory().numTensors`) and are released once the index tensor's data
 * is garbage-collected, or when the backend goes away.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { runFlatProgram } from '../programs/flat_program.js';
import { BITONIC_STAGE, SEGMENT_OFFSETS } from './csr_programs.js';

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
 * O(E log² E)) and cached for the lifetime of the key tensor's data.
 * Requires `numEdges > 0`.
 */
export function getCsr(backend: WebGPUBackend, request: CsrRequest): Csr {
  let byData = cacheByBackend.get(backend);
  if (byData === undefined) {
    byData = new WeakMap();
    cacheByBackend.set(backend, byData);
  }
  const dataId = request.keys.dataId;
  let entries = byData.get(dataId);
  if (entries === undefined) {
    entries = new Map();
    byData.set(dataId, entries);
    releaseCsrs.register(dataId, { backend, entries });
  }
  const key = `${request.keyOffset}:${request.numEdges}:${request.numSegments}`;
  let csr = entries.get(key);
  if (csr === undefined) {
    csr = buildCsr(backend, request);
    entries.set(key, csr);
  }
  return csr;
}

/** CSR of a segment-id vector `[E]` over `numSegments` segments. */
export function segmentCsr(backend: WebGPUBackend, segmentIds: TensorInfo, numSegments: number): Csr {
  return getCsr(backend, { keys: segmentIds, keyOffset: 0, numEdges: segmentIds.shape[0]!, numSegments });
}

/** CSR of an `edgeIndex` `[2, E]` grouped by target node (row 1). */
export function targetCsr(backend: WebGPUBackend, edgeIndex: TensorInfo, numNodes: number): Csr {
  const numEdges = edgeIndex.shape[1]!;
  return getCsr(backend, { keys: edgeIndex, keyOffset: numEdges, numEdges, numSegments: numNodes });
}
