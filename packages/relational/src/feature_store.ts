/**
 * A `FeatureStore` (core's interface, PyG's remote backend) over DuckDB:
 * the rows a sampler asks for are read by id through SQL, one query per
 * attribute and batch, as typed arrays. The features never have to fit in the
 * JS heap; the graph's edges live in a `GraphStore` of their own.
 */
import { StoreError, type FeatureArray, type FeatureAttr, type FeatureDtype, type FeatureQuery, type FeatureStore } from '@gnnjs/core';
import type { ColumnKind, ScanColumn, SqlEngine } from './engine/engine.js';
import { SerialQueue } from './engine/serial.js';
import { ident } from './engine/sql.js';

/** Where one attribute lives: `columns` of `table`, one row per node (or edge) whose id is in `idColumn`. */
export interface DuckDBFeatureSource {
  /** A node type, or an edge type key `'src__rel__dst'`. */
  group: string;
  /** `x`, `y`, `trainMask`, ... (the field names of `Graph`/`HeteroGraph`). */
  attr: string;
  table: string;
  /** One column per feature (`x` of width F: F columns); one column for `y`, masks, times. */
  columns: readonly string[];
  /** Integer ids `0 .. rows-1`: the node ids of the graph store. */
  idColumn: string;
  /** Default `'float32'`; `'bool'` columns may be BOOLEAN or 0/1 integers. */
  dtype?: FeatureDtype | undefined;
  /** For `y`: the number of classes. */
  numClasses?: number | undefined;
}

const KIND: Record<FeatureDtype, ColumnKind> = { float32: 'float32', int32: 'int32', bool: 'int32' };

/**
 * A {@link FeatureStore} reading rows by id from DuckDB tables.
 * `get({ group, attr, index })` runs one `SELECT … WHERE id IN (…)` for the
 * distinct ids of `index` and returns the rows in `index` order.
 *
 * @example
 * ```ts
 * const engine = await NodeDuckDBEngine.create();
 * await engine.run("CREATE TABLE papers AS SELECT * FROM 'papers.parquet'");
 * const features = await DuckDBFeatureStore.create(engine, [
 *   { group: 'node', attr: 'x', table: 'papers', columns: ['f0', 'f1', 'f2'], idColumn: 'id' },
 *   { group: 'node', attr: 'y', table: 'papers', columns: ['label'], idColumn: 'id', dtype: 'int32', numClasses: 40 },
 * ]);
 * const loader = new NeighborLoader({ graphStore, featureStore: features }, { numNeighbors: [10, 5], batchSize: 512 });
 * ```
 */
export class DuckDBFeatureStore implements FeatureStore {
  readonly #engine: SqlEngine;
  readonly #sources: Map<string, DuckDBFeatureSource & { rows: number }>;
  readonly #attrs: FeatureAttr[];
  /** Queries run one at a time: a DuckDB connection streams one result at a time (an engine of your own may not queue them). */
  readonly #queue = new SerialQueue();

