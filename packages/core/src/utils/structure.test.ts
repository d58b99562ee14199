import '@tensorflow/tfjs-backend-cpu';
import '../tfjs_gradients/register_tfjs_gradients.js';
import '../kernels/composite/register_composites.js';
import '../gradients/register_all_gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError, ShapeError } from '../errors.js';
import { manualSeed, clearSeed } from '../random.js';
import { addRemainingSelfLoops } from './add_remaining_self_loops.js';
import { addSelfLoops } from './add_self_loops.js';
import { coalesce } from './coalesce.js';
import { gcnNorm } from './gcn_norm.js';
import { removeSelfLoops } from './remove_self_loops.js';
import { dropoutEdge } from './dropout_edge.js';
import { isUndirected } from './is_undirected.js';
import { kHopSubgraph } from './k_hop_subgraph.js';
import { subgraph } from './subgraph.js';
import { toUndirected } from './to_undirected.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ei = (rows: number[][]): tf.Tensor2D => tf.tensor2d(rows, [2, rows[0]!.length], 'int32');

describe('coalesce', () => {
  it('sorts by row then col and merges duplicates (sum by default)', () => {
    const out = coalesce(
      ei([
        [1, 0, 1, 0, 1],
        [0, 1, 0, 0, 2],
      ]),
      { edgeAttr: tf.tensor1d([1, 2, 3, 4, 5]) },
    );
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 0, 1, 1],
      [0, 1, 0, 2],
    ]);
    expect(out.edgeAttr.arraySync()).toEqual([4, 2, 4, 5]);
  });

  it('reduces duplicates with mean, max and min', () => {
    const edgeIndex = ei([
      [0, 0, 1],
      [1, 1, 0],
    ]);
    const w = tf.tensor2d([[1, 6], [3, 2], [5, 5]]);
    expect(coalesce(edgeIndex, { edgeAttr: w, reduce: 'mean' }).edgeAttr.arraySync()).toEqual([[2, 4], [5, 5]]);
    expect(coalesce(edgeIndex, { edgeAttr: w, reduce: 'max' }).edgeAttr.arraySync()).toEqual([[3, 6], [5, 5]]);
    expect(coalesce(edgeIndex, { edgeAttr: w, reduce: 'min' }).edgeAttr.arraySync()).toEqual([[1, 2], [5, 5]]);
    expect(() => coalesce(edgeIndex, { edgeAttr: w, reduce: 'prod' as 'sum' })).toThrow(ShapeError);
  });

  it('handles an empty edge index', () => {
    const out = coalesce(tf.zeros([2, 0], 'int32') as tf.Tensor2D, { numNodes: 3 });
    expect(out.edgeIndex.shape).toEqual([2, 0]);
  });

  it('passes gradients through the merge', () => {
    const edgeIndex = ei([
      [0, 0, 1],
      [1, 1, 0],
    ]);
    const g = tf.grad((w: tf.Tensor) => tf.sum(tf.mul(coalesce(edgeIndex, { edgeAttr: w }).edgeAttr, tf.tensor1d([10, 1]))));
    expect(g(tf.tensor1d([1, 2, 3])).arraySync()).toEqual([10, 10, 1]);
  });
});

describe('toUndirected / isUndirected', () => {
  it('adds reverse edges, coalesced, summing the attributes of an edge and its reverse', () => {
    const out = toUndirected(
      ei([
        [0, 1, 1],
        [1, 0, 2],
      ]),
      { edgeAttr: tf.tensor1d([1, 2, 3]) },
    );
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 1, 1, 2],
      [1, 0, 2, 1],
    ]);
    expect(out.edgeAttr.arraySync()).toEqual([3, 3, 3, 3]);
    expect(isUndirected(out.edgeIndex, { edgeAttr: out.edgeAttr })).toBe(true);
  });

  it('detects missing reverses and mismatched attributes', () => {
    expect(isUndirected(ei([[0, 1], [1, 2]]))).toBe(false);
    expect(isUndirected(ei([[0, 1], [1, 0]]))).toBe(true);
    expect(isUndirected(ei([[0, 1], [1, 0]]), { edgeAttr: tf.tensor1d([1, 2]) })).toBe(false);
    // multiplicities count: 0->1 twice but 1->0 once
    expect(isUndirected(ei([[0, 0, 1], [1, 1, 0]]))).toBe(false);
    expect(isUndirected(ei([[2], [2]]))).toBe(true);
  });
});

