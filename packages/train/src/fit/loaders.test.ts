import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { HeteroGraph, Module, manualSeed, nextSeed } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BestCheckpoint } from '../callbacks/best_checkpoint.js';
import { EarlyStopping } from '../callbacks/early_stopping.js';
import { FitError } from '../errors.js';
import { SGD } from '../optim/sgd.js';
import { BinaryClassificationTask } from '../tasks/binary_classification.js';
import { NodeClassificationTask } from '../tasks/node_classification.js';
import { evaluate } from './epoch.js';
import { fit } from './fit.js';

/** A mini-batch as a sampler gives it: rows of features and labels, seed rows first. */
interface Batch {
  x: tf.Tensor2D;
  y: tf.Tensor1D;
  batchSize: number;
}

/** A model whose forward takes the whole batch (no `forward` option needed). */
class Mlp extends Module {
  readonly w = this.registerParameter('w', tf.tidy(() => tf.variable(tf.randomNormal([4, 2], 0, 0.3, 'float32', nextSeed()))));
  forward(batch: Batch): tf.Tensor2D {
    return tf.matMul(batch.x, this.w);
  }
}

/** Rows of class c have feature c raised; the last rows of each batch are not seeds. */
function makeBatches(count: number, size: number, seed: number): Batch[] {
  return Array.from({ length: count }, (_, b) =>
    tf.tidy(() => {
      const labels = Array.from({ length: size }, (_, i) => (i + b) % 2);
      const x = tf.add(tf.oneHot(tf.tensor1d(labels, 'int32'), 4), tf.randomUniform([size, 4], 0, 0.9, 'float32', seed + b));
      return { x: x as tf.Tensor2D, y: tf.keep(tf.tensor1d(labels, 'int32')), batchSize: size - 2 };
    }),
  );
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fit over loaders of mini-batches', () => {
  it('trains on an array, evaluates an async generator function and a single batch, without leaks', async () => {
    manualSeed(1);
    const train = makeBatches(4, 10, 10);
    const val = makeBatches(2, 10, 20);
    const test = makeBatches(1, 10, 30)[0]!;
    const model = new Mlp();
    const optimizer = new SGD(model.parameters(), { lr: 0.5, momentum: 0.9 });
    async function* valLoader(): AsyncGenerator<Batch> {
      for (const b of val) yield await Promise.resolve(b);
    }
    const counts: number[] = [];
    const result = await fit(model, { train, val: valLoader, test }, {
      task: new NodeClassificationTask(),
      optimizer,
      epochs: 15,
      callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
    });
    expect(result.history).toHaveLength(15);
    expect(result.last.val?.accuracy).toBe(1);
    expect(result.last.test?.accuracy).toBe(1);
    expect(result.last.loss).toBeLessThan(result.history[0]!.loss);
    expect(new Set(counts).size).toBe(1);
    // Several batches: accuracy over all their seed rows, not a mean of batch means.
    const direct = await evaluate(model, { val: valLoader }, { task: new NodeClassificationTask() });
    expect(direct.val?.accuracy).toBe(result.last.val?.accuracy);
    optimizer.dispose();
    model.dispose();
    tf.dispose([...train, ...val, test].flatMap((b) => [b.x, b.y]));
  });

  it('refuses a one-shot generator in the second epoch, and an empty split, with a FitError', async () => {
    const [batch] = makeBatches(1, 6, 40);
    const model = new Mlp();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const once = (function* () {
      yield batch!;
    })();
    await expect(fit(model, { train: once }, { task: new NodeClassificationTask(), optimizer, epochs: 2 })).rejects.toThrow(/train loader yielded no batch/);
    await expect(fit(model, { train: [] as Batch[] }, { task: new NodeClassificationTask(), optimizer, epochs: 1 })).rejects.toThrow(FitError);
    optimizer.dispose();
    model.dispose();
    tf.dispose([batch!.x, batch!.y]);
  });

  it('trains a binary task with early stopping on validation PR-AUC and restores the best weights', async () => {
    manualSeed(2);
    const train = makeBatches(3, 12, 50);
    const val = makeBatches(1, 12, 60);
    const model = new Mlp();
    const optimizer = new SGD(model.parameters(), { lr: 0.2 });
    const best = new BestCheckpoint({ monitor: 'val.loss', mode: 'min', restoreBest: true });
    const before = tf.memory().numTensors;
    const result = await fit(model, { train, val }, {
      task: new BinaryClassificationTask({ loss: { kind: 'cross-entropy', classWeights: 'balanced' } }),
      optimizer,
      epochs: 60,
      forward: (m, b) => m.forward(b),
      callbacks: [new EarlyStopping({ monitor: 'val.prAuc', mode: 'max', patience: 5 }), best],
    });
    expect(result.stoppedEarly).toBe(true);
    expect(result.best.val?.prAuc).toBe(Math.max(...result.history.map((r) => r.val!.prAuc)));
    // The restored weights give the best epoch's validation loss again.
    const again = await evaluate(model, { val }, { task: new BinaryClassificationTask({ loss: { kind: 'cross-entropy', classWeights: 'balanced' } }) });
    expect(best.restored).toBe(true);
    expect(again.val?.loss).toBe(best.bestValue);
    expect(again.val?.loss).toBe(Math.min(...result.history.map((r) => r.val!.loss)));
    // The snapshot is freed.
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    model.dispose();
    tf.dispose([...train, ...val].flatMap((b) => [b.x, b.y]));
  });

  it("trains on a HeteroGraph: forward reads its xDict, the task the target type's labels", async () => {
    const graph = HeteroGraph.fromArrays({
      nodes: {
        account: { x: new Float32Array([1, 0, 0, 1, 0.9, 0.1, 0.2, 0.8]), xShape: [4, 2], y: new Int32Array([0, 1, 0, 1]) },
        merchant: { numNodes: 2 },
      },
      edges: [{ type: ['account', 'pays', 'merchant'], src: new Int32Array([0, 1, 2, 3]), dst: new Int32Array([1, 1, 0, 0]) }],
    });
    class PerType extends Module {
      readonly w = this.registerParameter('w', tf.tidy(() => tf.variable(tf.zeros([2, 2]))));
      forward(xDict: Readonly<Record<string, tf.Tensor2D | undefined>>): tf.Tensor2D {
        return tf.matMul(xDict['account']!, this.w);
      }
    }
    const model = new PerType();
    const optimizer = new SGD(model.parameters(), { lr: 1 });
    const result = await fit(model, { train: graph, val: graph }, {
      task: new NodeClassificationTask<typeof graph>({ labels: (g) => g.node('account').y!, rows: 'all' }),
      optimizer,
      epochs: 10,
      forward: (m, g) => m.forward(g.xDict()),
    });
    expect(result.last.val?.accuracy).toBe(1);
    optimizer.dispose();
    model.dispose();
    graph.dispose();
  });

  it('names a monitor the task does not report', async () => {
    const [batch] = makeBatches(1, 6, 70);
    const model = new Mlp();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const run = fit(model, { train: batch!, val: batch! }, {
      task: new NodeClassificationTask(),
      optimizer,
      epochs: 2,
      // @ts-expect-error -- the types catch the monitor typo too; this is the untyped caller's error.
      callbacks: [new EarlyStopping({ monitor: 'val.prAuc', mode: 'max', patience: 1 })],
    });
    await expect(run).rejects.toThrow(/monitor 'val.prAuc': the task reports no metric 'prAuc' \(it reports accuracy, loss\)/);
    optimizer.dispose();
    model.dispose();
    tf.dispose([batch!.x, batch!.y]);
  });
});
