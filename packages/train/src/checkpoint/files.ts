import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { GnnError } from '@gnnjs/core';
import { DATASET_NAMES, MODEL_NAMES, type RunConfig } from './config.js';

/** A checkpoint directory is missing, unreadable or malformed. */
export class CheckpointError extends GnnError {
  override readonly name: string = 'CheckpointError';
  /** The file at fault. */
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}

/** What `config.json` holds: everything needed to rebuild the model and its data. */
export interface CheckpointConfig extends RunConfig {
  format: 'gnnjs-checkpoint';
  version: 1;
  /** The epoch whose weights `weights.json` holds (the last one trained). */
  epoch: number;
  /** The backend the model was trained on. */
  backend: string;
}

/** One tensor of `weights.json`: row-major values. */
export interface SerializedTensor {
  shape: number[];
  data: number[];
}

export const CONFIG_FILE = 'config.json';
export const WEIGHTS_FILE = 'weights.json';

/**
 * Writes `config.json` and `weights.json` (`{pygName: {shape, data}}`) into `dir`.
 *
 * @example
 * ```ts
 * await saveCheckpoint('out', config, model.stateDict());
 * ```
 */
export async function saveCheckpoint(
  dir: string,
  config: CheckpointConfig,
  stateDict: Readonly<Record<string, tf.Tensor>>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const weights: Record<string, SerializedTensor> = {};
  for (const [name, tensor] of Object.entries(stateDict)) {
    weights[name] = { shape: [...tensor.shape], data: Array.from(await tensor.data()) };
  }
  await writeFile(join(dir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
  await writeFile(join(dir, WEIGHTS_FILE), `${JSON.stringify(weights)}\n`);
}

/**
 * Reads and validates a checkpoint written by {@link saveCheckpoint}, as plain
 * arrays (no tensors yet, so no backend is needed). Throws
 * {@link CheckpointError} naming the file on anything unreadable.
 *
 * @example
 * ```ts
 * const { config, weights } = await readCheckpoint('out');
 * const tensors = weightsToTensors(weights);
 * model.loadStateDict(tensors);
 * tf.dispose(Object.values(tensors));
 * ```
 */
export async function readCheckpoint(dir: string): Promise<{ config: CheckpointConfig; weights: Record<string, SerializedTensor> }> {
  const config = parseConfig(await readJson(join(dir, CONFIG_FILE)), join(dir, CONFIG_FILE));
  const weightsPath = join(dir, WEIGHTS_FILE);
  const raw = await readJson(weightsPath);
  if (!isRecord(raw)) throw new CheckpointError(weightsPath, 'expected an object {name: {shape, data}}');
  const weights: Record<string, SerializedTensor> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!isRecord(value) || !isNumberArray(value.shape) || !isNumberArray(value.data)) {
      throw new CheckpointError(weightsPath, `entry '${name}' is not {shape: number[], data: number[]}`);
    }
    const size = value.shape.reduce((a, b) => a * b, 1);
    if (size !== value.data.length) {
      throw new CheckpointError(weightsPath, `entry '${name}' has ${value.data.length} values for shape [${value.shape.join(', ')}]`);
    }
    weights[name] = { shape: value.shape, data: value.data };
  }
  return { config, weights };
}

/** float32 tensors of {@link readCheckpoint}'s weights; the caller disposes them. */
export function weightsToTensors(weights: Readonly<Record<string, SerializedTensor>>): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, t] of Object.entries(weights)) out[name] = tf.tensor(t.data, t.shape, 'float32');
  return out;
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CheckpointError(path, code === 'ENOENT' ? 'no such file (is this a checkpoint directory written by `gnnjs train --out`?)' : `cannot read (${code ?? String(err)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CheckpointError(path, `not valid JSON (${(err as Error).message})`);
  }
}

function parseConfig(raw: unknown, path: string): CheckpointConfig {
  if (!isRecord(raw) || raw.format !== 'gnnjs-checkpoint') {
    throw new CheckpointError(path, "not a GNN.js checkpoint config (format must be 'gnnjs-checkpoint')");
  }
  if (raw.version !== 1) throw new CheckpointError(path, `unsupported version ${String(raw.version)} (expected 1)`);
  if (!(DATASET_NAMES as readonly unknown[]).includes(raw.dataset)) {
    throw new CheckpointError(path, `unknown dataset ${JSON.stringify(raw.dataset)}`);
  }
  if (!(MODEL_NAMES as readonly unknown[]).includes(raw.model)) {
    throw new CheckpointError(path, `unknown model ${JSON.stringify(raw.model)}`);
  }
  for (const key of ['numFeatures', 'numClasses', 'epoch', 'seed'] as const) {
    if (!Number.isInteger(raw[key])) throw new CheckpointError(path, `'${key}' must be an integer`);
  }
  if (!isRecord(raw.hyperParameters)) throw new CheckpointError(path, "'hyperParameters' is missing");
  for (const key of ['lr', 'weightDecay', 'hidden', 'heads', 'dropout', 'epochs'] as const) {
    if (typeof raw.hyperParameters[key] !== 'number') {
      throw new CheckpointError(path, `'hyperParameters.${key}' must be a number`);
    }
  }
  return raw as unknown as CheckpointConfig;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number');
}
