import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CheckpointError } from '../errors.js';
import { writeFileAtomic } from './atomic_write.js';
import {
  applyCheckpoint,
  CONFIG_FILE,
  parseCheckpoint,
  serializeCheckpoint,
  WEIGHTS_FILE,
  type Checkpoint,
  type CheckpointModel,
  type JsonValue,
} from './format.js';

/**
 * Saves any module's weights into `dir` as `weights.json` (`{pygName:
 * {shape, data}}`) and `config.json` (format, SHA-256 of the weights,
 * shapes, and your `meta`), each written to a temporary file and renamed:
 * an interrupted save leaves either the old checkpoint or a checksum
 * mismatch that {@link readCheckpoint} reports, never silently wrong weights.
 *
 * @example
 * ```ts
 * await saveCheckpoint('runs/best', model, { meta: { epoch: 120, hidden: 64 } });
 * ```
 */
export async function saveCheckpoint(dir: string, model: Pick<CheckpointModel, 'stateDict'>, options: { meta?: JsonValue } = {}): Promise<void> {
  const { config, weights } = await serializeCheckpoint(model, options);
  await mkdir(dir, { recursive: true });
  // Weights first: a config always describes weights that were fully written.
  await writeFileAtomic(join(dir, WEIGHTS_FILE), weights);
  await writeFileAtomic(join(dir, CONFIG_FILE), config);
}

/**
 * Reads and verifies a checkpoint (checksum, shapes, finite values) as plain
 * arrays, so no backend is needed yet; `meta` is returned as stored, for the
 * caller to check. Throws {@link CheckpointError} naming the file.
 *
 * @example
 * ```ts
 * const { meta, weights } = await readCheckpoint('runs/best');
 * ```
 */
export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  const configPath = join(dir, CONFIG_FILE);
  const weightsPath = join(dir, WEIGHTS_FILE);
  const config = await readChecked(configPath);
  const weights = await readChecked(weightsPath);
  return parseCheckpoint(new TextDecoder().decode(config), weights, { config: configPath, weights: weightsPath });
}

/**
 * Reads a checkpoint and loads it into `model` (same architecture: every
 * parameter name and shape must match, unless `strict: false`). Returns the
 * stored `meta`.
 *
 * @example
 * ```ts
 * const model = new MyNet();
 * const { meta } = await loadCheckpoint('runs/best', model);
 * ```
 */
export async function loadCheckpoint(dir: string, model: CheckpointModel, options: { strict?: boolean } = {}): Promise<{ meta: JsonValue }> {
  const checkpoint = await readCheckpoint(dir);
  applyCheckpoint(model, checkpoint, { ...options, file: join(dir, WEIGHTS_FILE) });
  return { meta: checkpoint.meta };
}

async function readChecked(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CheckpointError(path, code === 'ENOENT' ? 'no such file (is this a checkpoint directory written by `gnnjs train --out` or saveCheckpoint?)' : `cannot read (${code ?? String(err)})`);
  }
}
