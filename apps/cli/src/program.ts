import { Command, Option } from 'commander';
import { BACKEND_NAMES } from '@gnnjs/backends';
import type { AttentionOptions } from './commands/attention.js';
import type { PaymentsFormat } from '@gnnjs/datasets';
import type { DataGeneratePaymentsOptions } from './commands/data_generate.js';
import type { DoctorOptions } from './commands/doctor.js';
import type { ExplainOptions } from './commands/explain.js';
import type { ReportOptions } from './commands/report.js';
import type { CheckpointCommandOptions } from './commands/restore.js';
import type { TrainOptions } from './commands/train.js';
import { DATASET_NAMES, FRAUD_MODEL_NAMES, GAT_PAPER_MAX_EPOCHS, MODEL_NAMES, RECIPE_NAMES } from '@gnnjs/train';
import { integerAtLeast, integerList, numberInRange } from './parse_number.js';

// Commands load lazily: tfjs, the models and the datasets are only imported
// once the command line parsed, so `--help` and usage errors answer at once.
const trainCommand = async (o: TrainOptions): Promise<void> => {
  await quietTfjs(o.verbose);
  return (await import('./commands/train.js')).trainCommand(o);
};
const evaluateCommand = async (o: CheckpointCommandOptions): Promise<void> => {
  await quietTfjs(o.verbose);
  return (await import('./commands/evaluate.js')).evaluateCommand(o);
};
const attentionCommand = async (o: AttentionOptions): Promise<void> => {
  await quietTfjs(o.verbose);
  return (await import('./commands/attention.js')).attentionCommand(o);
};
const explainCommand = async (o: ExplainOptions): Promise<void> => {
  await quietTfjs(o.verbose);
  return (await import('./commands/explain.js')).explainCommand(o);
};
const reportCommand = async (o: ReportOptions): Promise<void> => {
  await quietTfjs(o.verbose);
  return (await import('./commands/report.js')).reportCommand(o);
};
const dataGeneratePaymentsCommand = async (o: DataGeneratePaymentsOptions): Promise<void> => {
  await quietTfjs(o.verbose);
  return (await import('./commands/data_generate.js')).dataGeneratePaymentsCommand(o);
};
const doctorCommand = async (o: DoctorOptions): Promise<void> => {
  await quietTfjs(o.verbose);
  return (await import('./commands/doctor.js')).doctorCommand(o);
};

/**
 * Silences tfjs's console notes (e.g. the CPU backend's "install tfjs-node"
 * banner), which would break one-line errors and clutter `--json` runs.
 */
async function quietTfjs(verbose: boolean): Promise<void> {
  if (!verbose) (await import('@tensorflow/tfjs-core')).enableProdMode();
}

/** Options every command shares. */
function addCommonOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(['auto', ...BACKEND_NAMES]).default('auto'))
    .option('--data-root <dir>', 'dataset cache directory (default: the datasets package default)')
    .option('--mirror <url-or-dir>', 'where to fetch raw dataset files from (also env GNNJS_DATASETS_MIRROR)')
    .option('--json', 'print a machine-readable result on stdout', false)
    .option('--quiet', 'print only the result', false)
    .option('--verbose', 'print per-epoch logs and stack traces', false);
}

/**
 * The `gnnjs` command line: `train`, `evaluate`, `attention`, `explain`, `report`, `data generate payments`, `doctor`.
 * Commander reports its own parse errors (unknown option, bad choice, bad
 * number) as one `error: ...` line with exit code 1.
 */
