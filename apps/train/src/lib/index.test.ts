import { describe, expect, it } from 'vitest';

describe('@gnnjs/train/lib', () => {
  it('exports the training loop through the package exports map', async () => {
    const lib = await import('@gnnjs/train/lib');
    for (const name of ['Adam', 'prepareData', 'trainEpoch', 'evaluate', 'fit', 'buildModel', 'buildOptimizer', 'runMetrics', 'aggregateRuns', 'saveCheckpoint', 'readCheckpoint']) {
      expect(typeof (lib as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
