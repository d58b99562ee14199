import type * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '../graph.js';
import type { HeteroGraph } from '../hetero_graph.js';
import { EDGE_TENSOR_FIELDS, NODE_TENSOR_FIELDS } from '../hetero_stores.js';
import { edgeTypeKey } from '../hetero_types.js';
import { HOMOGENEOUS_EDGE_TYPE, HOMOGENEOUS_NODE_TYPE, StoreError, type FeatureArray, type FeatureAttr, type FeatureQuery, type FeatureStore } from './types.js';

/** One attribute of an {@link InMemoryFeatureStore}: where it belongs and its rows. */
export interface FeatureEntry {
  group: string;
  attr: string;
  array: FeatureArray;
  numClasses?: number | undefined;
}

/**
 * The default {@link FeatureStore}: host copies of a graph's node and edge
 * tensors (read from the device once, when the store is built), rows gathered
 * on request. Groups are node types and `'src__rel__dst'` edge type keys;
 * a homogeneous graph's are `'node'` and `'node__to__node'`.
 *
 * @example
 * ```ts
 * const features = InMemoryFeatureStore.fromGraph(graph);
 * const { values, shape } = await features.get({ group: 'node', attr: 'x', index: Int32Array.of(4, 0) }); // rows 4 and 0
 * ```
 */
export class InMemoryFeatureStore implements FeatureStore {
  readonly #entries = new Map<string, FeatureEntry>();
  readonly #attrs: FeatureAttr[] = [];

  constructor(entries: readonly FeatureEntry[]) {
    for (const e of entries) {
      const key = `${e.group}/${e.attr}`;
      if (this.#entries.has(key)) throw new StoreError(`${e.group}.${e.attr}`, 'is given twice');
      const rows = e.array.shape[0] ?? 0;
      const width = rowWidth(e.array.shape);
      if (e.array.values.length !== rows * width) {
        throw new StoreError(`${e.group}.${e.attr}`, `${e.array.values.length} values do not fill shape [${e.array.shape.join(', ')}]`);
      }
      this.#entries.set(key, e);
      this.#attrs.push({ group: e.group, attr: e.attr, dtype: e.array.dtype, shape: e.array.shape, numClasses: e.numClasses });
    }
  }

  attrs(): readonly FeatureAttr[] {
    return this.#attrs;
  }

  get(query: FeatureQuery): Promise<FeatureArray> {
    try {
      return Promise.resolve(this.getSync(query));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** {@link get}, synchronously (an in-memory store never waits). */
  getSync({ group, attr, index }: FeatureQuery): FeatureArray {
    const entry = this.#entries.get(`${group}/${attr}`);
    if (entry === undefined) {
      const known = this.#attrs.map((a) => `${a.group}.${a.attr}`).join(', ') || 'none';
      throw new StoreError(`${group}.${attr}`, `is not in this feature store (it holds ${known})`);
    }
    return index === undefined ? entry.array : gatherFeatureRows(entry.array, index, `${group}.${attr}`);
  }

  /**
   * Node features of a `Graph` (group `'node'`: `x`, `y`, masks) and edge
   * features (group `'node__to__node'`: `edgeAttr`, `edgeWeight`).
   *
   * @example
   * ```ts
   * const features = InMemoryFeatureStore.fromGraph(cora);
   * ```
   */
  static fromGraph(graph: Graph): InMemoryFeatureStore {
    const entries: FeatureEntry[] = [];
    for (const attr of ['x', 'y', 'trainMask', 'valMask', 'testMask'] as const) {
      const t = graph[attr];
      if (t !== undefined) entries.push(entry(HOMOGENEOUS_NODE_TYPE, attr, t, attr === 'y' ? graph.numClasses : undefined));
    }
    const edgeGroup = edgeTypeKey(HOMOGENEOUS_EDGE_TYPE);
    for (const attr of ['edgeAttr', 'edgeWeight'] as const) {
      const t = graph[attr];
      if (t !== undefined) entries.push(entry(edgeGroup, attr, t));
    }
    return new InMemoryFeatureStore(entries);
  }

  /**
   * Every node store field (`x`, `y`, masks, `time`) by node type and edge
   * field (`edgeAttr`, `edgeWeight`, `edgeTime`) by edge type key.
   *
   * @example
   * ```ts
   * const features = InMemoryFeatureStore.fromHeteroGraph(g);
   * await features.get({ group: 'account', attr: 'x', index: Int32Array.of(2) });
   * ```
   */
  static fromHeteroGraph<N extends string>(graph: HeteroGraph<N>): InMemoryFeatureStore {
    const entries: FeatureEntry[] = [];
    for (const s of graph.nodeStores()) {
      for (const attr of NODE_TENSOR_FIELDS) {
        const t = s[attr];
        if (t !== undefined) entries.push(entry(s.type, attr, t, attr === 'y' ? s.numClasses : undefined));
      }
    }
    for (const s of graph.edgeStores()) {
      for (const attr of EDGE_TENSOR_FIELDS) {
        const t = s[attr];
        if (t !== undefined) entries.push(entry(s.key, attr, t));
      }
    }
    return new InMemoryFeatureStore(entries);
  }
}

function entry(group: string, attr: string, t: tf.Tensor, numClasses?: number): FeatureEntry {
  return { group, attr, array: toFeatureArray(t, `${group}.${attr}`), numClasses };
}

/** A tensor's values on the host, as a {@link FeatureArray} (float32, int32 or bool). */
export function toFeatureArray(t: tf.Tensor, field: string): FeatureArray {
  if (t.dtype !== 'float32' && t.dtype !== 'int32' && t.dtype !== 'bool') {
    throw new StoreError(field, `has dtype ${t.dtype}; feature stores hold float32, int32 and bool`);
  }
  const values = t.dataSync() as Float32Array | Int32Array | Uint8Array;
  return { values, shape: t.rank === 0 ? [1] : t.shape, dtype: t.dtype };
}

/** Values per row: the product of the trailing dimensions. */
export function rowWidth(shape: readonly number[]): number {
  let w = 1;
  for (let k = 1; k < shape.length; k++) w *= shape[k]!;
  return w;
}

/** Rows `index` of a feature array (a new array of the same element type). */
export function gatherFeatureRows(array: FeatureArray, index: Int32Array, field: string): FeatureArray {
  const rows = array.shape[0] ?? 0;
  const width = rowWidth(array.shape);
  const src = array.values;
  const out = new (src.constructor as Float32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor)(index.length * width);
  for (let i = 0; i < index.length; i++) {
    const r = index[i]!;
    if (r < 0 || r >= rows) throw new StoreError(field, `row ${r} is outside [0, ${rows})`);
    if (width === 1) out[i] = src[r]!;
    else out.set(src.subarray(r * width, (r + 1) * width), i * width);
  }
  return { values: out, shape: [index.length, ...array.shape.slice(1)], dtype: array.dtype };
}
