import { join } from 'node:path';
import { manualSeed } from '@gnnjs/core';
import { useBackend, type BackendChoice as BackendName } from '@gnnjs/backends';
import { UsageError } from '../cli_error.js';
import { describeGraph, loadGraph } from '../data.js';
import { collectAttention, defaultHyperParameters, type DatasetName, type HyperParameters, type ModelName, type RunConfig, fit, type EpochRecord, aggregateRuns, runMetrics, type RunMetrics, buildModel, buildOptimizer, prepareData } from '@gnnjs/train';
import { saveCheckpoint, type CheckpointConfig } from '@gnnjs/train/node';
import { ProgressBar } from '../output/progress_bar.js';
import { formatSummary } from '../output/summary.js';
import { writeHistory, writeJson } from '../output/write_run.js';

/** `gnnjs train`'s parsed options (commander's camelCase names). */
export interface TrainOptions {
  dataset: DatasetName;
  model: ModelName;
  backend: BackendName;
  epochs: number;
  lr?: number;
  weightDecay?: number;
  hidden?: number;
  heads?: number;
  dropout?: number;
  seed: number;
  runs: number;
  patience?: number;
  dataRoot?: string;
  mirror?: string;
  out?: string;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** The `--json` document of `gnnjs train`. */
export interface TrainReport {
  dataset: DatasetName;
  model: ModelName;
  backend: string;
  hyperParameters: HyperParameters;
  runs: RunMetrics[];
  mean: ReturnType<typeof aggregateRuns>['mean'];
  std: ReturnType<typeof aggregateRuns>['std'];
}

/** Flags override the model's PyG defaults. */
export function resolveHyperParameters(options: TrainOptions): HyperParameters {
  const d = defaultHyperParameters(options.model);
  if (options.model === 'gcn' && options.heads !== undefined) {
    throw new UsageError('--heads applies to GAT and GATv2 only');
  }
  return {
    lr: options.lr ?? d.lr,
    weightDecay: options.weightDecay ?? d.weightDecay,
    hidden: options.hidden ?? d.hidden,
    heads: options.heads ?? d.heads,
    dropout: options.dropout ?? d.dropout,
    epochs: options.epochs,
    ...(options.patience === undefined ? {} : { patience: options.patience }),
  };
}

/** Runs `gnnjs train`: `runs` seeds of PyG's example loop, then a summary. */
export async function trainCommand(options: TrainOptions): Promise<void> {
  const hp = resolveHyperParameters(options);
  const log = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  const backend = await useBackend(options.backend);
  const graph = await loadGraph(options.dataset, {
    ...(options.dataRoot === undefined ? {} : { root: options.dataRoot }),
    ...(options.mirror === undefined ? {} : { mirror: options.mirror }),
  });
  log(`${describeGraph(options.dataset, graph)} · ${options.model.toUpperCase()} · backend ${backend}`);
  const data = await prepareData(graph, graph.numClasses);
  const runs: RunMetrics[] = [];
  const showBar = !options.quiet && !options.verbose && process.stderr.isTTY === true;
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
      const optimizer = buildOptimizer(config, model);
      const bar = showBar ? new ProgressBar(process.stderr, hp.epochs, `seed ${seed}`) : undefined;
      const onEpoch = (rec: EpochRecord): void => {
        bar?.update(rec.epoch, `loss ${rec.loss.toFixed(4)}  val ${(100 * rec.valAcc).toFixed(1)}%`);
        if (options.verbose) process.stderr.write(`${epochLine(seed, rec)}\n`);
      };
      try {
        const result = await fit(model, data, optimizer, {
          epochs: hp.epochs,
          onEpoch,
          ...(hp.patience === undefined ? {} : { patience: hp.patience }),
        });
        const metrics = runMetrics(seed, result);
        runs.push(metrics);
        const summaryLine = runLine(metrics);
        if (bar) bar.done(summaryLine);
        else log(`seed ${seed}: ${summaryLine}`);
        if (options.out !== undefined) {
          const dir = options.runs === 1 ? options.out : join(options.out, `seed-${seed}`);
          await writeHistory(dir, result.history, result.bestEpoch, `${options.dataset} · ${options.model} · seed ${seed}`);
          await writeJson(join(dir, 'metrics.json'), metrics);
          const checkpoint: CheckpointConfig = {
            format: 'gnnjs-checkpoint',
            version: 1,
            ...config,
            epoch: result.last.epoch,
            backend,
          };
          await saveCheckpoint(dir, checkpoint, model.stateDict());
          if (options.model !== 'gcn') await writeJson(join(dir, 'attention.json'), await collectAttention(model, data));
        }
      } finally {
        optimizer.dispose();
        model.dispose();
      }
    }
  } finally {
    data.dispose();
    graph.dispose();
  }

  const report: TrainReport = {
    dataset: options.dataset,
    model: options.model,
    backend,
    hyperParameters: hp,
    runs,
    ...aggregateRuns(runs),
  };
  if (options.out !== undefined) await writeJson(join(options.out, 'metrics.json'), report);
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatSummary(report)}\n`);
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function runLine(m: RunMetrics): string {
  return `test ${pct(m.testAccBestVal)} at best val ${pct(m.valAccBest)} (epoch ${m.bestEpoch}), last ${pct(m.testAccLast)}, ${m.msPerEpoch.toFixed(1)} ms/epoch`;
}

function epochLine(seed: number, r: EpochRecord): string {
  return `seed ${seed} epoch ${String(r.epoch).padStart(3, '0')}  loss ${r.loss.toFixed(4)}  train ${r.trainAcc.toFixed(4)}  val ${r.valAcc.toFixed(4)}  test ${r.testAcc.toFixed(4)}  val loss ${r.valLoss.toFixed(4)}  ${r.ms.toFixed(1)} ms`;
}
