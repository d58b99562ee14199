/**
 * The kernels on tensors whose byte offsets lie past 2^31 (a heap over 2 GiB):
 * the `.wat` kernels take offsets as i32 and must treat them as unsigned.
 * 2 GiB of the heap are reserved first; untouched, it costs address space only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { additiveAttention, gatherRows, sddmm, segmentSoftmax, segmentSum, spmm } from '@gnnjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendWasm } from '../base.js';
import '../index.js';
import { heapPointer, setWasmKernelsEnabled, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { wasmHeapUsage } from './heap_guard.js';

const numNodes = 20_000;
const numEdges = 100_000;
const [heads, channels] = [8, 8];
const HIGH = 2 ** 31;

function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 4 - 2;
  }
  return out;
}

const ids = (n: number, range: number, seed: number) => Int32Array.from(values(n, seed), (v) => Math.floor(((v + 2) / 4) * range));

describe('kernels on tensors past 2^31 bytes of the wasm heap', () => {
  let backend: BackendWasm;
  const reserved: number[] = [];
  let edgeIndex: tf.Tensor2D;
  let x: tf.Tensor3D;
  let perEdge: tf.Tensor2D;

  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    backend = tf.backend() as BackendWasm;
    const module = (backend as unknown as { wasm: { _malloc(n: number): number } }).wasm;
    while (reserved.length === 0 || reserved.at(-1)! < HIGH) reserved.push(module._malloc(2 ** 29) >>> 0);
    edgeIndex = tf.tensor2d([...ids(numEdges, numNodes, 1), ...ids(numEdges, numNodes, 2)], [2, numEdges], 'int32');
    x = tf.tensor3d(values(numNodes * heads * channels, 3), [numNodes, heads, channels]);
    perEdge = tf.tensor2d(values(numEdges * heads, 4), [numEdges, heads]);
  });

  afterAll(() => {
    tf.dispose([edgeIndex, x, perEdge]);
    const module = (backend as unknown as { wasm: { _free(p: number): void } }).wasm;
    for (const p of reserved) module._free(p);
  });

  /** Runs `f` with the SIMD kernels and the typed-array ones; checks every tensor it made lies past 2^31. */
  function bothWays(f: () => tf.Tensor | tf.Tensor[]): void {
    const run = () => {
      const outs = tf.tidy(f);
      const list = Array.isArray(outs) ? outs : [outs];
      for (const t of list) expect(heapPointer(backend, t)).toBeGreaterThan(HIGH);
      const data = list.map((t) => t.dataSync() as Float32Array);
      tf.dispose(list);
      return data;
    };
    const simd = run();
    setWasmKernelsEnabled(false);
    const plain = run();
    setWasmKernelsEnabled(true);
    for (let k = 0; k < simd.length; k++) {
      const [a, b] = [simd[k]!, plain[k]!];
      expect(a.length).toBe(b.length);
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
      expect(worst).toBeLessThanOrEqual(1e-5);
    }
  }

  it('sits past 2^31 with the SIMD kernels on', () => {
    expect(wasmKernelsFor(backend)).not.toBeNull();
    for (const t of [edgeIndex, x, perEdge]) expect(heapPointer(backend, t)).toBeGreaterThan(HIGH);
    expect(wasmHeapUsage(backend)!.liveBytes).toBeGreaterThan(HIGH);
  });

  it('SpMM with a weight per head and without weights', () => {
    bothWays(() => spmm(edgeIndex, x, perEdge, numNodes));
    bothWays(() => spmm(edgeIndex, x, undefined, numNodes));
  });

  it("SDDMM 'dot' and 'add', segment sum, edge softmax and its gradient, row gathering", () => {
    bothWays(() => sddmm(edgeIndex, x, x, 'dot'));
    bothWays(() => sddmm(edgeIndex, x, x, 'add'));
    const dst = () => tf.slice(edgeIndex, [1, 0], [1, numEdges]).reshape([numEdges]) as tf.Tensor1D;
    bothWays(() => segmentSum(perEdge, dst(), numNodes));
    bothWays(() => segmentSoftmax(perEdge, dst(), numNodes));
    bothWays(() => tf.grad((l: tf.Tensor) => segmentSoftmax(l, dst(), numNodes))(perEdge, perEdge));
    bothWays(() => gatherRows(x, dst()));
  });

  it('additive attention and its gradient', () => {
    const alpha = () => tf.slice(x, [0, 0, 0], [numNodes, heads, 1]);
    const att = () => tf.ones([heads, 1]);
    bothWays(() => additiveAttention(edgeIndex, alpha(), alpha(), att(), 0.2));
    bothWays(() => {
      const g = tf.grads((l: tf.Tensor, r: tf.Tensor, a: tf.Tensor) => additiveAttention(edgeIndex, l, r, a, 0.2));
      return g([alpha(), tf.mul(alpha(), 0.5), att()], tf.ones([numEdges, heads]));
    });
  });
});
