import { resolve } from 'node:path';
import { generatePayments, PAYMENTS_DUCKDB_FILE, TRANSACTIONS_PER_SCALE, type PaymentsFormat, type PaymentsProgress } from '@gnnjs/datasets';
import { writePaymentsDataset } from '@gnnjs/datasets/node';
import { ProgressBar } from '../output/progress_bar.js';

/** `gnnjs data generate payments`'s options. */
export interface DataGeneratePaymentsOptions {
  out: string;
  scale: number;
  seed: number;
  format: PaymentsFormat;
  overwrite: boolean;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

const STEPS = 1000;

/**
 * Generates the synthetic payments dataset (`@gnnjs/datasets`' `generatePayments`)
 * and writes it with its schemas to `--out` as Parquet, CSV or one DuckDB file
 * (`writePaymentsDataset`: a temporary folder renamed into place). A progress
 * bar on stderr only on a terminal and without `--quiet`; the result on stdout:
 * a summary, the manifest with `--json`, or only the folder with `--quiet`.
 */
export async function dataGeneratePaymentsCommand(options: DataGeneratePaymentsOptions): Promise<void> {
  const started = performance.now();
  const showBar = !options.quiet && process.stderr.isTTY === true;
  const label = `payments ×${options.scale}`;
  const bar = showBar ? new ProgressBar(process.stderr, STEPS, label) : undefined;
  // Generation is 85 % of the time, writing the files the rest.
  const onGenerate = (p: PaymentsProgress): void => bar?.update(Math.round(p.fraction * 0.85 * STEPS), p.stage.replace(/_/g, ' '));
  const onWrite = (p: PaymentsProgress): void => bar?.update(Math.round((0.85 + 0.15 * p.fraction) * STEPS), p.stage.replace(/_/g, ' '));
  const tables = generatePayments({ scale: options.scale, seed: options.seed, onProgress: onGenerate });
  const dir = resolve(options.out);
  const manifest = await writePaymentsDataset(tables, dir, { format: options.format, overwrite: options.overwrite, onProgress: onWrite });
  const seconds = (performance.now() - started) / 1000;
  bar?.done(`done in ${seconds.toFixed(1)} s`);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ dir, seconds: Math.round(seconds * 10) / 10, ...manifest })}\n`);
    return;
  }
  if (options.quiet) {
    process.stdout.write(`${dir}\n`);
    return;
  }
  const fraud = tables.transactions.isFraud.reduce((s, v) => s + v, 0);
  const stored = options.format === 'duckdb' ? `${PAYMENTS_DUCKDB_FILE} (every table)` : `${options.format} files`;
  const rows = Object.entries(manifest.rows).map(([table, n]) => `  ${table.padEnd(14)} ${n.toLocaleString('en-US').padStart(11)}`);
  process.stdout.write(
    [
      `PaymentsFraud scale ${options.scale} (about ${(options.scale * TRANSACTIONS_PER_SCALE).toLocaleString('en-US')} transactions), seed ${options.seed}: ` +
        `${((100 * fraud) / tables.transactions.count).toFixed(2)} % labelled fraud`,
      ...rows,
      `${stored}, schema.json (fraud), schema.churn.json (churn) and dataset.json in ${dir} (${seconds.toFixed(1)} s)`,
      '',
    ].join('\n'),
  );
}
