import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GATConv, GATv2Conv, nodeAttention } from '@gnnjs/layers';

// 0→1, 1→0, 2→2 (a loop), 3→1 twice (duplicates), node 4 has no in-edges.
const edgeIndex = () => tf.tensor2d([[0, 1, 2, 3, 3], [1, 0, 2, 1, 1]], undefined, 'int32');
const features = () => tf.randomUniform([5, 3], -1, 1, 'float32', 7) as tf.Tensor2D;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each([
  ['GATConv', (opts: { addSelfLoops?: boolean; dropout?: number }) => new GATConv(3, 4, { heads: 2, ...opts })],
  ['GATv2Conv', (opts: { addSelfLoops?: boolean; dropout?: number }) => new GATv2Conv(3, 4, { heads: 2, ...opts })],
])('%s attention weights', (_name, make) => {
  it('returns [E\', heads] alphas over edges with one loop per node appended', async () => {
    const conv = make({});
    const { output, attention } = conv.forward(features(), edgeIndex(), { returnAttentionWeights: true });
    expect(output.shape).toEqual([5, 8]);
    expect(attention.alpha.shape).toEqual([4 + 5, 2]);
    expect(await attention.edgeIndex.array()).toEqual([
      [0, 1, 3, 3, 0, 1, 2, 3, 4],
      [1, 0, 1, 1, 0, 1, 2, 3, 4],
    ]);
    conv.dispose();
  });

  it.each([['eval', false], ['train', true]] as const)('sums each target\'s alphas to 1 per head in %s mode', async (_mode, training) => {
    const conv = make({ dropout: 0.5 }).train(training);
    const { attention } = conv.forward(features(), edgeIndex(), { returnAttentionWeights: true });
    const targets = (await attention.edgeIndex.array())[1]!;
    const alpha = await attention.alpha.array();
    const sums = new Map<number, number[]>();
    targets.forEach((t, e) => sums.set(t, (sums.get(t) ?? [0, 0]).map((s, h) => s + alpha[e]![h]!)));
    for (const perHead of sums.values()) for (const s of perHead) expect(s).toBeCloseTo(1, 5);
    expect([...sums.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
    conv.dispose();
  });

  it('keeps the input edges (loops and duplicates) without self-loops', async () => {
    const conv = make({ addSelfLoops: false });
    const e = edgeIndex();
    const { output, attention } = conv.forward(features(), e, { returnAttentionWeights: true });
    expect(await attention.edgeIndex.array()).toEqual(await e.array());
    expect(attention.edgeIndex).not.toBe(e); // safe to dispose
    const dup = await attention.alpha.array();
    expect(dup[3]).toEqual(dup[4]); // the duplicate 3→1 edges share node 1's softmax evenly
    expect(Array.from((await output.array())[4]!)).toEqual(Array.from(await conv.stateDict().bias!.data())); // no in-edges: bias
    conv.dispose();
  });

  it('builds the self-loop edges once per edgeIndex and frees them on dispose', () => {
    const x = features();
    const e = edgeIndex();
    const before = tf.memory().numTensors;
    const conv = make({});
    const params = tf.memory().numTensors - before;
    const first = conv.forward(x, e);
    const afterFirst = tf.memory().numTensors;
    const second = conv.forward(x, e);
    expect(tf.memory().numTensors).toBe(afterFirst + 1);
    expect(Array.from(second.dataSync())).toEqual(Array.from(first.dataSync()));
    const other = tf.tensor2d([[0], [1]], undefined, 'int32');
    const { output, attention } = conv.forward(x, other, { returnAttentionWeights: true });
    expect(attention.alpha.shape).toEqual([1 + 5, 2]);
    tf.dispose([first, second, other, output, attention.edgeIndex, attention.alpha]);
    tf.dispose(conv.forward(x, e));
    conv.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(params).toBeGreaterThan(0);
  });

  it('lists a node\'s in-neighbours by attention with nodeAttention', async () => {
    const conv = make({});
    const { attention } = conv.forward(features(), edgeIndex(), { returnAttentionWeights: true });
    const rows = await nodeAttention(attention, 1);
    expect(rows.map((r) => r.source).sort()).toEqual([0, 1, 3, 3]);
    expect(rows.reduce((s, r) => s + r.mean, 0)).toBeCloseTo(1, 5);
    for (let k = 1; k < rows.length; k += 1) expect(rows[k - 1]!.mean).toBeGreaterThanOrEqual(rows[k]!.mean);
    expect(rows[0]!.perHead).toHaveLength(2);
    expect(await nodeAttention(attention, 1, { topK: 2 })).toHaveLength(2);
    expect(await nodeAttention(attention, 4)).toEqual([expect.objectContaining({ source: 4, mean: 1 })]);
    conv.dispose();
  });
});
