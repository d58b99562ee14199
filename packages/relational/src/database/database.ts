/**
 * `RelationalDatabase`: a schema's tables, opened and checked in DuckDB, that
 * become a heterogeneous graph (`toGraph`) or three leak-free temporal
 * snapshots (`split`).
 */
import { buildForeignKeyEdges } from '../build/edges.js';
import { planEncoders, type EncoderPlans } from '../build/encoder_plan.js';
import { buildFeatures, type Snapshot } from '../build/features.js';
import { nodeKeys, nodeLabels, nodeTimes } from '../build/nodes.js';
import { typeClass } from '../build/column_types.js';
import type { SqlEngine } from '../engine/engine.js';
import { SerialQueue } from '../engine/serial.js';
import { ident, literal } from '../engine/sql.js';
import { DataError, SchemaError } from '../errors.js';
import type { NodeTypeArrays, RelationalGraphArrays, EdgeTypeArrays } from '../graph_arrays.js';
import type { RelationalSchema } from '../schema/types.js';
import { parseSchema } from '../schema/validate.js';
import { openCatalog, timeMs, type Catalog, type OpenOptions } from './catalog.js';
import type { RelationalWarning } from './warnings.js';

/** A point in time: a `Date`, epoch milliseconds, or a string DuckDB reads as a TIMESTAMP (`'2024-06-01'`, UTC). */
export type TimeLike = Date | number | string;

export interface SplitCutoffs {
  /** Training rows: time ≤ train. */
  train: TimeLike;
  /** Validation rows: train < time ≤ val. */
  val: TimeLike;
  /** Test rows: val < time ≤ test. */
  test: TimeLike;
}

/** One split: the graph as it was at the split's cut-off, and which target nodes it predicts. */
export interface SplitSnapshot {
  /** Epoch ms of the cut-off. */
  cutoff: number;
  graph: RelationalGraphArrays;
  /** 1 for the target table's nodes in this split with a known label. */
  mask: Uint8Array;
  /** The same nodes as ids, ascending. */
  index: Int32Array;
}

export interface TemporalSplits {
  train: SplitSnapshot;
  val: SplitSnapshot;
  test: SplitSnapshot;
}

export interface ToGraphOptions {
  /** Prediction time of rows of tables without a time column (timestamp ages); default: the latest time in the database. */
  asOf?: TimeLike;
}

/** Summary of an opened table. */
export interface TableSummary {
  name: string;
  numRows: number;
  source: string;
  columns: ReadonlyMap<string, string>;
}

/**
 * An opened, checked database. Build graphs from it, then `close()` it.
 *
 * @example
 * ```ts
 * const db = await openDatabase('data/payments/schema.json');
 * const whole = await db.toGraph(); // encoders fitted on every row
 * const { train, val, test } = await db.split({ train: '2024-09-01', val: '2024-11-01', test: '2025-01-01' });
 * train.graph.nodes['transactions'].x; // Float32Array [numTransactions × numFeatures], fitted on training rows
 * await db.close();
 * ```
 */
export class RelationalDatabase {
  private closed = false;
  /** Public operations run one after the other: a DuckDB connection runs one query at a time. */
  private readonly queue = new SerialQueue();
  private constructor(
    private readonly catalog: Catalog,
    private readonly ownsEngine: boolean,
  ) {}

  /**
   * Opens every table of `schema` in `engine` and checks it (see `OpenOptions`).
   * On any error the engine is closed when `ownsEngine` and the error rethrown.
   */
  static async open(
    schema: RelationalSchema,
    engine: SqlEngine,
    options: OpenOptions & { ownsEngine?: boolean } = {},
  ): Promise<RelationalDatabase> {
    const owns = options.ownsEngine ?? false;
    try {
      const catalog = await openCatalog(engine, parseSchema(schema), options);
      return new RelationalDatabase(catalog, owns);
    } catch (error) {
      if (owns) await engine.close();
      throw error;
    }
  }

  /** The opened tables. */
  get tables(): TableSummary[] {
    return [...this.catalog.tables.values()].map((t) => ({ name: t.name, numRows: t.numRows, source: t.source, columns: t.columns }));
  }

  /** Warnings raised while opening (dropped foreign keys). */
  get warnings(): readonly RelationalWarning[] {
    return this.catalog.warnings;
  }

