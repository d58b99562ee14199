/**
 * A `GraphStore` kept in a file (Node only): the CSC arrays are built once,
 * from edge chunks, without tensors or a copy of the edge list, and written by
 * temp file + rename; opening reads them back in 64 MiB chunks into
 * (optionally shared) array buffers. The bound is the machine's memory, not
 * the JS heap: a store needs `4·(N_dst+1) + 8·E` bytes per edge type (plus
 * times), and `open` refuses a file larger than `maxBytes` (default: the free
 * memory) with a `StoreError` saying both sizes.
 */
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { freemem } from 'node:os';
import {
  allocInt32,
  edgeTypeKey,
  StoreError,
  toEdgeType,
  type CscAdjacency,
  type EdgeType,
  type EdgeTypeLike,
  type GraphStore,
  type TimeArray,
  type TimeAttr,
} from '@gnnjs/core';

const MAGIC = 'GNNJS-CSC-1\n';
const CHUNK = 64 * 1024 * 1024;
type TimeDtype = 'int32' | 'float32' | 'float64';

interface Header {
  kind: 'homogeneous' | 'heterogeneous';
  timeAttr: TimeAttr | null;
  nodes: { type: string; numNodes: number; time: TimeDtype | null }[];
  edges: { type: [string, string, string]; numEdges: number; time: TimeDtype | null }[];
}

/** Edges of one type for {@link FileGraphStore.build}, as chunks read twice (e.g. from files or a database). */
export interface EdgeChunkSource<N extends string = string> {
  type: EdgeTypeLike<N>;
  /** Called once per pass (twice): yields the edges as `src`/`dst` chunks, with `edgeTime` for `timeAttr: 'edgeTime'`. */
  chunks: () => AsyncIterable<{ src: Int32Array; dst: Int32Array; edgeTime?: TimeArray }> | Iterable<{ src: Int32Array; dst: Int32Array; edgeTime?: TimeArray }>;
}

/** What {@link FileGraphStore.build} needs. */
export interface FileGraphStoreInput<N extends string = string> {
  numNodes: { readonly [K in N]: number };
  edges: readonly EdgeChunkSource<NoInfer<N>>[];
  nodeTime?: { readonly [K in N]?: TimeArray } | undefined;
  timeAttr?: TimeAttr | undefined;
  kind?: 'homogeneous' | 'heterogeneous' | undefined;
}

function dtypeOf(t: TimeArray): TimeDtype {
  return t instanceof Int32Array ? 'int32' : t instanceof Float32Array ? 'float32' : 'float64';
}

function allocTime(dtype: TimeDtype, n: number, shared: boolean): TimeArray {
  const bytes = dtype === 'float64' ? 8 : 4;
  const buffer = shared ? new SharedArrayBuffer(n * bytes) : new ArrayBuffer(n * bytes);
  return dtype === 'int32' ? new Int32Array(buffer) : dtype === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
}

/**
 * A {@link GraphStore} read from a file written by {@link FileGraphStore.build}
 * or {@link FileGraphStore.write}.
 *
 * @example
 * ```ts
 * await FileGraphStore.build('products.csc', { numNodes: { node: 2_449_029 }, edges: [{ type: HOMOGENEOUS_EDGE_TYPE, chunks: readEdgeChunks }], kind: 'homogeneous' });
 * const graphStore = FileGraphStore.open('products.csc', { shared: true });
 * const loader = new NeighborLoader({ graphStore, featureStore }, { numNeighbors: [15, 10, 5], batchSize: 1024 });
 * ```
 */
export class FileGraphStore<N extends string = string> implements GraphStore<N> {
  readonly kind: 'homogeneous' | 'heterogeneous';
  readonly nodeTypes: readonly N[];
  readonly edgeTypes: readonly EdgeType<N>[];
  readonly timeAttr: TimeAttr | undefined;
  /** Bytes of the arrays held in memory. */
  readonly bytes: number;
  readonly #numNodes: Map<string, number>;
  readonly #nodeTime: Map<string, TimeArray>;
  readonly #csc: Map<string, CscAdjacency>;

  private constructor(header: Header, nodeTime: Map<string, TimeArray>, csc: Map<string, CscAdjacency>, bytes: number) {
    this.kind = header.kind;
    this.timeAttr = header.timeAttr ?? undefined;
    this.nodeTypes = Object.freeze(header.nodes.map((n) => n.type as N));
    this.edgeTypes = Object.freeze(header.edges.map((e) => toEdgeType(e.type as unknown as EdgeType<N>)));
    this.#numNodes = new Map(header.nodes.map((n) => [n.type, n.numNodes]));
    this.#nodeTime = nodeTime;
    this.#csc = csc;
    this.bytes = bytes;
  }

  numNodes(type: N): number {
    const n = this.#numNodes.get(type);
    if (n === undefined) throw new StoreError('nodeType', `'${type}' is not a node type of this store`);
    return n;
  }

