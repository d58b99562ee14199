/**
 * What `gnnjs train --dataset payments-fraud` stores as a checkpoint's
 * `meta`, and its check when `gnnjs explain` / `gnnjs report` read it back:
 * the model, task and hyper-parameters to rebuild the model, and where the
 * data came from to rebuild the same snapshots.
 */
import { PAYMENTS_TASKS, type PaymentsTaskName } from '@gnnjs/datasets';
import { CheckpointError, FRAUD_MODEL_NAMES, type FraudHyperParameters, type FraudModelName, type JsonValue } from '@gnnjs/train';
import type { PaymentsSource } from './data.js';

export const PAYMENTS_DATASET = 'payments-fraud';

/** A payments checkpoint's `meta`. */
export interface PaymentsCheckpointMeta {
  dataset: typeof PAYMENTS_DATASET;
  task: PaymentsTaskName;
  model: FraudModelName;
  seed: number;
  hyperParameters: FraudHyperParameters;
  /** The data the model was trained on: a folder, or the generator's scale and seed (cache under `root`). */
  data: PaymentsSource;
  /** Input widths per node type (checked against the data when restored). */
  widths: Record<string, number>;
  /** The epoch whose weights the checkpoint holds (best validation PR-AUC). */
  epoch: number;
  backend: string;
}

/** The meta as JSON. */
export function paymentsMetaJson(meta: PaymentsCheckpointMeta): JsonValue {
  return JSON.parse(JSON.stringify(meta)) as JsonValue;
}

/** Whether a checkpoint's meta is a payments run's (else it is a Planetoid run's or foreign). */
export function isPaymentsMeta(meta: JsonValue): boolean {
  return typeof meta === 'object' && meta !== null && !Array.isArray(meta) && meta['dataset'] === PAYMENTS_DATASET;
}

/** Checks a payments checkpoint's meta; anything else is a {@link CheckpointError} naming `file` and the field. */
export function parsePaymentsMeta(meta: JsonValue, file: string): PaymentsCheckpointMeta {
  const fail = (what: string): never => {
    throw new CheckpointError(file, `not a checkpoint of gnnjs train --dataset ${PAYMENTS_DATASET}: meta ${what}`);
  };
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return fail('is not an object');
  if (meta['dataset'] !== PAYMENTS_DATASET) fail(`'dataset' is ${JSON.stringify(meta['dataset'] ?? null)}`);
  if (typeof meta['task'] !== 'string' || !(meta['task'] in PAYMENTS_TASKS)) fail(`'task' names no payments task (${JSON.stringify(meta['task'] ?? null)})`);
  if (!(FRAUD_MODEL_NAMES as readonly unknown[]).includes(meta['model'])) fail(`'model' names no fraud model (${JSON.stringify(meta['model'] ?? null)})`);
  for (const key of ['seed', 'epoch']) if (!Number.isInteger(meta[key])) fail(`'${key}' is not an integer`);
  if (typeof meta['backend'] !== 'string') fail("'backend' is not a string");
  const hp = meta['hyperParameters'];
  if (typeof hp !== 'object' || hp === null || Array.isArray(hp)) return fail("'hyperParameters' is missing");
  for (const key of ['lr', 'weightDecay', 'hidden', 'heads', 'layers', 'dropout', 'epochs', 'patience', 'batchSize', 'fanout', 'negativeRate']) {
    if (typeof hp[key] !== 'number') fail(`'hyperParameters.${key}' is not a number`);
  }
  if (typeof hp['loss'] !== 'object' || hp['loss'] === null) fail("'hyperParameters.loss' is missing");
  const data = meta['data'];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail("'data' is missing");
  if (!(typeof data['dataDir'] === 'string' || (typeof data['scale'] === 'number' && Number.isInteger(data['seed'])))) fail("'data' has neither a dataDir nor a scale and seed");
  const widths = meta['widths'];
  if (typeof widths !== 'object' || widths === null || Array.isArray(widths) || Object.values(widths).some((w) => !Number.isInteger(w))) fail("'widths' is not a map of integers");
  return meta as unknown as PaymentsCheckpointMeta;
}
