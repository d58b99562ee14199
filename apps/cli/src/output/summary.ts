import type { AggregateMetrics, RunMetrics } from '@gnnjs/train';
import { formatTable } from './table.js';

/** What the summary needs from a train report. */
export interface SummaryInput {
  dataset: string;
  model: string;
  backend: string;
  runs: readonly RunMetrics[];
  mean: AggregateMetrics;
  std: AggregateMetrics;
}

const HEADER = ['seed', 'train@best', 'val@best', 'test@best', 'best epoch', 'train@last', 'val@last', 'test@last', 'epochs', 'ms/epoch'];

const pct = (x: number): string => (100 * x).toFixed(1);

/**
 * The table printed after training: one row per run (accuracies in % at the
 * best-validation epoch and at the last epoch), a mean ± std row for several
 * runs, and a headline line.
 *
 * @example
 * ```ts
 * process.stdout.write(formatSummary(report) + '\n');
 * ```
 */
export function formatSummary(report: SummaryInput): string {
  const rows = report.runs.map((r) => [
    String(r.seed),
    pct(r.trainAccBestVal),
    pct(r.valAccBest),
    pct(r.testAccBestVal),
    String(r.bestEpoch),
    pct(r.trainAccLast),
    pct(r.valAccLast),
    pct(r.testAccLast),
    String(r.epochs),
    r.msPerEpoch.toFixed(1),
  ]);
  const { mean: m, std: s } = report;
  if (report.runs.length > 1) {
    const pm = (key: keyof AggregateMetrics): string => `${pct(m[key])} ± ${pct(s[key])}`;
    rows.push([
      'mean ± std',
      pm('trainAccBestVal'),
      pm('valAccBest'),
      pm('testAccBestVal'),
      m.bestEpoch.toFixed(0),
      pm('trainAccLast'),
      pm('valAccLast'),
      pm('testAccLast'),
      m.epochs.toFixed(0),
      m.msPerEpoch.toFixed(1),
    ]);
  }
  const n = report.runs.length;
  const headline =
    `${report.dataset} · ${report.model} · backend ${report.backend} · ${n} run${n === 1 ? '' : 's'}: ` +
    `test accuracy ${pct(m.testAccBestVal)}${n > 1 ? ` ± ${pct(s.testAccBestVal)}` : ''}% at best validation, ` +
    `${pct(m.testAccLast)}${n > 1 ? ` ± ${pct(s.testAccLast)}` : ''}% at the last epoch`;
  return `${formatTable(HEADER, rows)}\n\n${headline}`;
}
