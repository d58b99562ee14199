/**
 * `gnnjs train --dataset payments-fraud`: fraud (transactions) or churn
 * (account cut-offs) on the PaymentsFraud graph, one run per seed with early
 * stopping on validation PR-AUC and the best epoch's weights kept; a table
 * of test metrics per seed with mean ± std; with `--out`, each run's
 * checkpoint (train's format), metrics and history.
 */
import { join } from 'node:path';
import { useBackend } from '@gnnjs/backends';
import type { PaymentsTaskName } from '@gnnjs/datasets';
import { defaultFraudHyperParameters, isFraudModelName, mean, populationStd, type BinaryClassificationMetric, type EpochRecord, type FraudHyperParameters, type FraudModelName } from '@gnnjs/train';
import { saveCheckpoint } from '@gnnjs/train/node';
import { UsageError } from '../cli_error.js';
import { paymentsMetaJson, PAYMENTS_DATASET } from '../fraud/checkpoint_meta.js';
import { describePayments, loadPaymentsData, type PaymentsSource } from '../fraud/data.js';
import { trainPaymentsRun, type PaymentsRunMetrics } from '../fraud/run.js';
import { claimRunFolder, type RunFolder } from '../output/run_folder.js';
import { formatTable } from '../output/table.js';
import { jsonText } from '../output/write_run.js';
import type { TrainOptions } from './train.js';

/** The metrics of the summary table and of `mean` / `std` in the JSON. */
export const PAYMENTS_SUMMARY_METRICS = ['prAuc', 'rocAuc', 'recallAtBudget', 'precisionAtBudget', 'recallAtPrecision', 'f1'] as const;
type SummaryMetric = (typeof PAYMENTS_SUMMARY_METRICS)[number];

/** The `--json` document of `gnnjs train --dataset payments-fraud`. */
export interface PaymentsTrainReport {
  dataset: typeof PAYMENTS_DATASET;
  task: PaymentsTaskName;
  model: FraudModelName;
  backend: string;
  data: PaymentsSource;
  hyperParameters: FraudHyperParameters;
  runs: PaymentsRunMetrics[];
  /** Mean and population std over runs of each test metric. */
  mean: Record<SummaryMetric, number>;
  std: Record<SummaryMetric, number>;
}

/** The seeds of a run: `--seeds`, else `--seed` … `--seed + --runs − 1`. */
export function paymentsSeeds(options: TrainOptions): number[] {
  return options.seeds ?? Array.from({ length: options.runs }, (_, r) => options.seed + r);
}

/** The fraud registry's defaults for the model, with the flags given. */
export function paymentsHyperParameters(options: TrainOptions, model: FraudModelName): FraudHyperParameters {
  const d = defaultFraudHyperParameters(model);
  const hp: FraudHyperParameters = {
    ...d,
    lr: options.lr ?? d.lr,
    weightDecay: options.weightDecay ?? d.weightDecay,
    hidden: options.hidden ?? d.hidden,
    heads: options.heads ?? d.heads,
    dropout: options.dropout ?? d.dropout,
    epochs: options.epochs ?? d.epochs,
    patience: options.patience ?? d.patience,
  };
  if (hp.hidden % hp.heads !== 0) throw new UsageError(`--hidden (${hp.hidden}) must be divisible by --heads (${hp.heads})`);
  return hp;
}

function paymentsSource(options: TrainOptions): PaymentsSource {
  if (options.dataDir !== undefined) return { dataDir: options.dataDir };
  return { scale: options.scale ?? 0.05, seed: options.dataSeed ?? 0, ...(options.dataRoot === undefined ? {} : { root: join(options.dataRoot, 'payments') }) };
}

function plannedFiles(seeds: readonly number[]): string[] {
  const perRun = ['history.csv', 'metrics.json', 'config.json', 'weights.json'];
  if (seeds.length === 1) return perRun;
  return ['metrics.json', ...seeds.flatMap((s) => perRun.map((f) => `seed-${s}/${f}`))];
}

