import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EpochRecord } from '@gnnjs/train';
import { historyCsv } from './history_csv.js';
import { historySvg } from './plot_svg.js';

/** Writes `value` as pretty JSON with a trailing newline. */
export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Writes one run's `history.csv` and `history.svg` into `dir`.
 *
 * @example
 * ```ts
 * await writeHistory('out', result.history, result.bestEpoch, 'cora · gat · seed 0');
 * ```
 */
export async function writeHistory(dir: string, history: readonly EpochRecord[], bestEpoch: number, title: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'history.csv'), historyCsv(history));
  await writeFile(join(dir, 'history.svg'), historySvg(history, bestEpoch, title));
}