  csc(type: EdgeTypeLike<N>): CscAdjacency {
    const key = typeof type === 'string' ? type : edgeTypeKey(type);
    const c = this.#csc.get(key);
    if (c === undefined) throw new StoreError('edgeType', `'${key}' is not an edge type of this store`);
    return c;
  }

  nodeTime(type: N): TimeArray | undefined {
    return this.#nodeTime.get(type);
  }

  /**
   * Builds the CSC from edge chunks in two passes (degrees, then placement;
   * columns sorted by time for temporal stores) and writes it to `path`.
   * Peak memory: the CSC itself plus one chunk.
   */
  static async build<N extends string>(path: string, input: FileGraphStoreInput<N>): Promise<void> {
    const numNodes = new Map(Object.entries(input.numNodes) as [string, number][]);
    const nodeTime = new Map(Object.entries(input.nodeTime ?? {}).filter((e): e is [string, TimeArray] => e[1] !== undefined));
    const header: Header = {
      kind: input.kind ?? 'heterogeneous',
      timeAttr: input.timeAttr ?? null,
      nodes: [...numNodes].map(([type, n]) => ({ type, numNodes: n, time: nodeTime.has(type) ? dtypeOf(nodeTime.get(type)!) : null })),
      edges: [],
    };
    const arrays: ArrayBufferView[] = header.nodes.flatMap((n) => (nodeTime.has(n.type) ? [nodeTime.get(n.type)!] : []));
    for (const source of input.edges) {
      const type = toEdgeType(source.type as EdgeTypeLike<string>);
      const label = `edge ['${type.join("','")}']`;
      const numSrc = numNodes.get(type[0]);
      const numDst = numNodes.get(type[2]);
      if (numSrc === undefined || numDst === undefined) throw new StoreError(label, 'names a node type without a node count');
      const colptr = new Int32Array(numDst + 1);
      let numEdges = 0;
      for await (const { src, dst } of source.chunks()) {
        if (src.length !== dst.length) throw new StoreError(label, `a chunk has ${src.length} sources and ${dst.length} destinations`);
        for (let e = 0; e < dst.length; e++) {
          const v = dst[e]!;
          const u = src[e]!;
          if (v < 0 || v >= numDst || u < 0 || u >= numSrc) throw new StoreError(label, `edge ${numEdges + e} (${u} → ${v}) is outside [0, ${numSrc}) × [0, ${numDst})`);
          colptr[v + 1]++;
        }
        numEdges += dst.length;
        if (numEdges > 2 ** 31 - 1) throw new StoreError(label, 'has more than 2^31 - 1 edges, beyond Int32Array indices');
      }
      for (let v = 0; v < numDst; v++) colptr[v + 1] += colptr[v]!;
      const fill = colptr.slice(0, numDst);
      const row = new Int32Array(numEdges);
      const edgeId = new Int32Array(numEdges);
      const srcTime = input.timeAttr === 'time' ? nodeTime.get(type[0]) : undefined;
      let time: TimeArray | undefined;
      let offset = 0;
      for await (const chunk of source.chunks()) {
        if (input.timeAttr === 'edgeTime') {
          if (chunk.edgeTime === undefined || chunk.edgeTime.length !== chunk.src.length) throw new StoreError(`${label}.edgeTime`, "every chunk needs its edges' times for timeAttr 'edgeTime'");
          time ??= allocTime(dtypeOf(chunk.edgeTime), numEdges, false);
        }
        for (let e = 0; e < chunk.dst.length; e++) {
          const k = fill[chunk.dst[e]!]++;
          row[k] = chunk.src[e]!;
          edgeId[k] = offset + e;
          if (time !== undefined) time[k] = chunk.edgeTime![e]!;
        }
        offset += chunk.dst.length;
      }
      if (offset !== numEdges) throw new StoreError(label, `the second pass over the chunks gave ${offset} edges, the first ${numEdges}`);
      if (srcTime !== undefined) {
        time = allocTime(dtypeOf(srcTime), numEdges, false);
        for (let k = 0; k < numEdges; k++) time[k] = srcTime[row[k]!]!;
      }
      if (time !== undefined) sortColumnsByTime(colptr, row, edgeId, time);
      header.edges.push({ type: [type[0], type[1], type[2]], numEdges, time: time === undefined ? null : dtypeOf(time) });
      arrays.push(colptr, row, edgeId, ...(time === undefined ? [] : [time]));
    }
    writeStoreFile(path, header, arrays);
  }