export function buildProgram(): Command {
  const program = new Command('gnnjs')
    .description('Train and inspect graph neural networks (GCN, GAT, GATv2) with GNN.js')
    .showSuggestionAfterError(true)
    .configureHelp({ sortOptions: false })
    // Set before adding subcommands, which copy these settings: throw instead
    // of exiting, and keep parse errors to one line.
    .exitOverride()
    .configureOutput({
      writeErr: (text) =>
        process.stderr.write(text.startsWith('error:') ? `${text.trim().replace(/\s*\n\s*/g, ' ')}\n` : text),
    });

  addCommonOptions(
    program
      .command('train')
      .description("train a model on a dataset (PyG example defaults, or the GAT paper's recipe) and report test accuracy")
      .addOption(new Option('--dataset <name>', 'dataset').choices([...DATASET_NAMES, 'payments-fraud']).default('cora'))
      .addOption(new Option('--model <name>', 'model (default: gat; payments-fraud: hetero-gat)').choices([...MODEL_NAMES, ...FRAUD_MODEL_NAMES]))
      .addOption(
        new Option('--recipe <name>', "training protocol: PyG's example, or the GAT paper's (early stopping, best weights restored)")
          .choices(RECIPE_NAMES)
          .default('pyg-example'),
      )
      .option('--epochs <n>', `training epochs (default 200; gat-paper: at most ${GAT_PAPER_MAX_EPOCHS})`, integerAtLeast(1))
      .option('--lr <x>', 'Adam learning rate (default: 0.01 GCN, 0.005 GAT/GATv2)', numberInRange(0))
      .option('--weight-decay <x>', 'L2 weight decay (default 5e-4; GCN: first layer only)', numberInRange(0))
      .option('--hidden <n>', 'hidden channels (per head for GAT) (default: 16 GCN, 8 GAT)', integerAtLeast(1))
      .option('--heads <n>', 'attention heads of the first GAT layer (default 8)', integerAtLeast(1))
      .option('--dropout <p>', 'dropout probability (default: 0.5 GCN, 0.6 GAT)', numberInRange(0, 1, true))
      .option('--seed <n>', 'random seed of the first run', integerAtLeast(0), 0)
      .option('--runs <n>', 'number of runs with seeds seed, seed+1, ...', integerAtLeast(1), 1)
      .option('--seeds <list>', 'payments-fraud: the seeds, comma-separated (instead of --seed and --runs)', integerList(0))
      .addOption(new Option('--task <name>', 'payments-fraud: score transactions (fraud) or account cut-offs (churn) (default fraud)').choices(['fraud', 'churn']))
      .option('--scale <x>', 'payments-fraud: size of the generated dataset (default 0.05: 2 550 accounts, 51 147 transactions)', numberInRange(0.002, 10))
      .option('--data-seed <n>', 'payments-fraud: seed of the generated dataset (default 0)', integerAtLeast(0))
      .option('--data-dir <dir>', "payments-fraud: a folder written by 'gnnjs data generate payments' (instead of generating)")
      .option('--patience <n>', 'stop after n epochs without better val accuracy or val loss (gat-paper: default 100)', integerAtLeast(1))
      .option('--out <dir>', 'write metrics, history, plot, checkpoint and attention here')
      .option('--overwrite', 'replace a run of another configuration in --out (files gnnjs did not write are kept)', false),
  ).action(trainCommand);

  addCommonOptions(
    program
      .command('evaluate')
      .description("evaluate a checkpoint written by 'train --out' on its dataset")
      .requiredOption('--checkpoint <dir>', 'checkpoint directory'),
  ).action(evaluateCommand);

  addCommonOptions(
    program
      .command('attention')
      .description('show which neighbours a node attends to, per head and averaged (GAT/GATv2 checkpoints)')
      .requiredOption('--checkpoint <dir>', 'checkpoint directory')
      .requiredOption('--node <id>', 'node id', integerAtLeast(0))
      .option('--top <k>', 'neighbours to list per layer', integerAtLeast(1), 10),
  ).action(attentionCommand);

  program
    .command('explain')
    .description("explain one prediction of a 'train --dataset payments-fraud' checkpoint: score, attention paths and neighbours per layer, integrated gradients over features and edges")
    .requiredOption('--checkpoint <dir>', 'checkpoint directory')
    .option('--transaction <id>', 'transaction id (fraud checkpoints)', integerAtLeast(0))
    .option('--row <id>', "target row id of the checkpoint's task (account_churn rows for churn)", integerAtLeast(0))
    .option('--top <k>', 'entries per table', integerAtLeast(1), 8)
    .option('--steps <n>', 'integrated-gradients steps', integerAtLeast(1), 50)
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(['auto', ...BACKEND_NAMES]).default('auto'))
    .option('--json', 'print the explanation as JSON on stdout', false)
    .option('--quiet', 'print only the result', false)
    .option('--verbose', 'print stack traces', false)
    .action(explainCommand);

  program
    .command('report')
    .description("write an alert report (HTML with SVG) of the top-k scored test rows of a 'train --dataset payments-fraud' checkpoint, each explained")
    .requiredOption('--checkpoint <dir>', 'checkpoint directory')
    .option('--top <k>', 'alerts in the report', integerAtLeast(1), 10)
    .option('--steps <n>', 'integrated-gradients steps', integerAtLeast(1), 32)
    .option('--out <file>', 'the HTML file (default: <checkpoint>/alert-report.html)')
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(['auto', ...BACKEND_NAMES]).default('auto'))
    .option('--json', 'print the alerts as JSON on stdout', false)
    .option('--quiet', 'print only the file written', false)
    .option('--verbose', 'print stack traces', false)
    .action(reportCommand);

  program
    .command('data')
    .description('synthetic datasets')
    .command('generate')
    .description('generate a synthetic dataset into a folder')
    .command('payments')
    .description('PaymentsFraud: accounts, cards, devices, merchants and transactions with planted fraud, as Parquet, CSV or a DuckDB file with their schemas')
    .requiredOption('--out <dir>', 'output folder (created; must be empty unless --overwrite)')
    .option('--scale <x>', 'size: 1 = 50 000 accounts and about 1 000 000 transactions; at most 10', numberInRange(0.002, 10), 1)
    .option('--seed <n>', 'random seed: the same seed and scale give the same tables', integerAtLeast(0), 0)
    .addOption(
      new Option('--format <format>', 'a Parquet or CSV file per table, or one DuckDB database file (payments.duckdb)')
        .choices(['parquet', 'csv', 'duckdb'] satisfies PaymentsFormat[])
        .default('parquet'),
    )
    .option('--overwrite', 'replace a folder that is not empty', false)
    .option('--json', 'print the manifest (dataset.json) and the folder on stdout', false)
    .option('--quiet', 'no progress bar; print only the folder', false)
    .option('--verbose', 'print stack traces', false)
    .action(dataGeneratePaymentsCommand);

  program
    .command('doctor')
    .description('report which backends load on this machine, and why the others do not')
    .option('--json', 'print a machine-readable result on stdout', false)
    .option('--verbose', 'print stack traces', false)
    .action(doctorCommand);

  return program;
}