/** Runs `gnnjs train --dataset payments-fraud`. */
export async function trainPaymentsCommand(options: TrainOptions): Promise<void> {
  const model = options.model ?? 'hetero-gat';
  if (!isFraudModelName(model)) throw new UsageError(`--dataset ${PAYMENTS_DATASET} trains hetero-gat, hetero-gatv2, hgt, mlp or gat-flat (got --model ${model})`);
  if (options.recipe !== 'pyg-example') throw new UsageError(`--recipe applies to the Planetoid datasets only (--dataset ${PAYMENTS_DATASET} stops early on validation PR-AUC)`);
  const task = options.task ?? 'fraud';
  const hp = paymentsHyperParameters(options, model);
  const seeds = paymentsSeeds(options);
  const source = paymentsSource(options);
  const log = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  const folder =
    options.out === undefined
      ? undefined
      : await claimRunFolder(options.out, { dataset: PAYMENTS_DATASET, model, hyperParameters: { ...hp, task, data: source, seeds }, seed: seeds[0]!, runs: seeds.length }, plannedFiles(seeds), {
          overwrite: options.overwrite,
        });
  try {
    const report = await train(options, { task, model, hp, seeds, source }, log, folder);
    if (folder !== undefined) await folder.write('metrics.json', jsonText(report));
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatPaymentsSummary(report)}\n`);
  } finally {
    await folder?.release();
  }
}

interface Plan {
  task: PaymentsTaskName;
  model: FraudModelName;
  hp: FraudHyperParameters;
  seeds: readonly number[];
  source: PaymentsSource;
}

async function train(options: TrainOptions, plan: Plan, log: (line: string) => void, folder: RunFolder | undefined): Promise<PaymentsTrainReport> {
  const backend = await useBackend(options.backend);
  if (!('dataDir' in plan.source)) log(`payments: generating or reading the cached dataset (scale ${plan.source.scale}, seed ${plan.source.seed})`);
  const data = await loadPaymentsData(plan.source, plan.task);
  const runs: PaymentsRunMetrics[] = [];
  try {
    log(`${describePayments(data)} · ${plan.model} · backend ${backend}`);
    for (const seed of plan.seeds) {
      let best = -Infinity;
      let bestEpoch = 0;
      const onEpoch = (r: EpochRecord<BinaryClassificationMetric>): void => {
        const pr = r.val?.prAuc ?? Number.NaN;
        if (pr > best) {
          best = pr;
          bestEpoch = r.epoch;
        }
        log(`seed ${seed} epoch ${String(r.epoch).padStart(2)}/${plan.hp.epochs}  loss ${r.loss.toFixed(4)}  val PR-AUC ${pr.toFixed(3)}  (best ${best.toFixed(3)} at ${bestEpoch})  ${(r.ms / 1000).toFixed(1)} s`);
      };
      const run = await trainPaymentsRun(data, plan.model, plan.hp, seed, onEpoch);
      try {
        runs.push(run.metrics);
        const m = run.metrics.test;
        log(`seed ${seed}: test PR-AUC ${m.prAuc.toFixed(3)}  ROC-AUC ${m.rocAuc.toFixed(3)}  recall@1% ${m.recallAtBudget.toFixed(3)}  (weights of epoch ${run.metrics.bestEpoch} of ${run.metrics.epochs})`);
        if (folder !== undefined) {
          const prefix = plan.seeds.length === 1 ? '' : `seed-${seed}/`;
          await folder.write(`${prefix}history.csv`, paymentsHistoryCsv(run.history));
          await folder.write(`${prefix}metrics.json`, jsonText(run.metrics));
          const meta = { dataset: PAYMENTS_DATASET, task: plan.task, model: plan.model, seed, hyperParameters: plan.hp, data: plan.source, widths: { ...data.widths }, epoch: run.metrics.bestEpoch, backend } as const;
          await saveCheckpoint(join(folder.dir, prefix), run.model, { meta: paymentsMetaJson(meta) });
        }
      } finally {
        run.model.dispose();
      }
    }
  } finally {
    data.dispose();
  }
  const pick = (f: (m: PaymentsRunMetrics['test']) => number): number[] => runs.map((r) => f(r.test));
  const agg = (g: (v: number[]) => number): Record<SummaryMetric, number> => Object.fromEntries(PAYMENTS_SUMMARY_METRICS.map((k) => [k, g(pick((m) => m[k]))])) as Record<SummaryMetric, number>;
  return { dataset: PAYMENTS_DATASET, task: plan.task, model: plan.model, backend, data: plan.source, hyperParameters: plan.hp, runs, mean: agg(mean), std: agg(populationStd) };
}

/** `epoch,loss,val_pr_auc,val_roc_auc,val_recall_at_1pct,ms` per epoch. */
export function paymentsHistoryCsv(history: ReadonlyArray<EpochRecord<BinaryClassificationMetric>>): string {
  const rows = history.map((r) => [r.epoch, r.loss, r.val?.prAuc ?? '', r.val?.rocAuc ?? '', r.val?.recallAtBudget ?? '', r.ms.toFixed(1)].join(','));
  return `${['epoch,loss,val_pr_auc,val_roc_auc,val_recall_at_1pct,ms', ...rows].join('\n')}\n`;
}

const f3 = (x: number): string => x.toFixed(3);

/** The table printed after training: test metrics per seed, then mean ± std. */
export function formatPaymentsSummary(report: PaymentsTrainReport): string {
  const header = ['seed', 'PR-AUC', 'ROC-AUC', 'recall@1%', 'prec@1%', 'recall@P90', 'F1@val thr', 'best epoch', 'epochs'];
  const rows = report.runs.map((r) => [String(r.seed), ...PAYMENTS_SUMMARY_METRICS.map((k) => f3(r.test[k])), String(r.bestEpoch), String(r.epochs)]);
  if (report.runs.length > 1) rows.push(['mean ± std', ...PAYMENTS_SUMMARY_METRICS.map((k) => `${f3(report.mean[k])} ± ${f3(report.std[k])}`), '', '']);
  const title = `${PAYMENTS_DATASET} · ${report.task} · ${report.model} · backend ${report.backend} · test split (recall@1%: share of positives among the 1% highest scores)`;
  return `${title}\n${formatTable(header, rows)}`;
}
