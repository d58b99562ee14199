import { describe, expect, it } from 'vitest';

describe('@gnnjs/train', () => {
  it('exports the training loop through the package exports map', async () => {
    const lib = await import('@gnnjs/train');
    for (const name of ['Adam', 'prepareData', 'trainEpoch', 'evaluate', 'fit', 'buildModel', 'buildOptimizer', 'runMetrics', 'aggregateRuns']) {
      expect(typeof (lib as Record<string, unknown>)[name], name).toBe('function');
    }
    // Browser-safe: the file-system checkpoints live in ./lib/node.
    expect((lib as Record<string, unknown>)['saveCheckpoint']).toBeUndefined();
  });

  it('exports checkpoints from ./lib/node, with everything of ./lib', async () => {
    const lib = await import('@gnnjs/train/node');
    for (const name of ['saveCheckpoint', 'readCheckpoint', 'trainEpoch']) {
      expect(typeof (lib as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