  private constructor(engine: SqlEngine, sources: (DuckDBFeatureSource & { rows: number })[]) {
    this.#engine = engine;
    this.#sources = new Map(sources.map((s) => [`${s.group}/${s.attr}`, s]));
    this.#attrs = sources.map((s) => ({
      group: s.group,
      attr: s.attr,
      dtype: s.dtype ?? 'float32',
      shape: s.attr === 'x' || s.columns.length > 1 ? [s.rows, s.columns.length] : [s.rows],
      numClasses: s.numClasses,
    }));
  }

  /** Checks that every table and column exists and counts each table's rows (the ids must be `0 .. rows-1`). */
  static async create(engine: SqlEngine, sources: readonly DuckDBFeatureSource[]): Promise<DuckDBFeatureStore> {
    const checked: (DuckDBFeatureSource & { rows: number })[] = [];
    for (const s of sources) {
      const field = `${s.group}.${s.attr}`;
      if (s.columns.length === 0) throw new StoreError(field, 'needs at least one column');
      const cols = [s.idColumn, ...s.columns].map(ident).join(', ');
      let stats: Record<string, unknown>[];
      try {
        stats = await engine.rows(`SELECT count(*) AS n, min(${ident(s.idColumn)}) AS lo, max(${ident(s.idColumn)}) AS hi, count(DISTINCT ${ident(s.idColumn)}) AS d FROM (SELECT ${cols} FROM ${ident(s.table)})`);
      } catch (error) {
        throw new StoreError(field, `cannot read columns ${[s.idColumn, ...s.columns].join(', ')} of table '${s.table}': ${(error as Error).message}`);
      }
      const { n, lo, hi, d } = stats[0] as { n: number; lo: number | null; hi: number | null; d: number };
      if (n > 0 && (lo !== 0 || hi !== n - 1 || d !== n)) {
        throw new StoreError(field, `ids in '${s.table}'.${s.idColumn} must be 0 .. rows-1 without gaps or repeats (rows ${n}, ids ${lo} .. ${hi}, ${d} distinct)`);
      }
      checked.push({ ...s, rows: n });
    }
    return new DuckDBFeatureStore(engine, checked);
  }

  attrs(): readonly FeatureAttr[] {
    return this.#attrs;
  }

  get(query: FeatureQuery): Promise<FeatureArray> {
    return this.#queue.run(() => this.#get(query));
  }

  async #get({ group, attr, index }: FeatureQuery): Promise<FeatureArray> {
    const source = this.#sources.get(`${group}/${attr}`);
    if (source === undefined) throw new StoreError(`${group}.${attr}`, `is not in this feature store (it holds ${[...this.#sources.keys()].map((k) => k.replace('/', '.')).join(', ')})`);
    const dtype = source.dtype ?? 'float32';
    const width = source.columns.length;
    const shapeTail = attr === 'x' || width > 1 ? [width] : [];
    const ids = index ?? Int32Array.from({ length: source.rows }, (_, i) => i);
    for (let i = 0; i < ids.length; i++) {
      if (ids[i]! < 0 || ids[i]! >= source.rows) throw new StoreError(`${group}.${attr}`, `row ${ids[i]} is outside [0, ${source.rows})`);
    }
    const distinct = [...new Set(ids)].sort((a, b) => a - b);
    const slot = new Map<number, number>(distinct.map((id, i) => [id, i]));
    const staged = new Float64Array(distinct.length * width);
    const castTo = dtype === 'float32' ? 'FLOAT' : 'INTEGER';
    const select = source.columns.map((c) => `CAST(${ident(c)} AS ${castTo})`).join(', ');
    const where = distinct.length === 0 ? 'FALSE' : `${ident(source.idColumn)} IN (${distinct.join(',')})`;
    const kinds: ColumnKind[] = ['int32', ...source.columns.map(() => KIND[dtype])];
    await this.#engine.scan(`SELECT CAST(${ident(source.idColumn)} AS INTEGER), ${select} FROM ${ident(source.table)} WHERE ${where}`, kinds, (columns: readonly ScanColumn[], rowCount: number) => {
      const idCol = columns[0]!;
      for (let r = 0; r < rowCount; r++) {
        const base = slot.get(idCol[r]!)! * width;
        for (let c = 0; c < width; c++) staged[base + c] = columns[c + 1]![r]!;
      }
    });
    const out = dtype === 'float32' ? new Float32Array(ids.length * width) : dtype === 'int32' ? new Int32Array(ids.length * width) : new Uint8Array(ids.length * width);
    for (let i = 0; i < ids.length; i++) {
      const base = slot.get(ids[i]!)! * width;
      for (let c = 0; c < width; c++) out[i * width + c] = staged[base + c]!;
    }
    return { values: out, shape: [ids.length, ...shapeTail], dtype };
  }
}
