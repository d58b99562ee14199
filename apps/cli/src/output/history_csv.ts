import type { NodeClassificationEpoch } from '@gnnjs/train';

const COLUMNS = ['epoch', 'loss', 'train_acc', 'val_acc', 'test_acc', 'val_loss', 'ms'] as const;

/**
 * The per-epoch history as CSV (header row, one row per epoch, `\n` endings).
 *
 * @example
 * ```ts
 * await writeFile('history.csv', historyCsv(result.history));
 * ```
 */
export function historyCsv(history: readonly NodeClassificationEpoch[]): string {
  const rows = history.map((r) =>
    [r.epoch, r.loss, r.trainAcc, r.valAcc, r.testAcc, r.valLoss, r.ms.toFixed(3)].map(String).join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\n')}\n`;
}