describe('dropoutEdge', () => {
  it('keeps everything when not training or p = 0', () => {
    const edgeIndex = ei([[0, 1, 2], [1, 2, 0]]);
    for (const options of [{ training: false }, { p: 0 }]) {
      const out = dropoutEdge(edgeIndex, options);
      expect(out.edgeIndex.arraySync()).toEqual(edgeIndex.arraySync());
      expect(out.edgeMask.arraySync()).toEqual([1, 1, 1]);
    }
    expect(dropoutEdge(edgeIndex, { p: 1 }).edgeIndex.shape).toEqual([2, 0]);
  });

  it('is reproducible with a seed and drops about p of the edges', () => {
    const n = 2000;
    const edgeIndex = ei([Array.from({ length: n }, (_, i) => i), Array.from({ length: n }, (_, i) => (i + 1) % n)]);
    const a = dropoutEdge(edgeIndex, { p: 0.3, seed: 7 });
    const b = dropoutEdge(edgeIndex, { p: 0.3, seed: 7 });
    expect(a.edgeMask.arraySync()).toEqual(b.edgeMask.arraySync());
    const kept = a.edgeIndex.shape[1];
    expect(kept).toBeGreaterThan(0.6 * n);
    expect(kept).toBeLessThan(0.8 * n);
    // edgeId maps output edges to input edges
    const ids = a.edgeId.arraySync();
    const rows = a.edgeIndex.arraySync()[0]!;
    expect(rows.every((r, k) => r === ids[k])).toBe(true);
    manualSeed(3);
    const c = dropoutEdge(edgeIndex).edgeMask.arraySync();
    manualSeed(3);
    expect(dropoutEdge(edgeIndex).edgeMask.arraySync()).toEqual(c);
    clearSeed();
  });

  it('with forceUndirected keeps i<=j edges and adds their reverses', () => {
    const edgeIndex = ei([[0, 1, 1, 2], [1, 0, 2, 1]]);
    const out = dropoutEdge(edgeIndex, { p: 0.0001, forceUndirected: true, seed: 1 });
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 1, 1, 2],
      [1, 2, 0, 1],
    ]);
    expect(out.edgeMask.arraySync()).toEqual([1, 0, 1, 0]);
    expect(out.edgeId.arraySync()).toEqual([0, 2, 0, 2]);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => dropoutEdge(ei([[0], [1]]), { p: 1.5 })).toThrow(ShapeError);
  });
});

describe('subgraph', () => {
  const edgeIndex = ei([
    [0, 1, 1, 2, 2, 3, 3, 4],
    [1, 0, 2, 1, 3, 2, 4, 3],
  ]);

  it('keeps edges inside the subset, with optional relabelling in subset order', () => {
    const w = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7]);
    const plain = subgraph([3, 1, 2], edgeIndex, { edgeAttr: w });
    expect(plain.edgeIndex.arraySync()).toEqual([
      [1, 2, 2, 3],
      [2, 1, 3, 2],
    ]);
    expect(plain.edgeAttr.arraySync()).toEqual([2, 3, 4, 5]);
    expect(plain.edgeMask.arraySync()).toEqual([0, 0, 1, 1, 1, 1, 0, 0]);
    const relabelled = subgraph([3, 1, 2], edgeIndex, { relabelNodes: true });
    // 3 -> 0, 1 -> 1, 2 -> 2 (PyG's map_index follows subset order)
    expect(relabelled.edgeIndex.arraySync()).toEqual([
      [1, 2, 2, 0],
      [2, 1, 0, 2],
    ]);
  });

  it('accepts a bool mask', () => {
    const mask = tf.tensor1d([1, 1, 0, 0, 0], 'bool');
    const out = subgraph(mask, edgeIndex, { relabelNodes: true });
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(() => subgraph(tf.tensor1d([1, 0], 'bool'), edgeIndex)).toThrow(GraphValidationError);
  });

  it('rejects subset nodes out of range', () => {
    expect(() => subgraph([9], edgeIndex)).toThrow(GraphValidationError);
    expect(() => subgraph([1.5], edgeIndex)).toThrow(/subset/);
  });
});

describe('kHopSubgraph', () => {
  // a path 0 -> 1 -> 2 -> 3 -> 4, plus 4 -> 0
  const edgeIndex = ei([
    [0, 1, 2, 3, 4],
    [1, 2, 3, 4, 0],
  ]);

  it('collects the nodes that reach the seeds in k hops (source_to_target)', () => {
    const out = kHopSubgraph(3, 2, edgeIndex);
    expect(out.subset.arraySync()).toEqual([1, 2, 3]);
    expect(out.edgeIndex.arraySync()).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(out.mapping.arraySync()).toEqual([2]);
    expect(out.edgeMask.arraySync()).toEqual([0, 1, 1, 0, 0]);
    const relabelled = kHopSubgraph([3], 2, edgeIndex, { relabelNodes: true });
    expect(relabelled.edgeIndex.arraySync()).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('follows edges forwards with target_to_source', () => {
    const out = kHopSubgraph(tf.tensor1d([3, 0], 'int32'), 1, edgeIndex, { flow: 'target_to_source' });
    expect(out.subset.arraySync()).toEqual([0, 1, 3, 4]);
    expect(out.mapping.arraySync()).toEqual([2, 0]);
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 3, 4],
      [1, 4, 0],
    ]);
  });

  it('rejects bad seeds and hop counts', () => {
    expect(() => kHopSubgraph(7, 1, edgeIndex)).toThrow(GraphValidationError);
    expect(() => kHopSubgraph(0, -1, edgeIndex)).toThrow(ShapeError);
  });
});

