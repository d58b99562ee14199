import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { hostIndexValues } from '../utils/edge_index_arrays.js';
import { buildCSR, type CSR } from './csr.js';
import { EXTRA_TARGET_ROWS, type Graph } from './graph.js';
import { heteroInitFromArrays, type HeteroGraphArrays } from './hetero_arrays.js';
import { heteroInitFromDicts, type HeteroDicts } from './hetero_dicts.js';
import { heteroInitFromHomogeneous, toHomogeneous, type HomogeneousNames, type TypedGraph, type TypeVector } from './hetero_homogeneous.js';
import { edgeStoreTensors, nodeStoreTensors, type EdgeStore, type HeteroGraphInit, type NodeStore } from './hetero_stores.js';
import { heteroSubgraphInit, type HeteroSubsets } from './hetero_subgraph.js';
import { edgeField, edgeTypeKey, nodeField, toEdgeType, type EdgeType, type EdgeTypeArg, type EdgeTypeKey, type EdgeTypeLike } from './hetero_types.js';
import { heteroInitWith, type HeteroGraphChanges } from './hetero_update.js';
import { buildStores } from './hetero_validate.js';

/**
 * Tensors by node type, for the types that have the field: optional keys when
 * the type names are literal, a plain string record otherwise (what layers take).
 */
export type NodeTypeDict<N extends string, T> = string extends N ? Record<string, T> : { [K in N]?: T };

/** Options of the {@link HeteroGraph} constructor. */
export interface HeteroGraphOptions {
  /**
   * Check index values, shapes and finiteness once (O(Σ N_t·F_t + E) reads).
   * Default true; turn off only for data that was validated before.
   */
  validate?: boolean | undefined;
}

/**
 * A graph with several node and edge types (PyG's `HeteroData`, DGL's
 * heterograph), as an immutable value of per-type stores: node type `t` has
 * `x` `[N_t, F_t]`, `y`, masks and `time`; edge type `[src, rel, dst]` has an
 * `edgeIndex` whose row 0 indexes `src` nodes and row 1 `dst` nodes, plus
 * `edgeAttr`, `edgeWeight` and `edgeTime`. The graph OWNS the tensors given to
 * it (`dispose()` frees them all) and validates once, here, with errors naming
 * the type (`edge ['account','pays','merchant'].edgeIndex[1]`).
 *
 * Type names given literally are kept in the type: `g.node('acount')` does not
 * compile when the graph was built with `account`.
 *
 * @example
 * ```ts
 * const g = new HeteroGraph({
 *   nodes: { account: { x: tf.ones([3, 4]) }, merchant: { numNodes: 2 } },
 *   edges: [{ type: ['account', 'pays', 'merchant'], edgeIndex: [[0, 1, 2], [0, 0, 1]] }],
 * });
 * g.node('account').x;                              // [3, 4]
 * g.edge(['account', 'pays', 'merchant']).edgeIndex; // [2, 3]
 * g.edgeIndexDict()['account__pays__merchant'];     // the same tensor
 * g.metadata(); // [['account', 'merchant'], [['account', 'pays', 'merchant']]]
 * g.dispose();
 * ```
 */
export class HeteroGraph<N extends string = string> {
  /** Node types in insertion order. */
  readonly nodeTypes: readonly N[];
  /** Edge types in insertion order. */
  readonly edgeTypes: readonly EdgeType<N>[];
  /** Graph-level target (a scalar or one row; one row per graph in a batch). */
  readonly y: tf.Tensor | undefined;
  /** Nodes of all types. */
  readonly numNodes: number;
  /** Edges of all types. */
  readonly numEdges: number;
  readonly #nodes: ReadonlyMap<string, NodeStore<N>>;
  readonly #edges: ReadonlyMap<string, EdgeStore<N>>;
  readonly #csr = new Map<string, CSR>();

  constructor(init: HeteroGraphInit<N>, options: HeteroGraphOptions & { [EXTRA_TARGET_ROWS]?: number } = {}) {
    const built = buildStores(init, options.validate ?? true, options[EXTRA_TARGET_ROWS]);
    tf.dispose(built.replaced);
    this.#nodes = new Map(built.nodes.map((s) => [s.type, s]));
    this.#edges = new Map(built.edges.map((s) => [s.key, s]));
    this.nodeTypes = Object.freeze(built.nodes.map((s) => s.type));
    this.edgeTypes = Object.freeze(built.edges.map((s) => s.type));
    this.y = built.y;
    this.numNodes = built.nodes.reduce((n, s) => n + s.numNodes, 0);
    this.numEdges = built.edges.reduce((n, s) => n + s.numEdges, 0);
    // Subclasses (HeteroBatch) freeze themselves once their own fields are set.
    if (new.target === HeteroGraph) Object.freeze(this);
  }