  /** The SQL engine, for queries of your own over `__rel_src_<table>`. */
  get engine(): SqlEngine {
    return this.catalog.engine;
  }

  /**
   * The whole database as one graph; encoders fitted on every row. For
   * training with a time column, use `split` instead: it fits on training rows only.
   */
  async toGraph(options: ToGraphOptions = {}): Promise<RelationalGraphArrays> {
    return this.serial(() => this.buildGraph(options));
  }

  private async buildGraph(options: ToGraphOptions): Promise<RelationalGraphArrays> {
    this.assertOpen();
    const plans = await planEncoders(this.catalog, undefined);
    const reference = options.asOf === undefined ? await this.latestTime() : await this.epochMs(options.asOf, 'asOf');
    const graph = await this.buildSnapshot(plans, { cutoff: undefined, reference });
    return graph;
  }

  /**
   * Three snapshots of the graph for a temporal split on the target table's
   * time column. Encoders are fitted on training rows only; each snapshot holds
   * only what was known at its cut-off: later rows have no features, labels or
   * edges (they stay as isolated, zero nodes so that ids agree across splits),
   * and every edge carries its time for samplers that mask per seed.
   */
  async split(cutoffs: SplitCutoffs): Promise<TemporalSplits> {
    return this.serial(() => this.buildSplits(cutoffs));
  }

  private async buildSplits(cutoffs: SplitCutoffs): Promise<TemporalSplits> {
    this.assertOpen();
    const target = this.catalog.schema.target;
    if (target === undefined) throw new SchemaError('target', 'split needs a target in the schema');
    const info = this.catalog.tables.get(target.table)!;
    if (info.time === undefined) {
      throw new SchemaError(`tables.${target.table}.time`, 'split needs a time column on the target table', { table: target.table });
    }
    const train = await this.epochMs(cutoffs.train, 'train');
    const val = await this.epochMs(cutoffs.val, 'val');
    const test = await this.epochMs(cutoffs.test, 'test');
    if (!(train < val && val < test)) throw new DataError(`split cut-offs must increase: train ${train} < val ${val} < test ${test} (epoch ms)`);
    const plans = await planEncoders(this.catalog, train);
    const shared: SharedNodeArrays = new Map();
    const bounds: [number, number, number][] = [
      [-Infinity, train, train],
      [train, val, val],
      [val, test, test],
    ];
    // One after the other: a DuckDB connection runs one query at a time.
    const snapshots: SplitSnapshot[] = [];
    for (const [from, to, cutoff] of bounds) {
      const graph = await this.buildSnapshot(plans, { cutoff, reference: cutoff }, shared);
      snapshots.push({ cutoff, graph, ...splitMask(graph.nodes[target.table]!, from, to) });
    }
    const [trainSnap, valSnap, testSnap] = snapshots;
    return { train: trainSnap!, val: valSnap!, test: testSnap! };
  }

