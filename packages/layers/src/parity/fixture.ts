/**
 * The PyG reference fixture format (shared/fixtures/pyg/README.md, version 1
 * and the "Version 2" additions): one layer configuration with its inputs,
 * parameters and PyG's float64 results. Every key but `layer` is optional
 * here; each builder says which ones its layer needs.
 */
import { GnnError } from '@gnnjs/core';

/** A row-major tensor as stored in a fixture. */
export interface FixtureTensor {
  shape: number[];
  data: NestedNumbers;
}
export type NestedNumbers = number | NestedNumbers[];

/** A tensor, or one per node type (heterogeneous fixtures). */
export type FixtureTensors = FixtureTensor | Record<string, FixtureTensor>;

/** Attention as PyG returns it with `return_attention_weights=True`. */
export interface FixtureAttention {
  edge_index: FixtureTensor;
  alpha: FixtureTensor;
}

/** One PyG layer configuration with its inputs, parameters and float64 results. */
export interface PygFixture {
  description?: string;
  /** PyG's class name (`GCNConv`, `GINConv`, `AddRandomWalkPE`, `to_hetero`, …): picks the builder. */
  layer: string;
  /** PyG keyword arguments (snake_case); sub-modules as JSON descriptions (see `describe_module.ts`). */
  constructor_args: Record<string, unknown>;
  repr?: string;
  num_nodes?: number;
  x?: FixtureTensor;
  edge_index?: FixtureTensor;
  edge_attr?: FixtureTensor;
  edge_weight?: FixtureTensor;
  batch?: FixtureTensor;
  num_graphs?: number;
  params?: Record<string, FixtureTensor>;
  /** Non-trainable state loaded with the parameters (BatchNorm statistics, GINConv's fixed `eps`). */
  buffers?: Record<string, FixtureTensor>;
  /** Parameters without influence on the output: PyG gives no gradient, `grads` holds zeros. */
  unused_params?: string[];
  state_dict_keys?: string[];
  output: FixtureTensors;
  R?: FixtureTensors;
  loss?: number;
  grad_x?: FixtureTensors;
  grads?: Record<string, FixtureTensor>;
  attention?: FixtureAttention;
  gcn_norm?: { edge_index: FixtureTensor; edge_weight: FixtureTensor };
  // Heterogeneous fixtures.
  metadata?: { node_types: string[]; edge_types: Array<[string, string, string]> };
  num_nodes_dict?: Record<string, number>;
  x_dict?: Record<string, FixtureTensor>;
  edge_index_dict?: Record<string, FixtureTensor>;
  attention_dict?: Record<string, FixtureAttention>;
  // Positional-encoding transforms.
  eigenvalues?: FixtureTensor;
  laplacian?: FixtureTensor;
  sign_invariant?: boolean;
}

/** A fixture that cannot be read or run: names the file or field and what is wrong. */
export class FixtureError extends GnnError {
  override readonly name: string = 'FixtureError';
}

/** Flattens a fixture tensor's nested lists into row-major numbers. */
export function flatData(t: FixtureTensor): number[] {
  return [t.data].flat(Infinity as 1) as number[];
}

/** Whether `value` is a `{shape, data}` tensor whose data has `prod(shape)` numbers. */
function checkTensor(value: unknown, field: string): void {
  const t = value as Partial<FixtureTensor> | null;
  if (typeof t !== 'object' || t === null || !Array.isArray(t.shape) || !('data' in t)) {
    throw new FixtureError(`${field}: expected a tensor {shape, data}`);
  }
  if (!t.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new FixtureError(`${field}: shape [${t.shape.join(', ')}] is not a list of sizes`);
  const values = flatData(t as FixtureTensor);
  const size = t.shape.reduce((a, b) => a * b, 1);
  if (values.length !== size || !values.every((v) => typeof v === 'number')) {
    throw new FixtureError(`${field}: shape [${t.shape.join(', ')}] needs ${size} numbers, data has ${values.length}`);
  }
}

const TENSOR_KEYS = ['x', 'edge_index', 'edge_attr', 'edge_weight', 'batch', 'eigenvalues', 'laplacian'] as const;
const TENSOR_MAP_KEYS = ['params', 'buffers', 'grads', 'x_dict', 'edge_index_dict'] as const;
const TENSOR_OR_MAP_KEYS = ['output', 'R', 'grad_x'] as const;

/**
 * Checks a parsed fixture's structure (the keys every fixture has, and that
 * each tensor present has as many numbers as its shape says), so that a
 * malformed file fails with the field named instead of deep inside a layer.
 * Throws {@link FixtureError}.
 */
export function validateFixture(value: unknown, source: string): PygFixture {
  const f = value as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new FixtureError(`${source}: expected a JSON object`);
  if (typeof f['layer'] !== 'string' || f['layer'] === '') throw new FixtureError(`${source}: 'layer' must name the PyG layer`);
  if (typeof f['constructor_args'] !== 'object' || f['constructor_args'] === null) throw new FixtureError(`${source}: 'constructor_args' must be an object`);
  if (!('output' in f)) throw new FixtureError(`${source}: no 'output'`);
  try {
    for (const key of TENSOR_KEYS) if (key in f) checkTensor(f[key], key);
    for (const key of TENSOR_MAP_KEYS) {
      if (!(key in f)) continue;
      if (typeof f[key] !== 'object' || f[key] === null) throw new FixtureError(`${key}: expected an object of tensors`);
      for (const [name, t] of Object.entries(f[key] as object)) checkTensor(t, `${key}.${name}`);
    }
    for (const key of TENSOR_OR_MAP_KEYS) {
      if (!(key in f)) continue;
      const v = f[key] as Record<string, unknown>;
      if (typeof v === 'object' && v !== null && 'shape' in v) checkTensor(v, key);
      else for (const [name, t] of Object.entries(v ?? {})) checkTensor(t, `${key}.${name}`);
    }
    for (const key of ['attention', ...Object.keys((f['attention_dict'] as object | undefined) ?? {}).map((k) => `attention_dict.${k}`)]) {
      const a = key === 'attention' ? f['attention'] : (f['attention_dict'] as Record<string, unknown>)[key.slice('attention_dict.'.length)];
      if (a === undefined) continue;
      checkTensor((a as FixtureAttention).edge_index, `${key}.edge_index`);
      checkTensor((a as FixtureAttention).alpha, `${key}.alpha`);
    }
  } catch (error) {
    if (error instanceof FixtureError) throw new FixtureError(`${source}: ${error.message}`);
    throw error;
  }
  return f as unknown as PygFixture;
}

/** Parses and validates one fixture file's text; `source` names it in errors. */
export function parseFixture(text: string, source: string): PygFixture {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(`${source}: not JSON (${(error as Error).message})`);
  }
  return validateFixture(value, source);
}
