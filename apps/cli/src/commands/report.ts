/**
 * `gnnjs report --checkpoint DIR`: scores the test period with a payments
 * checkpoint, prints its metrics, and writes the alert report (HTML with
 * inline SVG) of the `--top` highest scores, each explained.
 */
import { join, resolve } from 'node:path';
import type { BackendChoice } from '@gnnjs/backends';
import { atAlertBudget, averagePrecision, budgetSize, rocAuc } from '@gnnjs/train';
import { writeFileAtomic } from '@gnnjs/train/node';
import { explainRow } from '../fraud/explain_row.js';
import { readRows, type RawRow } from '../fraud/raw_rows.js';
import { alertReportHtml, type Alert } from '../fraud/report_html.js';
import { restorePayments } from '../fraud/restore.js';
import { scoreSplit, topK } from '../fraud/score.js';
import { formatTable } from '../output/table.js';

/** `gnnjs report`'s parsed options. */
export interface ReportOptions {
  checkpoint: string;
  top: number;
  steps: number;
  out?: string;
  backend: BackendChoice;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** The report file's name when `--out` is not given. */
export const REPORT_FILE = 'alert-report.html';

async function rawRows(dir: string, format: string, table: string, key: string, ids: readonly number[]): Promise<Map<number, RawRow>> {
  // The report reads Parquet and CSV folders; a DuckDB-file dataset still gets its report, without the raw columns.
  if (format !== 'parquet' && format !== 'csv') return new Map();
  return readRows(dir, format, table, key, ids);
}

/** Runs `gnnjs report`. */
export async function reportCommand(options: ReportOptions): Promise<void> {
  const log = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  const restored = await restorePayments(options.checkpoint, options.backend);
  try {
    const { data, model, meta } = restored;
    const hp = meta.hyperParameters;
    const test = await scoreSplit(data, model, hp, 'test');
    const n = test.ids.length;
    const positives = test.labels.reduce((s, v) => s + v, 0);
    const budget = budgetSize({ fraction: 0.01 }, n);
    const atBudget = atAlertBudget(test.scores, test.labels, budget);
    const atTop = atAlertBudget(test.scores, test.labels, options.top);
    const metrics: Array<[string, string]> = [
      ['PR-AUC (average precision)', averagePrecision(test.scores, test.labels).toFixed(3)],
      ['ROC-AUC', rocAuc(test.scores, test.labels).toFixed(3)],
      [`recall at 1% alerts (${budget})`, atBudget.recall.toFixed(3)],
      [`precision at 1% alerts (${budget})`, atBudget.precision.toFixed(3)],
      [`precision of these ${options.top} alerts`, atTop.precision.toFixed(3)],
    ];
    const noun = data.targetType;
    const period = `test period: ${n} ${noun} (${positives} positive) after ${data.task.split.val}, up to ${data.task.split.test}`;
    if (!options.json) process.stdout.write(`${meta.model} · ${meta.task} · ${period}\n${formatTable(['metric', 'value'], metrics)}\n`);
    const chosen = topK(test, options.top);
    const alerts: Alert[] = [];
    for (const [rank, at] of chosen.entries()) {
      const id = test.ids[at]!;
      log(`explaining alert ${rank + 1}/${chosen.length}: ${noun} ${id} (score ${test.scores[at]!.toFixed(3)})`);
      alerts.push({ rank: rank + 1, id, score: test.scores[at]!, label: test.labels[at]!, raw: {}, explanation: await explainRow(data, model, hp, id, { steps: options.steps, topK: 10 }) });
    }
    const ids = alerts.map((a) => a.id);
    const raw = await rawRows(data.dir, data.manifest.format, noun, 'id', ids);
    const truth = noun === 'transactions' ? await rawRows(data.dir, data.manifest.format, 'fraud_truth', 'transaction_id', ids) : new Map<number, RawRow>();
    for (const a of alerts) {
      a.raw = raw.get(a.id) ?? {};
      const t = truth.get(a.id);
      if (t !== undefined) a.truth = t;
    }
    const file = resolve(options.out ?? join(options.checkpoint, REPORT_FILE));
    const title = `Alert report · payments ${meta.task} · ${meta.model}`;
    const html = alertReportHtml({ title, model: meta.model, task: meta.task, checkpoint: options.checkpoint, seed: meta.seed, period, metrics }, alerts, noun);
    await writeFileAtomic(file, html);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ file, model: meta.model, task: meta.task, metrics: Object.fromEntries(metrics), alerts })}\n`);
    } else {
      const rows = alerts.map((a) => [String(a.rank), String(a.id), a.score.toFixed(3), a.label === 1 ? 'yes' : 'no', String(a.truth?.['pattern'] ?? '')]);
      process.stdout.write(`\n${formatTable(['#', noun, 'score', 'labelled', 'planted pattern'], rows)}\nalert report: ${file}\n`);
    }
  } finally {
    restored.dispose();
  }
}