describe('no leaks', () => {
  it('every util returns only the tensors it documents', () => {
    const edgeIndex = ei([
      [0, 1, 1, 2, 2],
      [1, 0, 2, 1, 2],
    ]);
    const w = tf.tensor1d([1, 2, 3, 4, 5]);
    const before = tf.memory().numTensors;
    const outputs: tf.Tensor[] = [];
    const keep = (...ts: (tf.Tensor | undefined)[]): void => {
      for (const t of ts) if (t !== undefined) outputs.push(t);
    };
    const c = coalesce(edgeIndex, { edgeAttr: w, reduce: 'mean' });
    keep(c.edgeIndex, c.edgeAttr);
    const u = toUndirected(edgeIndex, { edgeAttr: w });
    keep(u.edgeIndex, u.edgeAttr);
    const u2 = toUndirected(edgeIndex);
    keep(u2.edgeIndex);
    isUndirected(edgeIndex, { edgeAttr: w });
    const d = dropoutEdge(edgeIndex, { p: 0.5, forceUndirected: true, seed: 1 });
    keep(d.edgeIndex, d.edgeMask, d.edgeId);
    const s = subgraph([0, 1], edgeIndex, { edgeAttr: w, relabelNodes: true });
    keep(s.edgeIndex, s.edgeAttr, s.edgeMask);
    const k = kHopSubgraph(0, 1, edgeIndex);
    keep(k.subset, k.edgeIndex, k.mapping, k.edgeMask);
    expect(tf.memory().numTensors).toBe(before + outputs.length);
    tf.dispose(outputs);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('host index cache', () => {
  it('reads an index tensor from the backend once and never caches variables', async () => {
    const { hostIndexValues } = await import('./edge_index_arrays.js');
    const edgeIndex = ei([[0, 1], [1, 0]]);
    const first = hostIndexValues(edgeIndex);
    expect(hostIndexValues(edgeIndex)).toBe(first);
    const made = coalesce(edgeIndex).edgeIndex;
    expect(Array.from(hostIndexValues(made))).toEqual([0, 1, 1, 0]);
    const variable = tf.variable(tf.tensor2d([[0], [1]], undefined, 'int32'));
    expect(Array.from(hostIndexValues(variable))).toEqual([0, 1]);
    variable.assign(tf.tensor2d([[1], [0]], undefined, 'int32'));
    expect(Array.from(hostIndexValues(variable))).toEqual([1, 0]);
  });
});

describe('graphs without edges', () => {
  it('every util accepts E = 0', () => {
    const empty = tf.zeros([2, 0], 'int32') as tf.Tensor2D;
    const w = tf.zeros([0]) as tf.Tensor1D;
    const attr = tf.zeros([0, 3]);
    expect(removeSelfLoops(empty, { edgeAttr: attr }).edgeAttr.shape).toEqual([0, 3]);
    const looped = addRemainingSelfLoops(empty, { edgeAttr: w, fillValue: 'mean', numNodes: 2 });
    expect(looped.edgeIndex.arraySync()).toEqual([[0, 1], [0, 1]]);
    expect(looped.edgeAttr.arraySync()).toEqual([0, 0]);
    expect(addSelfLoops(empty, { edgeAttr: attr, numNodes: 1 }).edgeAttr.arraySync()).toEqual([[1, 1, 1]]);
    expect(gcnNorm(empty, { edgeWeight: w, numNodes: 2 }).edgeWeight.arraySync()).toEqual([1, 1]);
    expect(gcnNorm(empty, { numNodes: 2, addSelfLoops: false }).edgeWeight.shape).toEqual([0]);
    expect(coalesce(empty, { edgeAttr: attr }).edgeAttr.shape).toEqual([0, 3]);
    expect(toUndirected(empty, { edgeAttr: w }).edgeAttr.shape).toEqual([0]);
    expect(isUndirected(empty)).toBe(true);
    expect(subgraph([0], empty, { edgeAttr: w, numNodes: 1 }).edgeIndex.shape).toEqual([2, 0]);
    expect(kHopSubgraph(0, 2, empty, { numNodes: 1 }).subset.arraySync()).toEqual([0]);
    expect(dropoutEdge(empty).edgeIndex.shape).toEqual([2, 0]);
  });
});