  /** Writes any graph store's arrays to `path` (temp file + rename). */
  static write<N extends string>(path: string, store: GraphStore<N>): void {
    const header: Header = {
      kind: store.kind,
      timeAttr: store.timeAttr ?? null,
      nodes: store.nodeTypes.map((t) => ({ type: t, numNodes: store.numNodes(t), time: store.nodeTime(t) === undefined ? null : dtypeOf(store.nodeTime(t)!) })),
      edges: store.edgeTypes.map((t) => ({ type: [t[0], t[1], t[2]], numEdges: store.csc(t).row.length, time: store.csc(t).time === undefined ? null : dtypeOf(store.csc(t).time!) })),
    };
    const arrays: ArrayBufferView[] = store.nodeTypes.flatMap((t) => (store.nodeTime(t) === undefined ? [] : [store.nodeTime(t)!]));
    for (const t of store.edgeTypes) {
      const c = store.csc(t);
      arrays.push(c.colptr, c.row, c.edgeId, ...(c.time === undefined ? [] : [c.time]));
    }
    writeStoreFile(path, header, arrays);
  }

  /**
   * Reads a store file into memory (`shared`: on `SharedArrayBuffer`s, for
   * worker threads). Refuses files above `maxBytes` (default: free memory).
   */
  static open<N extends string = string>(path: string, options: { shared?: boolean; maxBytes?: number } = {}): FileGraphStore<N> {
    const shared = options.shared ?? false;
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const maxBytes = options.maxBytes ?? freemem();
      if (size > maxBytes) {
        throw new StoreError(
          path,
          `the graph's arrays take ${gib(size)} GiB, above ${options.maxBytes === undefined ? 'the free memory' : 'maxBytes'} (${gib(maxBytes)} GiB): free memory, use a machine with more, or a GraphStore that reads neighbourhoods from disk or a graph database`,
        );
      }
      const head = Buffer.alloc(MAGIC.length + 4);
      readSync(fd, head, 0, head.length, 0);
      if (head.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new StoreError(path, 'is not a GNN.js graph store file');
      const headerLength = head.readUInt32LE(MAGIC.length);
      const headerBytes = Buffer.alloc(headerLength);
      readSync(fd, headerBytes, 0, headerLength, head.length);
      const header = JSON.parse(headerBytes.toString('utf8')) as Header;
      let position = align(head.length + headerLength);
      const read = <T extends ArrayBufferView>(array: T): T => {
        const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
        for (let done = 0; done < bytes.length; ) {
          const n = readSync(fd, bytes, done, Math.min(CHUNK, bytes.length - done), position + done);
          if (n <= 0) throw new StoreError(path, 'ends early: the file is truncated');
          done += n;
        }
        position = align(position + bytes.length);
        return array;
      };
      const nodeTime = new Map<string, TimeArray>();
      for (const n of header.nodes) if (n.time !== null) nodeTime.set(n.type, read(allocTime(n.time, n.numNodes, shared)));
      const numNodes = new Map(header.nodes.map((n) => [n.type, n.numNodes]));
      const csc = new Map<string, CscAdjacency>();
      for (const e of header.edges) {
        const numDst = numNodes.get(e.type[2])!;
        const colptr = read(allocInt32(numDst + 1, shared));
        const row = read(allocInt32(e.numEdges, shared));
        const edgeId = read(allocInt32(e.numEdges, shared));
        const time = e.time === null ? undefined : read(allocTime(e.time, e.numEdges, shared));
        const numSrc = numNodes.get(e.type[0])!;
        csc.set(e.type.join('__'), time === undefined ? { colptr, row, edgeId, numSrc, numDst } : { colptr, row, edgeId, time, numSrc, numDst });
      }
      return new FileGraphStore<N>(header, nodeTime, csc, size);
    } finally {
      closeSync(fd);
    }
  }
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}

function gib(bytes: number): string {
  return (bytes / 1024 ** 3).toFixed(2);
}

function sortColumnsByTime(colptr: Int32Array, row: Int32Array, edgeId: Int32Array, time: TimeArray): void {
  const numDst = colptr.length - 1;
  for (let v = 0; v < numDst; v++) {
    const start = colptr[v]!;
    const end = colptr[v + 1]!;
    if (end - start < 2) continue;
    let sorted = true;
    for (let k = start + 1; k < end && sorted; k++) sorted = time[k - 1]! <= time[k]!;
    if (sorted) continue;
    const order = Array.from({ length: end - start }, (_, i) => start + i).sort((a, b) => time[a]! - time[b]! || edgeId[a]! - edgeId[b]!);
    const r = order.map((k) => row[k]!);
    const e = order.map((k) => edgeId[k]!);
    const t = order.map((k) => time[k]!);
    row.set(r, start);
    edgeId.set(e, start);
    time.set(t, start);
  }
}

function writeStoreFile(path: string, header: Header, arrays: readonly ArrayBufferView[]): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const head = Buffer.alloc(MAGIC.length + 4);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(json.length, MAGIC.length);
    let position = 0;
    const put = (bytes: Uint8Array): void => {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, Math.min(CHUNK, bytes.length - done), position + done);
      position += bytes.length;
    };
    const pad = (): void => put(new Uint8Array(align(position) - position));
    put(head);
    put(json);
    pad();
    for (const a of arrays) {
      put(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      pad();
    }
    closeSync(fd);
    renameSync(temp, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw error;
  }
}
