// The "Writing a layer" example of packages/core/README.md, kept compiling and tested here.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { MessagePassing, type MessageContext } from '@gnnjs/core';

/** GraphConv with mean aggregation: x'_i = W_root x_i + W_rel · mean_{j ∈ N(i)} w_ji x_j. */
class MeanGraphConv extends MessagePassing {
  readonly weightRel: tf.Variable;
  readonly weightRoot: tf.Variable;

  constructor(inChannels: number, outChannels: number) {
    super({ aggr: 'mean' });
    const init = () => tf.tidy(() => tf.variable(tf.randomUniform([inChannels, outChannels], -0.5, 0.5)));
    this.weightRel = this.registerParameter('weight_rel', init());
    this.weightRoot = this.registerParameter('weight_root', init());
  }

  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, edgeWeight?: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => {
      const aggregated = this.propagate(edgeIndex, edgeWeight ? { x, edgeWeight } : { x });
      return tf.add(tf.matMul(aggregated, this.weightRel), tf.matMul(x, this.weightRoot));
    });
  }

  protected override message(ctx: MessageContext): tf.Tensor {
    if (!ctx.has('edgeWeight')) return ctx.j('x');
    return tf.mul(ctx.j('x'), tf.expandDims(ctx.edge('edgeWeight'), 1));
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('a 25-line MeanGraphConv matches a hand computation', () => {
  const conv = new MeanGraphConv(2, 1);
  conv.loadStateDict({ weight_rel: tf.tensor2d([[1], [10]]), weight_root: tf.tensor2d([[100], [0]]) });
  const x = tf.tensor2d([[1, 0], [0, 1], [2, 2]]);
  const edgeIndex = tf.tensor2d([[0, 1, 2], [2, 2, 0]], undefined, 'int32');
  // node 2: mean(x0, x1) = [0.5, 0.5] -> 5.5, root 200; node 0: x2 -> 22, root 100; node 1: nothing, root 0.
  expect(Array.from(conv.forward(x, edgeIndex).dataSync())).toEqual([122, 0, 205.5]);
  const weighted = conv.forward(x, edgeIndex, tf.tensor1d([2, 0, 1]));
  expect(Array.from(weighted.dataSync())).toEqual([122, 0, 201]);
  expect(conv.namedParameters().map(([k]) => k)).toEqual(['weight_rel', 'weight_root']);
});

it('is the code of the README section "Writing a layer"', () => {
  const classBlock = (text: string) => /^class MeanGraphConv[\s\S]*?^}$/m.exec(text)?.[0];
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const self = readFileSync(new URL(import.meta.url), 'utf8');
  expect(classBlock(readme)).toBeDefined();
  expect(classBlock(readme)).toBe(classBlock(self));
});
