import * as tf from '@tensorflow/tfjs-core';
import { CheckpointError } from '../errors.js';

/** The model side of a checkpoint: anything with PyTorch-style state dicts (every `Module`). */
export interface CheckpointModel {
  stateDict(): Record<string, tf.Tensor>;
  loadStateDict(dict: Readonly<Record<string, tf.Tensor>>, options?: { strict?: boolean }): unknown;
}

/** A JSON value (what `meta` may hold). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One tensor of `weights.json`: row-major values. */
export interface SerializedTensor {
  shape: number[];
  data: number[];
}

/** What `config.json` holds: the format, the weights' checksum and shapes, and the caller's `meta`. */
export interface CheckpointManifest<Meta extends JsonValue = JsonValue> {
  format: 'gnnjs-checkpoint';
  version: 2;
  weights: {
    file: string;
    /** Hex SHA-256 of the weights file's bytes. */
    sha256: string;
    /** Every tensor's shape, by state-dict name. */
    shapes: Record<string, number[]>;
  };
  /** Whatever the caller stored (the CLI: its run configuration). */
  meta: Meta;
}

/** A checkpoint read back and verified: weights as plain arrays (no backend needed yet). */
export interface Checkpoint {
  meta: JsonValue;
  weights: Record<string, SerializedTensor>;
}

/** The manifest's file name in a checkpoint folder ({@link CheckpointManifest}). */
export const CONFIG_FILE = 'config.json';
/** The weights' file name in a checkpoint folder (`{name: {shape, data}}`). */
export const WEIGHTS_FILE = 'weights.json';

/**
 * The two files of a checkpoint as text: `weights.json`
 * (`{name: {shape, data}}`, PyG parameter names) and `config.json` (the
 * manifest, with the weights' SHA-256 and `meta`). Throws
 * {@link CheckpointError} when a weight is NaN or infinite: such a checkpoint
 * could never be loaded.
 *
 * @example
 * ```ts
 * const { config, weights } = await serializeCheckpoint(model, { meta: { epoch: 200 } });
 * ```
 */
export async function serializeCheckpoint(
  model: Pick<CheckpointModel, 'stateDict'>,
  options: { meta?: JsonValue } = {},
): Promise<{ config: string; weights: string }> {
  const weights: Record<string, SerializedTensor> = {};
  const shapes: Record<string, number[]> = {};
  for (const [name, tensor] of Object.entries(model.stateDict())) {
    const data = Array.from(await tensor.data(), Number);
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new CheckpointError(name, `value ${data[bad]} at flat index ${bad} is not finite (did training diverge?); not saved`);
    weights[name] = { shape: [...tensor.shape], data };
    shapes[name] = [...tensor.shape];
  }
  const weightsText = `${JSON.stringify(weights)}\n`;
  const manifest: CheckpointManifest = {
    format: 'gnnjs-checkpoint',
    version: 2,
    weights: { file: WEIGHTS_FILE, sha256: await sha256Hex(new TextEncoder().encode(weightsText)), shapes },
    meta: options.meta ?? null,
  };
  return { config: `${JSON.stringify(manifest, null, 2)}\n`, weights: weightsText };
}

/**
 * Parses and verifies a checkpoint's two files: the manifest, the weights'
 * SHA-256, every tensor's shape against the manifest and its value count,
 * and that every value is finite. Anything else is a {@link CheckpointError}
 * naming the file.
 *
 * @example
 * ```ts
 * const { meta, weights } = await parseCheckpoint(configText, weightsBytes);
 * ```
 */