  /** Frees DuckDB (when this database created it), after the operations already started. */
  async close(): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return;
      this.closed = true;
      if (this.ownsEngine) await this.catalog.engine.close();
    });
  }

  private serial<T>(step: () => Promise<T>): Promise<T> {
    return this.queue.run(step);
  }

  private assertOpen(): void {
    if (this.closed) throw new DataError('the database is closed');
  }

  /** `shared`: row times and keys, the same in every snapshot, computed once and shared by a split's snapshots. */
  private async buildSnapshot(plans: EncoderPlans, snapshot: Snapshot, shared: SharedNodeArrays = new Map()): Promise<RelationalGraphArrays> {
    const { engine, schema, tables } = this.catalog;
    const warnings: RelationalWarning[] = [...this.catalog.warnings];
    const nodes: Record<string, NodeTypeArrays> = {};
    for (const info of tables.values()) {
      const features = await buildFeatures(plans.tables.get(info.name)!, snapshot, engine);
      const node: NodeTypeArrays = { numNodes: info.numRows, ...features };
      let fixed = shared.get(info.name);
      if (fixed === undefined) {
        fixed = { time: await nodeTimes(engine, info), key: await nodeKeys(engine, info) };
        shared.set(info.name, fixed);
      }
      if (fixed.time !== undefined) node.time = fixed.time;
      if (fixed.key !== undefined) node.key = fixed.key;
      if (schema.target?.table === info.name) {
        const { y, unseen } = await nodeLabels(engine, info, schema.target.column, schema.target.task, plans.target, snapshot);
        node.y = y;
        if (unseen > 0) {
          warnings.push({
            kind: 'unseen-class',
            table: info.name,
            column: schema.target.column,
            count: unseen,
            message: `${info.name}.${schema.target.column}: ${unseen} label(s) of a class absent from the training rows (label -1)`,
          });
        }
      }
      nodes[info.name] = node;
    }
    const edges: EdgeTypeArrays[] = [];
    for (const info of tables.values()) edges.push(...(await buildForeignKeyEdges(engine, info, tables, snapshot.cutoff)));
    const graph: RelationalGraphArrays = { nodes, edges, referenceTime: snapshot.reference, warnings };
    if (snapshot.cutoff !== undefined) graph.cutoff = snapshot.cutoff;
    if (schema.target !== undefined) {
      graph.target = { ...schema.target, ...(plans.target.classes === undefined ? {} : { classes: plans.target.classes }) };
    }
    return graph;
  }

  private async epochMs(value: TimeLike, what: string): Promise<number> {
    if (value instanceof Date || typeof value === 'number') {
      const ms = value instanceof Date ? value.getTime() : value;
      // NaN or ±Infinity would otherwise fail deep inside the SQL that builds the features.
      if (!Number.isFinite(ms)) throw new DataError(`${what}: ${value instanceof Date ? 'an invalid Date' : String(ms)} is not a point in time (a Date, finite epoch ms or a timestamp string)`);
      return ms;
    }
    if (typeof value !== 'string') throw new DataError(`${what}: expected a Date, epoch ms or a timestamp string, got ${value === null ? 'null' : typeof value}`);
    let ms: number;
    try {
      const [row] = await this.catalog.engine.rows(`SELECT epoch_ms(CAST(${literal(value)} AS TIMESTAMP))::DOUBLE AS t`);
      ms = Number(row?.['t'] ?? NaN);
    } catch (error) {
      throw new DataError(`${what}: '${value}' is not a timestamp DuckDB can read (e.g. '2024-06-01' or '2024-06-01 12:00:00')`, { cause: error });
    }
    if (!Number.isFinite(ms)) throw new DataError(`${what}: '${value}' is not a finite point in time`);
    return ms;
  }

  /** The latest row time in the database (or timestamp value, when no table has a time column). */
  private async latestTime(): Promise<number> {
    const parts: string[] = [];
    for (const info of this.catalog.tables.values()) {
      if (info.time !== undefined) parts.push(`SELECT max(__rel_t) AS t FROM ${info.rows}`);
    }
    if (parts.length === 0) {
      for (const info of this.catalog.tables.values()) {
        for (const [column, encoder] of info.encoders) {
          if (encoder.type === 'timestamp' && typeClass(info.columns.get(column)!) !== 'other') {
            parts.push(`SELECT max(${timeMs(ident(column), info.columns.get(column)!)}) AS t FROM ${info.rows}`);
          }
        }
      }
    }
    if (parts.length === 0) return 0;
    const [row] = await this.catalog.engine.rows(`SELECT max(t)::DOUBLE AS t FROM (${parts.join(' UNION ALL ')})`);
    const t = row?.['t'];
    return typeof t === 'number' ? t : 0;
  }
}

type SharedNodeArrays = Map<string, { time: Float64Array | undefined; key: Float64Array | undefined }>;

/** Target nodes with from < time ≤ to and a known label. */
function splitMask(nodes: NodeTypeArrays, from: number, to: number): { mask: Uint8Array; index: Int32Array } {
  const time = nodes.time!;
  const y = nodes.y!;
  const mask = new Uint8Array(nodes.numNodes);
  let count = 0;
  for (let i = 0; i < nodes.numNodes; i += 1) {
    const t = time[i]!;
    const label = y[i]!;
    const known = y instanceof Int32Array ? label >= 0 : !Number.isNaN(label);
    if (t > from && t <= to && known) {
      mask[i] = 1;
      count += 1;
    }
  }
  const index = new Int32Array(count);
  for (let i = 0, k = 0; i < nodes.numNodes; i += 1) if (mask[i] === 1) index[k++] = i;
  return { mask, index };
}
