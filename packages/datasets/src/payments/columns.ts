/**
 * Growable typed-array columns: the generator appends rows column by column,
 * never as one JS object per row, and hands out exact-length arrays at the end.
 */

type TypedArray = Float64Array | Int32Array | Uint8Array;
type TypedArrayCtor<T extends TypedArray> = new (length: number) => T;

/** One column that doubles its capacity as rows are appended. */
export class Column<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    capacity = 1024,
  ) {
    this.data = new ctor(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  /** The live prefix (a view: valid until the next push). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** An exact-length copy. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }

  private grow(capacity: number): void {
    const next = new this.ctor(capacity);
    next.set(this.data);
    this.data = next;
  }
}

export const f64 = (capacity?: number): Column<Float64Array> => new Column(Float64Array, capacity);
export const i32 = (capacity?: number): Column<Int32Array> => new Column(Int32Array, capacity);
export const u8 = (capacity?: number): Column<Uint8Array> => new Column(Uint8Array, capacity);