  /**
   * The store of a node type; a `GraphValidationError` naming it if the graph has none.
   *
   * @example
   * ```ts
   * const { x, numNodes } = g.node('account');
   * ```
   */
  node(type: N): NodeStore<N> {
    const store = this.#nodes.get(type);
    if (store === undefined) {
      throw new GraphValidationError(nodeField(String(type)), `is not a node type of this graph (node types: ${this.nodeTypes.map((t) => `'${t}'`).join(', ')})`);
    }
    return store;
  }

  /**
   * The store of an edge type, by triple or `'src__rel__dst'` key; a
   * `GraphValidationError` naming it if the graph has none.
   *
   * @example
   * ```ts
   * g.edge(['account', 'pays', 'merchant']).edgeIndex;
   * g.edge('account__pays__merchant').numEdges;
   * ```
   */
  edge(type: EdgeTypeArg<N>): EdgeStore<N> {
    const key = typeof type === 'string' ? type : edgeTypeKey(toEdgeType(type as EdgeType));
    const store = this.#edges.get(key);
    if (store === undefined) {
      const name = typeof type === 'string' ? `edge '${type}'` : edgeField(toEdgeType(type as EdgeType));
      const known = this.edgeTypes.map((t) => `'${edgeTypeKey(t)}'`).join(', ') || 'none';
      throw new GraphValidationError(name, `is not an edge type of this graph (edge types: ${known})`);
    }
    return store;
  }

  /** Whether `type` is a node type of the graph. */
  hasNode(type: string): type is N {
    return this.#nodes.has(type);
  }

  /** Whether the graph has this edge type. */
  hasEdge(type: EdgeTypeLike<string>): boolean {
    return this.#edges.has(typeof type === 'string' ? type : edgeTypeKey(type));
  }

