import { describe, expect, it } from 'vitest';

describe('@gnnjs/train', () => {
  it('exports the training library through the package exports map, browser-safe', async () => {
    const lib = (await import('@gnnjs/train')) as Record<string, unknown>;
    for (const name of [
      'fit', 'trainEpoch', 'evaluate', 'fullBatch', 'prepareNodeSplits',
      'NodeClassificationTask', 'BinaryClassificationTask',
      'Adam', 'AdamW', 'SGD',
      'progress', 'EarlyStopping', 'gatPaperEarlyStopping', 'BestCheckpoint',
      'rocAuc', 'averagePrecision', 'recallAtPrecision', 'atAlertBudget', 'bestF1Threshold', 'f1AtThreshold',
      'linkAuc', 'hitsAtK', 'meanReciprocalRank', 'hitsAtKPerQuery',
      'serializeCheckpoint', 'parseCheckpoint', 'applyCheckpoint',
      'buildModel', 'buildTrainingSetup', 'runMetrics', 'aggregateRuns',
      'recipeHyperParameters', 'runProtocol', 'GatPaperProtocol', 'isRecipeName',
      'buildFraudModel', 'buildFraudTask', 'buildFraudOptimizer', 'fraudForward', 'defaultFraudHyperParameters', 'isFraudModelName',
      'explainPrediction', 'attentionPaths', 'integratedGradients', 'saliency', 'gaussLegendre',
    ]) {
      expect(typeof lib[name], name).toBe('function');
    }
    // File-system checkpoints live in ./node.
    expect(lib['saveCheckpoint']).toBeUndefined();
  });

  it('exports file-system checkpoints from ./node, with everything of the main entry', async () => {
    const lib = (await import('@gnnjs/train/node')) as Record<string, unknown>;
    for (const name of ['saveCheckpoint', 'readCheckpoint', 'loadCheckpoint', 'writeFileAtomic', 'fit']) {
      expect(typeof lib[name], name).toBe('function');
    }
  });
});
