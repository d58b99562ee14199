import { buildTask, builtInForward, evaluate, fullBatch } from '@gnnjs/train';
import { formatTable } from '../output/table.js';
import { restoreCheckpoint, type CheckpointCommandOptions } from './restore.js';

/** Runs `gnnjs evaluate --checkpoint DIR`: the checkpoint's accuracy and loss on each split. */
export async function evaluateCommand(options: CheckpointCommandOptions): Promise<void> {
  const restored = await restoreCheckpoint(options);
  try {
    const { config } = restored;
    const { train, val, test } = await evaluate(restored.model, fullBatch(restored.data), { task: buildTask(config), forward: builtInForward });
    const result = {
      trainAcc: train?.accuracy ?? NaN,
      trainLoss: train?.loss ?? NaN,
      valAcc: val?.accuracy ?? NaN,
      valLoss: val?.loss ?? NaN,
      testAcc: test?.accuracy ?? NaN,
      testLoss: test?.loss ?? NaN,
    };
    const report = { dataset: config.dataset, model: config.model, backend: restored.backend, checkpoint: options.checkpoint, epoch: config.epoch, seed: config.seed, ...result };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
    const table = formatTable(
      ['split', 'accuracy', 'loss'],
      [
        ['train', pct(result.trainAcc), result.trainLoss.toFixed(4)],
        ['val', pct(result.valAcc), result.valLoss.toFixed(4)],
        ['test', pct(result.testAcc), result.testLoss.toFixed(4)],
      ],
    );
    process.stdout.write(
      `${table}\n\n${config.dataset} · ${config.model} (seed ${config.seed}, epoch ${config.epoch}) · backend ${restored.backend}: test accuracy ${pct(result.testAcc)}\n`,
    );
  } finally {
    restored.dispose();
  }
}