  /** Node stores in `nodeTypes` order. */
  nodeStores(): NodeStore<N>[] {
    return [...this.#nodes.values()];
  }

  /** Edge stores in `edgeTypes` order. */
  edgeStores(): EdgeStore<N>[] {
    return [...this.#edges.values()];
  }

  /**
   * PyG's `metadata()`: `[nodeTypes, edgeTypes]` in insertion order, what
   * heterogeneous layers are built from.
   *
   * @example
   * ```ts
   * const [nodeTypes, edgeTypes] = g.metadata();
   * ```
   */
  metadata(): [readonly N[], readonly EdgeType<N>[]] {
    return [this.nodeTypes, this.edgeTypes];
  }

  /** Node count of every type. */
  numNodesDict(): Record<N, number> {
    return Object.fromEntries(this.nodeStores().map((s) => [s.type, s.numNodes])) as Record<N, number>;
  }

  /**
   * `x` of every node type that has features (PyG's `x_dict`), in `nodeTypes`
   * order. The tensors are the graph's own: do not dispose them.
   *
   * @example
   * ```ts
   * const out = heteroConv.apply(g.xDict(), g.edgeIndexDict());
   * ```
   */
  xDict(): NodeTypeDict<N, tf.Tensor2D> {
    const out: Record<string, tf.Tensor2D> = {};
    for (const s of this.#nodes.values()) if (s.x !== undefined) out[s.type] = s.x;
    return out as NodeTypeDict<N, tf.Tensor2D>;
  }

  /** `y` of every node type that has targets, in `nodeTypes` order. */
  yDict(): NodeTypeDict<N, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    for (const s of this.#nodes.values()) if (s.y !== undefined) out[s.type] = s.y;
    return out as NodeTypeDict<N, tf.Tensor>;
  }

  /**
   * `edgeIndex` of every edge type keyed `'src__rel__dst'` (PyG's
   * `edge_index_dict` with string keys, as the fixtures store it), in
   * `edgeTypes` order. The tensors are the graph's own.
   */
  edgeIndexDict(): Record<EdgeTypeKey<N>, tf.Tensor2D> {
    const out = {} as Record<EdgeTypeKey<N>, tf.Tensor2D>;
    for (const s of this.#edges.values()) out[s.key] = s.edgeIndex;
    return out;
  }

  /** `edgeAttr` of the edge types that have one, keyed `'src__rel__dst'` (other keys are absent). */
  edgeAttrDict(): Record<EdgeTypeKey<N>, tf.Tensor> {
    const out = {} as Record<EdgeTypeKey<N>, tf.Tensor>;
    for (const s of this.#edges.values()) if (s.edgeAttr !== undefined) out[s.key] = s.edgeAttr;
    return out;
  }

  /**
   * The destination-sorted CSR of one edge type (rows = `dst` nodes, indices
   * = `src` nodes; see {@link CSR}), built on the first call and cached.
   *
   * @example
   * ```ts
   * const { indptr, indices } = g.toCSR(['account', 'pays', 'merchant']); // payers of merchant m: indices[indptr[m] .. indptr[m+1]-1]
   * ```
   */
  toCSR(type: EdgeTypeArg<N>): CSR {
    const store = this.edge(type);
    this.#assertLive('toCSR');
    let csr = this.#csr.get(store.key);
    if (csr === undefined) {
      const data = hostIndexValues(store.edgeIndex);
      const e = store.numEdges;
      csr = buildCSR(data.subarray(0, e), data.subarray(e, 2 * e), store.size[1]);
      this.#csr.set(store.key, csr);
    }
    return csr;
  }

  /** Every tensor the graph owns. */
  tensors(): tf.Tensor[] {
    const out: tf.Tensor[] = [];
    if (this.y !== undefined) out.push(this.y);
    for (const s of this.#nodes.values()) out.push(...Object.values(nodeStoreTensors(s)));
    for (const s of this.#edges.values()) out.push(...Object.values(edgeStoreTensors(s)));
    return out;
  }

  /** Frees every tensor of the graph. */
  dispose(): void {
    tf.dispose(this.tensors());
  }

  /** True once `dispose()` freed the graph's tensors. */
  get isDisposed(): boolean {
    return this.tensors().some((t) => t.isDisposed);
  }

  /**
   * A new graph equal to this one except for `changes` (fields set to
   * `undefined` are dropped; an edge type not in the graph is added). The new
   * graph owns the tensors in `changes` (and frees them if it is refused);
   * the tensors it keeps from this graph are clones, so both graphs can be
   * disposed independently.
   *
   * @example
   * ```ts
   * const h = g.with({ nodes: { account: { x: encoded } } }); // g keeps its own x
   * ```
   */
  with(changes: HeteroGraphChanges<N>, options: HeteroGraphOptions = {}): HeteroGraph<N> {
    this.#assertLive('with');
    const { init, owned } = heteroInitWith(this, changes);
    try {
      return new HeteroGraph(init, options);
    } catch (error) {
      tf.dispose(owned);
      throw error;
    }
  }

  /**
   * The homogeneous graph of all types (PyG's `to_homogeneous()`): nodes
   * numbered type by type in `nodeTypes` order, edges concatenated in
   * `edgeTypes` order with each row offset by its node type's first node,
   * and int32 `nodeType`/`edgeType` vectors (type ids = positions in
   * `metadata()`). Fields are merged as PyG does: `x` when every node type
   * has one (narrower types padded with zeros to the widest); an int32 `y`,
   * masks and int32 times when some types have them (the others get -1 or
   * false, PyG's dummy values); a float `y` or time, `edgeAttr` and
   * `edgeWeight` only when every type has them with one trailing shape
   * (PyG would fill NaN; our graphs refuse NaN). The result owns new tensors.
   *
   * @example
   * ```ts
   * const h = g.toHomogeneous();
   * h.nodeType; // int32 [N]: 0 for account nodes, 1 for merchant nodes, ...
   * const back = HeteroGraph.fromHomogeneous(h); // g again, widths unpadded
   * ```
   */
  toHomogeneous(): TypedGraph<N> {
    this.#assertLive('toHomogeneous');
    return toHomogeneous(this);
  }

  /**
   * The subgraph induced by node subsets per type (PyG's `subgraph`): node
   * types left out keep all their nodes; each edge type keeps the edges
   * whose both ends are kept, relabelled. A subset is a list of node ids
   * (kept in that order: id `subset[k]` becomes `k`) or a bool mask `[N_t]`.
   *
   * @example
   * ```ts
   * const sub = g.subgraph({ account: [0, 2, 3], merchant: tf.tensor1d([true, false], 'bool') });
   * ```
   */
  subgraph(subsets: HeteroSubsets<N>): HeteroGraph<N> {
    this.#assertLive('subgraph');
    return new HeteroGraph(heteroSubgraphInit(this, subsets), { validate: false });
  }

  #assertLive(method: string): void {
    if (this.isDisposed) throw new GraphValidationError('graph', `${method}() on a disposed HeteroGraph`);
  }

  /** PyG-style summary, one line per store. */
  toString(): string {
    const shape = (t: tf.Tensor): string => `[${t.shape.join(', ')}]`;
    const fields = (tensors: Partial<Record<string, tf.Tensor>>, extra: string[]): string =>
      [...Object.entries(tensors).map(([k, t]) => `${k}=${shape(t!)}`), ...extra].join(', ');
    const lines: string[] = [];
    if (this.y !== undefined) lines.push(`y=${shape(this.y)}`);
    for (const s of this.#nodes.values()) lines.push(`${s.type}={ ${fields(nodeStoreTensors(s), [`numNodes=${s.numNodes}`])} }`);
    for (const s of this.#edges.values()) lines.push(`(${s.type.join(', ')})={ ${fields(edgeStoreTensors(s), [])} }`);
    return `${this.constructor.name}(\n${lines.map((l) => `  ${l}`).join(',\n')}\n)`;
  }

  /**
   * A graph from typed arrays, for loaders of large relational data: `Int32Array`
   * and `Float32Array` fields become tensors without a copy (the graph then
   * shares them: do not modify them afterwards), other arrays are converted.
   * Edges come as `src`/`dst` rows (copied once into `[2, E]`) or as one
   * `edgeIndex` Int32Array of length `2E` (sources, then targets; not copied).
   *
   * @example
   * ```ts
   * const g = HeteroGraph.fromArrays({
   *   nodes: { account: { x: new Float32Array(6 * 5), xShape: [6, 5], y: new Int32Array(6) }, merchant: { numNodes: 4 } },
   *   edges: [{ type: ['account', 'pays', 'merchant'], src: new Int32Array([0, 1]), dst: new Int32Array([3, 0]) }],
   * });
   * ```
   */
  static fromArrays<N extends string>(arrays: HeteroGraphArrays<N>, options: HeteroGraphOptions = {}): HeteroGraph<N> {
    const { init, created } = heteroInitFromArrays(arrays);
    try {
      return new HeteroGraph(init, options);
    } catch (error) {
      tf.dispose(created);
      throw error;
    }
  }

  /**
   * A graph from PyG-style dictionaries: `x` by node type, `edgeIndex` keyed
   * `'src__rel__dst'`, and `numNodes` for types without features (the format
   * of `shared/fixtures/pyg-hetero`). Node types: the keys of `numNodes`, then
   * of `x`, then those named only by edge types; the graph owns the tensors.
   *
   * @example
   * ```ts
   * const g = HeteroGraph.fromDicts({ x: { account: xa, merchant: xm }, edgeIndex: { account__pays__merchant: ei } });
   * ```
   */
  static fromDicts(dicts: HeteroDicts, options: HeteroGraphOptions = {}): HeteroGraph {
    return new HeteroGraph(heteroInitFromDicts(dicts), options);
  }

  /**
   * The heterogeneous graph of a homogeneous one whose nodes and edges carry
   * type ids (PyG's `to_heterogeneous()`): node type `t` gets the nodes with
   * `nodeType == t` in ascending order, renumbered from 0; edge type `r` the
   * edges with `edgeType == r`, in order. A {@link TypedGraph} from
   * `toHomogeneous()` needs no other argument and comes back exactly (widths
   * unpadded, dummy values dropped). Otherwise names default to `'0'`,
   * `'1'`, ... and edge types to `[srcName, 'r', dstName]` inferred from the
   * edges. Every edge must join nodes of its type's source and destination
   * types. The input is not disposed; the result owns new tensors.
   *
   * @example
   * ```ts
   * const g = HeteroGraph.fromHomogeneous(graph, nodeType, edgeType, {
   *   nodeTypes: ['account', 'merchant'],
   *   edgeTypes: [['account', 'pays', 'merchant'], ['merchant', 'rev_pays', 'account']],
   * });
   * ```
   */
  static fromHomogeneous<N extends string = string>(graph: TypedGraph<N>): HeteroGraph<N>;
  static fromHomogeneous<N extends string = string>(
    graph: Graph,
    nodeType: TypeVector,
    edgeType: TypeVector,
    names?: HomogeneousNames<N>,
  ): HeteroGraph<N>;
  static fromHomogeneous<N extends string = string>(
    graph: Graph,
    nodeType?: TypeVector,
    edgeType?: TypeVector,
    names?: HomogeneousNames<N>,
  ): HeteroGraph<N> {
    return new HeteroGraph(heteroInitFromHomogeneous<N>(graph, nodeType, edgeType, names), { validate: false });
  }
}
