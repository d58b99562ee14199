/**
 * Remembers which `[E]` index tensors are rows of which `[2, E]` edge index,
 * so that a segment op over `edgeIndex[1]` reuses the CSR of the edge index
 * itself (and the other way round).
 *
 * Layers take the rows apart on every call (`tf.unstack(edgeIndex)`), which
 * makes a new `[E]` tensor each time, and gradients reverse it
 * (`tf.reverse(edgeIndex, 0)`); without this, every call would build its CSR
 * anew. tfjs's `Unpack`, `Slice` and `Reverse` kernels for `'webgpu'` are
 * wrapped to record their int32 outputs; `Reshape` keeps the data id, so the
 * record survives it.
 */
import {
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelFunc,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

/** Row `row` of the `[2, numEdges]` tensor whose data id is `edgeIndex`. */
export interface RowOrigin {
  edgeIndex: object;
  row: number;
  numEdges: number;
}

/** `[E]` tensors that are rows of an edge index. */
const rowOrigins = new WeakMap<object, RowOrigin>();
/** `[2, E]` tensors that are another edge index with its rows swapped. */
const reversedFrom = new WeakMap<object, object>();

/** Where `ids` came from, if it is a recorded row of an edge index. */
export function rowOrigin(ids: TensorInfo): RowOrigin | undefined {
  const origin = rowOrigins.get(ids.dataId);
  return origin !== undefined && origin.numEdges === ids.shape.reduce((a, b) => a * b, 1) ? origin : undefined;
}

/** Row `row` of `edgeIndex`, expressed as a row of the edge index it was reversed from (if any). */
export function resolveRow(edgeIndex: TensorInfo, row: number): RowOrigin {
  const original = reversedFrom.get(edgeIndex.dataId);
  const numEdges = edgeIndex.shape[1]!;
  return original === undefined ? { edgeIndex: edgeIndex.dataId, row, numEdges } : { edgeIndex: original, row: 1 - row, numEdges };
}

function isEdgeIndex(t: TensorInfo | undefined): t is TensorInfo {
  return t !== undefined && t.dtype === 'int32' && t.shape.length === 2 && t.shape[0] === 2;
}

function record(edgeIndex: TensorInfo, row: number, out: TensorInfo): void {
  rowOrigins.set(out.dataId, resolveRow(edgeIndex, row));
}

function recordReverse(inputs: NamedTensorInfoMap, attrs: Record<string, unknown>, outputs: TensorInfo[]): void {
  const x = inputs['x'];
  const [out] = outputs;
  const dims = attrs['dims'];
  const alongRows = dims === 0 || (Array.isArray(dims) && dims.length === 1 && dims[0] === 0);
  if (!isEdgeIndex(x) || out === undefined || !alongRows) return;
  // A reversal of a reversal is left unrecorded (it is rare; it just gets its own CSR).
  if (!reversedFrom.has(x.dataId)) reversedFrom.set(out.dataId, x.dataId);
}

function recordUnpack(inputs: NamedTensorInfoMap, attrs: Record<string, unknown>, outputs: TensorInfo[]): void {
  const value = inputs['value'];
  if (!isEdgeIndex(value) || (attrs['axis'] ?? 0) !== 0) return;
  outputs.forEach((out, row) => record(value, row, out));
}

function recordSlice(inputs: NamedTensorInfoMap, attrs: Record<string, unknown>, outputs: TensorInfo[]): void {
  const x = inputs['x'];
  const [out] = outputs;
  if (!isEdgeIndex(x) || out === undefined) return;
  const begin = attrs['begin'] as number[] | number | undefined;
  const row = Array.isArray(begin) ? begin[0] : undefined;
  const wholeRow = Array.isArray(begin) && begin[1] === 0 && out.shape[0] === 1 && out.shape[1] === x.shape[1];
  if (wholeRow && (row === 0 || row === 1)) record(x, row, out);
}

type Recorder = (inputs: NamedTensorInfoMap, attrs: Record<string, unknown>, outputs: TensorInfo[]) => void;

function wrap(kernelName: string, backendName: string, recorder: Recorder): void {
  const config = getKernel(kernelName, backendName);
  if (config === undefined) return;
  const inner = config.kernelFunc;
  const kernelFunc: KernelFunc = (args) => {
    const result = inner(args);
    const outputs = Array.isArray(result) ? result : [result];
    recorder(args.inputs, (args.attrs ?? {}) as Record<string, unknown>, outputs as TensorInfo[]);
    return result;
  };
  unregisterKernel(kernelName, backendName);
  registerKernel({ ...config, kernelFunc });
}

let wrapped = false;

/** Starts recording rows of edge indices taken apart on `backendName` (once). */
export function trackEdgeIndexRows(backendName: string): void {
  if (wrapped) return;
  wrapped = true;
  wrap('Unpack', backendName, recordUnpack);
  wrap('Slice', backendName, recordSlice);
  wrap('Reverse', backendName, recordReverse);
}
