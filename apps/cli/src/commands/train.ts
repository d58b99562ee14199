import { join } from 'node:path';
import { manualSeed } from '@gnnjs/core';
import { useBackend, type BackendChoice as BackendName } from '@gnnjs/backends';
import {
  aggregateRuns,
  buildModel,
  buildTrainingSetup,
  collectAttention,
  fit,
  fullBatch,
  isFraudModelName,
  nodeClassificationEpoch,
  prepareNodeSplits,
  progress,
  recipeHyperParameters,
  runMetrics,
  runProtocol,
  type DatasetName,
  type FraudModelName,
  type HyperParameters,
  type ModelName,
  type NodeClassificationEpoch,
  type RecipeName,
  type RunConfig,
  type RunMetrics,
} from '@gnnjs/train';
import { saveCheckpoint } from '@gnnjs/train/node';
import type { PaymentsTaskName } from '@gnnjs/datasets';
import { UsageError } from '../cli_error.js';
import { PAYMENTS_DATASET } from '../fraud/checkpoint_meta.js';
import { describeGraph, loadGraph } from '../data.js';
import { ProgressBar } from '../output/progress_bar.js';
import { claimRunFolder, type RunFolder } from '../output/run_folder.js';
import { formatSummary } from '../output/summary.js';
import { jsonText, writeHistory } from '../output/write_run.js';
import { runMetaJson } from '../run_meta.js';

