/**
 * `gnnjs explain --checkpoint DIR --transaction ID`: one prediction of a
 * payments checkpoint explained (attention paths and neighbours per layer,
 * integrated gradients over features and edges, their agreement), as a table
 * or as JSON.
 */
import type { BackendChoice } from '@gnnjs/backends';
import { UsageError } from '../cli_error.js';
import { explainRow } from '../fraud/explain_row.js';
import { formatRowExplanation } from '../fraud/explain_text.js';
import { restorePayments } from '../fraud/restore.js';

/** `gnnjs explain`'s parsed options. */
export interface ExplainOptions {
  checkpoint: string;
  /** A transaction id (fraud checkpoints). */
  transaction?: number;
  /** A target row id of the checkpoint's task (an `account_churn` row for churn). */
  row?: number;
  top: number;
  steps: number;
  backend: BackendChoice;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** Runs `gnnjs explain`. */
export async function explainCommand(options: ExplainOptions): Promise<void> {
  if ((options.transaction === undefined) === (options.row === undefined)) throw new UsageError('give exactly one of --transaction <id> or --row <id>');
  const restored = await restorePayments(options.checkpoint, options.backend);
  try {
    const { data, model, meta } = restored;
    if (options.transaction !== undefined && data.targetType !== 'transactions') {
      throw new UsageError(`this checkpoint scores ${data.targetType} (task ${meta.task}): use --row <id>`);
    }
    const id = options.transaction ?? options.row!;
    const explanation = await explainRow(data, model, meta.hyperParameters, id, { steps: options.steps, topK: Math.max(options.top, 10) });
    process.stdout.write(options.json ? `${JSON.stringify(explanation)}\n` : `${formatRowExplanation(explanation, options.top)}\n`);
  } finally {
    restored.dispose();
  }
}
