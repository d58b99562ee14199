import type { NodeClassificationEpoch } from '@gnnjs/train';
import { historyCsv } from './history_csv.js';
import { historySvg } from './plot_svg.js';
import type { RunFolder } from './run_folder.js';

/** `value` as pretty JSON with a trailing newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Writes one run's `history.csv` and `history.svg` into `folder` (under
 * `prefix`, e.g. `seed-1/`), each by temp file + rename.
 *
 * @example
 * ```ts
 * await writeHistory(folder, '', history, result.bestEpoch, 'cora · gat · seed 0');
 * ```
 */
export async function writeHistory(
  folder: RunFolder,
  prefix: string,
  history: readonly NodeClassificationEpoch[],
  bestEpoch: number,
  title: string,
): Promise<void> {
  await folder.write(`${prefix}history.csv`, historyCsv(history));
  await folder.write(`${prefix}history.svg`, historySvg(history, bestEpoch, title));
}
