import {
  CheckpointError,
  DATASET_NAMES,
  MODEL_NAMES,
  type JsonValue,
  type RunConfig,
} from '@gnnjs/train';

/** What `gnnjs train` stores as a checkpoint's `meta`: the run's configuration, the epoch of the weights and the backend. */
export interface RunCheckpointMeta extends RunConfig {
  /** The epoch whose weights the checkpoint holds (the last one trained). */
  epoch: number;
  /** The backend the model was trained on. */
  backend: string;
}

/** The meta of a `gnnjs train` checkpoint, as JSON. */
export function runMetaJson(meta: RunCheckpointMeta): JsonValue {
  return JSON.parse(JSON.stringify(meta)) as JsonValue;
}

/**
 * Checks that a checkpoint's `meta` is a `gnnjs train` run configuration;
 * anything else (a custom model saved with `saveCheckpoint`) is a
 * {@link CheckpointError} naming `file` that says how to load it instead.
 */
export function parseRunMeta(meta: JsonValue, file: string): RunCheckpointMeta {
  const fail = (what: string): never => {
    throw new CheckpointError(file, `not a checkpoint of gnnjs train: meta ${what} (a model saved with saveCheckpoint loads with loadCheckpoint in your own code)`);
  };
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return fail('is not an object');
  if (!(DATASET_NAMES as readonly unknown[]).includes(meta['dataset'])) fail(`names no known dataset (${JSON.stringify(meta['dataset'] ?? null)})`);
  if (!(MODEL_NAMES as readonly unknown[]).includes(meta['model'])) fail(`names no known model (${JSON.stringify(meta['model'] ?? null)})`);
  for (const key of ['numFeatures', 'numClasses', 'epoch', 'seed']) {
    if (!Number.isInteger(meta[key])) fail(`'${key}' is not an integer`);
  }
  if (typeof meta['normalizeFeatures'] !== 'boolean') fail("'normalizeFeatures' is not a boolean");
  if (typeof meta['backend'] !== 'string') fail("'backend' is not a string");
  const hp = meta['hyperParameters'];
  if (typeof hp !== 'object' || hp === null || Array.isArray(hp)) return fail("'hyperParameters' is missing");
  for (const key of ['lr', 'weightDecay', 'hidden', 'heads', 'dropout', 'epochs']) {
    if (typeof hp[key] !== 'number') fail(`'hyperParameters.${key}' is not a number`);
  }
  return meta as unknown as RunCheckpointMeta;
}
