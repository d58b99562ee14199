/**
 * A tiny protocol-2 pickle writer for tests: it emits the same opcode shapes
 * as Python 2's cPickle does for numpy arrays, scipy CSR matrices and
 * `defaultdict(list)`, so the reader can be tested on files we generate.
 */
export type NumpyCode = 'i4' | 'i8' | 'f4' | 'f8';

class Writer {
  private readonly parts: number[] = [];
  byte(...values: number[]): this {
    this.parts.push(...values);
    return this;
  }
  raw(bytes: Uint8Array): this {
    for (const b of bytes) this.parts.push(b);
    return this;
  }
  int(value: number): this {
    if (value >= 0 && value < 256) return this.byte(0x4b, value);
    if (value >= 0 && value < 65536) return this.byte(0x4d, value & 0xff, value >> 8);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, value, true);
    return this.byte(0x4a).raw(b);
  }
  str(text: string | Uint8Array): this {
    const bytes = typeof text === 'string' ? Uint8Array.from(text, (c) => c.charCodeAt(0)) : text;
    if (bytes.length < 256) return this.byte(0x55, bytes.length).raw(bytes);
    const n = new Uint8Array(4);
    new DataView(n.buffer).setInt32(0, bytes.length, true);
    return this.byte(0x54).raw(n).raw(bytes);
  }
  global(module: string, name: string): this {
    return this.byte(0x63).raw(Uint8Array.from(`${module}\n${name}\n`, (c) => c.charCodeAt(0)));
  }
  ndarray(shape: readonly number[], code: NumpyCode, values: ArrayLike<number>): this {
    this.global('numpy.core.multiarray', '_reconstruct').global('numpy', 'ndarray');
    this.int(0).byte(0x85).str('b').byte(0x87, 0x52); // (0,), 'b' → TUPLE3, REDUCE
    this.byte(0x28).int(1); // MARK, version 1
    this.byte(0x28);
    for (const d of shape) this.int(d);
    this.byte(0x74); // shape tuple
    this.global('numpy', 'dtype').str(code).int(0).int(1).byte(0x87, 0x52);
    this.byte(0x28).int(3).str('<').byte(0x4e, 0x4e, 0x4e).int(-1).int(-1).int(0).byte(0x74, 0x62);
    this.byte(0x89); // not Fortran
    this.str(encode(code, values));
    return this.byte(0x74, 0x62); // TUPLE, BUILD
  }
  csr(rows: number, cols: number, indptr: ArrayLike<number>, indices: ArrayLike<number>, data: ArrayLike<number>, dataCode: NumpyCode): this {
    this.global('scipy.sparse.csr', 'csr_matrix').byte(0x29, 0x81, 0x7d, 0x28); // (), NEWOBJ, {}, MARK
    this.str('format').str('csr');
    this.str('_shape').int(rows).int(cols).byte(0x86);
    this.str('indptr').ndarray([rows + 1], 'i4', indptr);
    this.str('indices').ndarray([indices.length], 'i4', indices);
    this.str('data').ndarray([data.length], dataCode, data);
    this.str('maxprint').int(50);
    return this.byte(0x75, 0x62); // SETITEMS, BUILD
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function encode(code: NumpyCode, values: ArrayLike<number>): Uint8Array {
  const size = code === 'i8' || code === 'f8' ? 8 : 4;
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (code === 'i4') view.setInt32(i * size, v, true);
    else if (code === 'i8') view.setBigInt64(i * size, BigInt(v), true);
    else if (code === 'f4') view.setFloat32(i * size, v, true);
    else view.setFloat64(i * size, v, true);
  }
  return out;
}

const wrap = (body: (w: Writer) => void): Uint8Array => {
  const w = new Writer().byte(0x80, 2);
  body(w);
  return w.byte(0x2e).bytes();
};

/** A pickled numpy array of `shape` (C order). */
export function pickleNdArray(shape: readonly number[], code: NumpyCode, values: ArrayLike<number>): Uint8Array {
  return wrap((w) => w.ndarray(shape, code, values));
}

/** A pickled `scipy.sparse.csr_matrix` holding the dense `rows × cols` matrix `dense`. */
export function pickleCsrMatrix(rows: number, cols: number, dense: ArrayLike<number>, dataCode: NumpyCode = 'f4'): Uint8Array {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = dense[r * cols + c]!;
      if (v !== 0) {
        indices.push(c);
        data.push(v);
      }
    }
    indptr.push(indices.length);
  }
  return wrap((w) => w.csr(rows, cols, indptr, indices, data, dataCode));
}

/** A pickled `collections.defaultdict(list)` of adjacency lists, in the given key order. */
export function pickleAdjacency(adjacency: ReadonlyMap<number, readonly number[]>): Uint8Array {
  return wrap((w) => {
    w.global('collections', 'defaultdict').global('__builtin__', 'list').byte(0x85, 0x52, 0x28); // (list,), REDUCE, MARK
    for (const [key, list] of adjacency) {
      w.int(key).byte(0x5d, 0x28); // [], MARK
      for (const n of list) w.int(n);
      w.byte(0x65); // APPENDS
    }
    w.byte(0x75); // SETITEMS
  });
}

/** One-hot rows as a flat array. */
export function oneHot(labels: readonly number[], numClasses: number): number[] {
  const out = new Array<number>(labels.length * numClasses).fill(0);
  labels.forEach((c, i) => {
    if (c >= 0) out[i * numClasses + c] = 1;
  });
  return out;
}