/** `gnnjs train`'s parsed options (commander's camelCase names). */
export interface TrainOptions {
  dataset: DatasetName | typeof PAYMENTS_DATASET;
  /** Default: `gat`, or `hetero-gat` on payments-fraud. */
  model?: ModelName | FraudModelName;
  recipe: RecipeName;
  backend: BackendName;
  epochs?: number;
  lr?: number;
  weightDecay?: number;
  hidden?: number;
  heads?: number;
  dropout?: number;
  seed: number;
  runs: number;
  patience?: number;
  /** payments-fraud: `fraud` (transactions) or `churn` (account cut-offs). */
  task?: PaymentsTaskName;
  /** payments-fraud: the seeds (instead of `seed` and `runs`). */
  seeds?: number[];
  /** payments-fraud: the generator's scale (default 0.05) and seed (default 0). */
  scale?: number;
  dataSeed?: number;
  /** payments-fraud: a folder written by `gnnjs data generate payments` (instead of generating). */
  dataDir?: string;
  dataRoot?: string;
  mirror?: string;
  out?: string;
  overwrite: boolean;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** The `--json` document of `gnnjs train`. */
export interface TrainReport {
  dataset: DatasetName;
  model: ModelName;
  recipe: RecipeName;
  backend: string;
  /** Whether the features trained on are row-normalised, measured on them (see `loadGraph`). */
  normalizeFeatures: boolean;
  hyperParameters: HyperParameters;
  runs: RunMetrics[];
  mean: ReturnType<typeof aggregateRuns>['mean'];
  std: ReturnType<typeof aggregateRuns>['std'];
}

/** `TrainOptions` of a Planetoid-style dataset (anything but payments-fraud). */
export type GraphTrainOptions = TrainOptions & { dataset: DatasetName; model: ModelName };

/** Flags override the recipe's settings (PyG's example defaults, or the GAT paper's). */
export function resolveHyperParameters(options: GraphTrainOptions): HyperParameters {
  if (options.model === 'gcn' && options.heads !== undefined) {
    throw new UsageError('--heads applies to GAT and GATv2 only');
  }
  if (options.recipe === 'gat-paper' && options.model !== 'gat') {
    throw new UsageError(`--recipe gat-paper trains GAT only (got --model ${options.model})`);
  }
  const d = recipeHyperParameters(options.recipe, options.model, options.dataset);
  const patience = options.patience ?? d.patience;
  return {
    lr: options.lr ?? d.lr,
    weightDecay: options.weightDecay ?? d.weightDecay,
    hidden: options.hidden ?? d.hidden,
    heads: options.heads ?? d.heads,
    ...(d.outHeads === undefined ? {} : { outHeads: d.outHeads }),
    dropout: options.dropout ?? d.dropout,
    epochs: options.epochs ?? d.epochs,
    ...(patience === undefined ? {} : { patience }),
  };
}

/** Files a run writes into `--out` (one run: directly; several: one `seed-<s>/` folder each). */
function plannedFiles(options: GraphTrainOptions): string[] {
  const perRun = ['history.csv', 'history.svg', 'metrics.json', 'config.json', 'weights.json', ...(options.model === 'gcn' ? [] : ['attention.json'])];
  if (options.runs === 1) return perRun;
  const seeds = Array.from({ length: options.runs }, (_, r) => options.seed + r);
  return ['metrics.json', ...seeds.flatMap((s) => perRun.map((f) => `seed-${s}/${f}`))];
}

/** Runs `gnnjs train`: `runs` seeds of PyG's example loop, then a summary. */
export async function trainCommand(all: TrainOptions): Promise<void> {
  if (all.dataset === PAYMENTS_DATASET) {
    const { trainPaymentsCommand } = await import('./train_payments.js');
    return trainPaymentsCommand(all);
  }
  const options = graphTrainOptions(all);
  const hp = resolveHyperParameters(options);
  const log = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  // Claimed first: a folder another run is writing, or a foreign one, fails before any work.
  const folder =
    options.out === undefined
      ? undefined
      : await claimRunFolder(
          options.out,
          { dataset: options.dataset, model: options.model, recipe: options.recipe, hyperParameters: hp, seed: options.seed, runs: options.runs },
          plannedFiles(options),
          { overwrite: options.overwrite },
        );
  try {
    await train(options, hp, log, folder);
  } finally {
    await folder?.release();
  }
}

/** Refuses the payments-only flags and models on the other datasets. */
function graphTrainOptions(options: TrainOptions): GraphTrainOptions {
  const model = options.model ?? 'gat';
  if (isFraudModelName(model)) throw new UsageError(`--model ${model} trains on --dataset ${PAYMENTS_DATASET} only`);
  for (const [flag, value] of [['--task', options.task], ['--seeds', options.seeds], ['--scale', options.scale], ['--data-seed', options.dataSeed], ['--data-dir', options.dataDir]] as const) {
    if (value !== undefined) throw new UsageError(`${flag} applies to --dataset ${PAYMENTS_DATASET} only`);
  }
  return { ...options, dataset: options.dataset as DatasetName, model };
}

async function train(options: GraphTrainOptions, hp: HyperParameters, log: (line: string) => void, folder: RunFolder | undefined): Promise<void> {
  const backend = await useBackend(options.backend);
  const graph = await loadGraph(options.dataset, {
    ...(options.dataRoot === undefined ? {} : { root: options.dataRoot }),
    ...(options.mirror === undefined ? {} : { mirror: options.mirror }),
  });
  log(`${describeGraph(options.dataset, graph)} · ${options.model.toUpperCase()} · backend ${backend}`);
  const runs: RunMetrics[] = [];
  const showBar = !options.quiet && !options.verbose && process.stderr.isTTY === true;
  try {
    const data = await prepareNodeSplits(graph);
    try {
      for (let r = 0; r < options.runs; r++) {
        const seed = options.seed + r;
        const config: RunConfig = {
          dataset: options.dataset,
          model: options.model,
          seed,
          hyperParameters: hp,
          numFeatures: graph.numFeatures,
          numClasses: graph.numClasses,
          normalizeFeatures: graph.normalizedFeatures,
        };
        manualSeed(seed);
        const model = buildModel(config);
        const setup = buildTrainingSetup(config, model);
        const protocol = runProtocol(options.recipe, hp);
        const bar = showBar ? new ProgressBar(process.stderr, hp.epochs, `seed ${seed}`) : undefined;
        const onEpoch = (rec: NodeClassificationEpoch): void => {
          bar?.update(rec.epoch, `loss ${rec.loss.toFixed(4)}  val ${(100 * rec.valAcc).toFixed(1)}%`);
          if (options.verbose) process.stderr.write(`${epochLine(seed, rec)}\n`);
        };
        try {
          const result = protocol.report(
            await fit(model, fullBatch(data), {
              ...setup,
              epochs: hp.epochs,
              callbacks: [progress((record) => onEpoch(nodeClassificationEpoch(record))), ...protocol.callbacks],
            }),
          );
          const metrics = runMetrics(seed, result);
          runs.push(metrics);
          const summaryLine = runLine(metrics);
          if (bar) bar.done(summaryLine);
          else log(`seed ${seed}: ${summaryLine}`);
          if (folder !== undefined) {
            const prefix = options.runs === 1 ? '' : `seed-${seed}/`;
            await writeHistory(folder, prefix, result.history.map(nodeClassificationEpoch), result.bestEpoch, `${options.dataset} · ${options.model} · seed ${seed}`);
            await folder.write(`${prefix}metrics.json`, jsonText(metrics));
            await saveCheckpoint(join(folder.dir, prefix), model, { meta: runMetaJson({ ...config, epoch: protocol.weightsEpoch(result), backend }) });
            if (options.model !== 'gcn') await folder.write(`${prefix}attention.json`, jsonText(await collectAttention(model, data)));
          }
        } finally {
          setup.optimizer.dispose();
          model.dispose();
        }
      }
    } finally {
      data.dispose();
    }
  } finally {
    graph.dispose();
  }

  const report: TrainReport = {
    dataset: options.dataset,
    model: options.model,
    recipe: options.recipe,
    backend,
    normalizeFeatures: graph.normalizedFeatures,
    hyperParameters: hp,
    runs,
    ...aggregateRuns(runs),
  };
  if (folder !== undefined) await folder.write('metrics.json', jsonText(report));
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatSummary(report)}\n`);
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function runLine(m: RunMetrics): string {
  return `test ${pct(m.testAccBestVal)} at best val ${pct(m.valAccBest)} (epoch ${m.bestEpoch}), last ${pct(m.testAccLast)}, ${m.msPerEpoch.toFixed(1)} ms/epoch`;
}

function epochLine(seed: number, r: NodeClassificationEpoch): string {
  return `seed ${seed} epoch ${String(r.epoch).padStart(3, '0')}  loss ${r.loss.toFixed(4)}  train ${r.trainAcc.toFixed(4)}  val ${r.valAcc.toFixed(4)}  test ${r.testAcc.toFixed(4)}  val loss ${r.valLoss.toFixed(4)}  ${r.ms.toFixed(1)} ms`;
}