export async function parseCheckpoint(
  config: string,
  weights: string | Uint8Array,
  files: { config: string; weights: string } = { config: CONFIG_FILE, weights: WEIGHTS_FILE },
): Promise<Checkpoint> {
  const manifest = parseManifest(parseJson(config, files.config), files.config);
  const bytes = typeof weights === 'string' ? new TextEncoder().encode(weights) : weights;
  const digest = await sha256Hex(bytes);
  if (digest !== manifest.weights.sha256) {
    throw new CheckpointError(files.weights, `checksum mismatch: SHA-256 ${digest}, but ${files.config} records ${manifest.weights.sha256} (the file was changed or only partly written)`);
  }
  const raw = parseJson(typeof weights === 'string' ? weights : new TextDecoder().decode(weights), files.weights);
  if (!isRecord(raw)) throw new CheckpointError(files.weights, 'expected an object {name: {shape, data}}');
  const expected = manifest.weights.shapes;
  const missing = Object.keys(expected).filter((k) => !(k in raw));
  const extra = Object.keys(raw).filter((k) => !(k in expected));
  if (missing.length > 0 || extra.length > 0) {
    throw new CheckpointError(files.weights, `tensors differ from ${files.config}: ${[...missing.map((k) => `missing '${k}'`), ...extra.map((k) => `unexpected '${k}'`)].join(', ')}`);
  }
  const out: Record<string, SerializedTensor> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!isRecord(value) || !isShape(value.shape) || !Array.isArray(value.data)) {
      throw new CheckpointError(files.weights, `entry '${name}' is not {shape: number[], data: number[]}`);
    }
    const shape = value.shape;
    if (!sameShape(shape, expected[name]!)) {
      throw new CheckpointError(files.weights, `entry '${name}' has shape [${shape.join(', ')}] but ${files.config} records [${expected[name]!.join(', ')}]`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== value.data.length) {
      throw new CheckpointError(files.weights, `entry '${name}' has ${value.data.length} values for shape [${shape.join(', ')}]`);
    }
    const bad = value.data.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) throw new CheckpointError(files.weights, `entry '${name}' value ${String(value.data[bad])} at flat index ${bad} is not a finite number`);
    out[name] = { shape, data: value.data as number[] };
  }
  return { meta: manifest.meta, weights: out };
}

/**
 * float32 tensors of a checkpoint's weights; the caller disposes them.
 *
 * @example
 * ```ts
 * const tensors = weightsToTensors((await readCheckpoint('out')).weights);
 * model.loadStateDict(tensors);
 * tf.dispose(Object.values(tensors));
 * ```
 */
export function weightsToTensors(weights: Readonly<Record<string, SerializedTensor>>): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, t] of Object.entries(weights)) out[name] = tf.tensor(t.data, t.shape, 'float32');
  return out;
}

/**
 * Copies a checkpoint's weights into `model` (strict by default: every name
 * must match); a mismatch of names or shapes is a {@link CheckpointError}
 * naming `file`.
 *
 * @example
 * ```ts
 * applyCheckpoint(model, await parseCheckpoint(configText, weightsText));
 * ```
 */
export function applyCheckpoint(model: CheckpointModel, checkpoint: Checkpoint, options: { strict?: boolean; file?: string } = {}): void {
  const tensors = weightsToTensors(checkpoint.weights);
  try {
    model.loadStateDict(tensors, { strict: options.strict ?? true });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'StateDictError' || name === 'ShapeError') {
      throw new CheckpointError(options.file ?? WEIGHTS_FILE, `does not fit the model: ${(error as Error).message}`);
    }
    throw error;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new CheckpointError('checksum', 'SHA-256 needs WebCrypto (crypto.subtle), which this environment lacks (browsers offer it on https and localhost only)');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CheckpointError(file, `not valid JSON (${(err as Error).message})`);
  }
}

function parseManifest(raw: unknown, file: string): CheckpointManifest {
  if (!isRecord(raw) || raw.format !== 'gnnjs-checkpoint') {
    throw new CheckpointError(file, "not a GNN.js checkpoint (format must be 'gnnjs-checkpoint')");
  }
  if (raw.version === 1) throw new CheckpointError(file, 'version 1 checkpoint (written before checksums were added); train again to get version 2');
  if (raw.version !== 2) throw new CheckpointError(file, `unsupported version ${String(raw.version)} (expected 2)`);
  const w = raw.weights;
  if (!isRecord(w) || typeof w.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(w.sha256) || !isRecord(w.shapes)) {
    throw new CheckpointError(file, "'weights' must be {file, sha256 (64 hex digits), shapes}");
  }
  for (const [name, shape] of Object.entries(w.shapes)) {
    if (!isShape(shape)) throw new CheckpointError(file, `'weights.shapes.${name}' is not a shape (non-negative integers)`);
  }
  if (!('meta' in raw)) throw new CheckpointError(file, "'meta' is missing");
  return raw as unknown as CheckpointManifest;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isShape(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => Number.isInteger(x) && (x as number) >= 0);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
