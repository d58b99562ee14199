import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { karateGraph } from '../test_support/karate.js';
import { evaluate } from '../fit/epoch.js';
import { fit } from '../fit/fit.js';
import { fullBatch } from '../fit/sources.js';
import type { EpochRecord, FitContext, FitResult } from '../fit/types.js';
import { prepareNodeSplits, type NodeSplits } from '../tasks/node_splits.js';
import { FitError } from '../errors.js';
import type { RunConfig } from './config.js';
import { GatPaperProtocol } from './gat_paper.js';
import { buildModel, buildTrainingSetup } from './models.js';
import { GAT_PAPER_MAX_EPOCHS, recipeHyperParameters, runProtocol } from './recipes.js';

type K = 'accuracy' | 'loss';

/** A model of one scalar weight, set to the epoch number before each epoch ends. */
class EpochWeight {
  readonly w = tf.variable(tf.scalar(0));
  train(): void {}
  eval(): void {}
  stateDict(): Record<string, tf.Tensor> {
    return { w: this.w };
  }
  loadStateDict(dict: Readonly<Record<string, tf.Tensor>>): void {
    this.w.assign(dict['w'] as tf.Scalar);
  }
}

/**
 * Feeds `val` (accuracy, loss) per epoch to the protocol as `fit` would and
 * returns the epoch training stopped at and the epoch whose weight the model
 * holds at the end.
 */
function drive(protocol: GatPaperProtocol, val: ReadonlyArray<readonly [number, number]>): { stoppedAt: number; restored: number } {
  const model = new EpochWeight();
  let stopped = false;
  const history: EpochRecord<K>[] = [];
  const context: FitContext<K> = {
    model,
    epochs: val.length,
    history,
    stop: () => (stopped = true),
    get stopRequested() {
      return stopped;
    },
  };
  protocol.onFitStart(context);
  for (const [i, [accuracy, loss]] of val.entries()) {
    model.w.assign(tf.scalar(i + 1));
    const record: EpochRecord<K> = { epoch: i + 1, loss: 0, val: { accuracy, loss }, ms: 0 };
    history.push(record);
    protocol.onEpochEnd(record, context);
    if (stopped) break;
  }
  const last = history[history.length - 1]!;
  const result: FitResult<K> = { history, best: last, bestEpoch: last.epoch, last, msPerEpoch: 0, stoppedEarly: stopped };
  protocol.onFitEnd(result, context);
  const restored = model.w.dataSync()[0]!;
  model.w.dispose();
  return { stoppedAt: last.epoch, restored };
}

describe("GatPaperProtocol (the GAT paper's execute_cora.py loop)", () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('restarts the count on a tie (>=, <=), and stops when the count reaches patience', () => {
    // Epoch 2 ties the best accuracy (its loss is worse): the paper restarts the count.
    const r = drive(new GatPaperProtocol({ patience: 2 }), [[0.5, 1.0], [0.5, 1.1], [0.4, 1.2], [0.4, 1.2], [0.9, 0.1]]);
    expect(r.stoppedAt).toBe(4);
    expect(r.restored).toBe(1);
  });

  it('keeps the weights only of an epoch at least as good in both, and restores them', () => {
    const r = drive(new GatPaperProtocol({ patience: 2 }), [
      [0.5, 1.0], // both: kept
      [0.6, 1.1], // accuracy only: count restarts, not kept
      [0.55, 0.9], // loss only: count restarts, not kept
      [0.6, 0.9], // both tie their best: kept
      [0.6, 0.95], // accuracy ties: count restarts, not kept
      [0.3, 2], // neither
      [0.3, 2], // neither: stop
      [1, 0],
    ]);
    expect(r.stoppedAt).toBe(7);
    expect(r.restored).toBe(4);
  });

  it('never counts a NaN loss as an improvement', () => {
    const r = drive(new GatPaperProtocol({ patience: 1 }), [[0.5, 1], [0.4, NaN], [1, 0]]);
    expect(r.stoppedAt).toBe(2);
    expect(r.restored).toBe(1);
  });

  it('refuses a bad patience and a run without a validation split', () => {
    expect(() => new GatPaperProtocol({ patience: 0 })).toThrow(FitError);
    const protocol = new GatPaperProtocol();
    const model = new EpochWeight();
    const context = { model, epochs: 1, history: [], stop: () => undefined, stopRequested: false };
    protocol.onFitStart(context);
    expect(() => protocol.onEpochEnd({ epoch: 1, loss: 0, ms: 0 }, context)).toThrow(/validation split is not evaluated/);
    model.w.dispose();
  });
});

describe("recipes: PyG's examples and the GAT paper", () => {
  it("gives the paper's settings: Cora and CiteSeer alike, PubMed with 8 output heads, lr 0.01 and L2 0.001", () => {
    const common = { hidden: 8, heads: 8, dropout: 0.6, epochs: GAT_PAPER_MAX_EPOCHS, patience: 100 };
    for (const dataset of ['cora', 'citeseer'] as const) {
      expect(recipeHyperParameters('gat-paper', 'gat', dataset)).toEqual({ ...common, lr: 0.005, weightDecay: 5e-4, outHeads: 1 });
    }
    expect(recipeHyperParameters('gat-paper', 'gat', 'pubmed')).toEqual({ ...common, lr: 0.01, weightDecay: 0.001, outHeads: 8 });
    expect(() => recipeHyperParameters('gat-paper', 'gcn', 'cora')).toThrow(/trains GAT only/);
    expect(recipeHyperParameters('pyg-example', 'gat', 'pubmed')).toEqual({ lr: 0.005, weightDecay: 5e-4, hidden: 8, heads: 8, dropout: 0.6, epochs: 200 });
  });

  describe('a gat-paper run on the karate club (cpu)', () => {
    let graph: ReturnType<typeof karateGraph>;
    let data: NodeSplits;
    beforeAll(async () => {
      await tf.setBackend('cpu');
      graph = karateGraph();
      data = await prepareNodeSplits(graph);
    });
    afterAll(() => {
      data.dispose();
      graph.dispose();
    });

    it('ends with the weights of the epoch it reports, and frees its copy', async () => {
      const hp = { ...recipeHyperParameters('gat-paper', 'gat', 'karate'), patience: 10, epochs: 300 };
      const config: RunConfig = { dataset: 'karate', model: 'gat', seed: 3, hyperParameters: hp, numFeatures: graph.numFeatures, numClasses: graph.numClasses, normalizeFeatures: true };
      const before = tf.memory().numTensors;
      manualSeed(3);
      const model = buildModel(config);
      const setup = buildTrainingSetup(config, model);
      const protocol = runProtocol('gat-paper', hp);
      const result = protocol.report(await fit(model, fullBatch(data), { ...setup, epochs: hp.epochs, callbacks: protocol.callbacks }));
      expect(result.stoppedEarly).toBe(true);
      // The reported epoch is not the last one (the last 10 were no better), and its weights are back.
      expect(result.bestEpoch).toBeLessThanOrEqual(result.last.epoch - 10);
      expect(protocol.weightsEpoch(result)).toBe(result.bestEpoch);
      const now = await evaluate(model, fullBatch(data), setup);
      expect(now.val).toEqual(result.best.val);
      expect(now.test).toEqual(result.best.test);
      expect(now.val).not.toEqual(result.last.val);
      setup.optimizer.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
