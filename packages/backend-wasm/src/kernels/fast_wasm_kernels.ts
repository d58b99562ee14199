/**
 * Typed-array versions of tfjs-wasm kernels that are slow on GNN training's
 * shapes (same semantics as tfjs's; other cases run tfjs's own).
 */
import { reverseFirstAxisImpl, reversesFirstAxisOnly, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { BinaryInputs, ReverseAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { float32Heap, numericHeap } from './heap_values.js';

type Args<I, A = unknown> = { inputs: Supplied<I>; backend: BackendWasm; attrs: A };

/**
 * Reverse along the first axis (an edge index swapped to `[dst, src]` by
 * every message-passing gradient): tfjs-wasm maps each element's index,
 * 2 ms for a `[2, 13264]` edge index against a two-block copy here.
 */
export function fastReverse({ inputs, backend, attrs }: Args<{ x: TensorInfo }, ReverseAttrs>): TensorInfo | undefined {
  const { x } = inputs;
  if (x.dtype === 'string' || x.dtype === 'complex64' || !reversesFirstAxisOnly(attrs.dims, x.shape.length)) return undefined;
  const out = backend.makeOutput(x.shape, x.dtype);
  reverseFirstAxisImpl(numericHeap(backend, x), x.shape[0]!, numericHeap(backend, out));
  return out;
}

/**
 * `a > scalar` for float32 `a` (the mask in LeakyReLU's and ReLU-like
 * gradients): tfjs-wasm's broadcasting comparison takes 12 ms on GATv2's
 * `[13264, 8, 8]`.
 */
export function fastGreaterScalar({ inputs, backend }: Args<BinaryInputs>): TensorInfo | undefined {
  const { a, b } = inputs;
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || b.shape.some((d) => d !== 1) || b.shape.length > a.shape.length) return undefined;
  const out = backend.makeOutput(a.shape, 'bool');
  const values = float32Heap(backend, a);
  const threshold = float32Heap(backend, b)[0]!;
  const mask = backend.typedArrayFromHeap(out) as Uint8Array;
  // `+(a > b)` compiles without a branch; `? 1 : 0` mispredicts on random signs (3–8× slower).
  for (let i = 0; i < values.length; i++) mask[i] = +(values[i]! > threshold);
  return out;
}
