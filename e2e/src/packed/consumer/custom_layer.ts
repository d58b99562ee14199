/**
 * What a user writes after `npm install`: a custom `MessagePassing` layer (as
 * in core's README, "Writing a layer") in a two-layer model that takes the
 * whole graph, trained with `@gnnjs/train`'s `fit` and a node-classification
 * task on Zachary's karate club. packed_install.test.ts runs it in a project
 * that installed the packed tarballs; it prints one JSON line. When `fit`'s
 * API changes, this file is the one to update.
 */
import '@gnnjs/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { MessagePassing, Module, manualSeed, setBackend, type MessageContext } from '@gnnjs/core';
import { KarateClub } from '@gnnjs/datasets';
import { Adam, NodeClassificationTask, fit, fullBatch, prepareNodeSplits } from '@gnnjs/train';

/** x'_i = W_root x_i + W_rel · mean_{j ∈ N(i)} x_j */
class MeanConv extends MessagePassing {
  readonly weightRel: tf.Variable;
  readonly weightRoot: tf.Variable;

  constructor(inChannels: number, outChannels: number) {
    super({ aggr: 'mean' });
    const init = () => tf.tidy(() => tf.variable(tf.randomUniform([inChannels, outChannels], -0.5, 0.5)));
    this.weightRel = this.registerParameter('weight_rel', init());
    this.weightRoot = this.registerParameter('weight_root', init());
  }

  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.add(tf.matMul(this.propagate(edgeIndex, { x }), this.weightRel), tf.matMul(x, this.weightRoot)));
  }

  protected override message(ctx: MessageContext): tf.Tensor {
    return ctx.j('x');
  }
}

class TwoLayers extends Module {
  readonly conv1: MeanConv;
  readonly conv2: MeanConv;

  constructor(inChannels: number, hidden: number, classes: number) {
    super();
    this.conv1 = this.registerModule('conv1', new MeanConv(inChannels, hidden));
    this.conv2 = this.registerModule('conv2', new MeanConv(hidden, classes));
  }

  forward({ x, edgeIndex }: { x: tf.Tensor2D; edgeIndex: tf.Tensor2D }): tf.Tensor2D {
    return tf.tidy(() => this.conv2.forward(tf.relu(this.conv1.forward(x, edgeIndex)), edgeIndex));
  }
}

await setBackend('cpu');
manualSeed(0);
const karate = KarateClub.load();
// The club has training nodes only: the other 30 serve as validation and test nodes.
const rest = tf.logicalNot(tf.cast(karate.trainMask!, 'bool'));
const splits = await prepareNodeSplits({ x: karate.x!, edgeIndex: karate.edgeIndex, y: karate.y!, trainMask: karate.trainMask!, valMask: rest, testMask: rest });
const model = new TwoLayers(karate.numFeatures, 16, karate.numClasses!);
const result = await fit(model, fullBatch(splits), {
  task: new NodeClassificationTask(),
  optimizer: new Adam(model.parameters(), { lr: 0.05 }),
  epochs: 30,
});
const [first, last] = [result.history[0]!, result.last];
console.log(JSON.stringify({ epochs: result.history.length, firstLoss: first.loss, lastLoss: last.loss, trainAcc: last.train?.accuracy }));
