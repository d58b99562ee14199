/**
 * Element-wise binary float32 arithmetic with NumPy broadcasting, one output
 * row (the last axis) at a time: tfjs-cpu's kernels compute a broadcast
 * index per element, 20–40× slower on GAT's `[N, H, 1] · [N, H, C]`.
 */
import { sizeOf } from './types.js';

/** The operations {@link broadcastBinaryImpl} computes. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

/** The broadcast shape of `a` and `b`, or undefined when they do not broadcast. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Element strides of `shape` aligned to `outShape`, 0 along broadcast axes. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = rank - 1; i >= 0; i--) {
    const d = shape[shape.length - rank + i] ?? 1;
    strides[i] = d === 1 ? 0 : stride;
    stride *= d;
  }
  return strides;
}

/**
 * Writes `a op b`, broadcast to `outShape` (from {@link broadcastShape}),
 * into `out`.
 *
 * @example
 * ```ts
 * const outShape = broadcastShape([2, 3], [3])!;
 * broadcastBinaryImpl('mul', a, [2, 3], b, [3], outShape, new Float32Array(6));
 * ```
 */
export function broadcastBinaryImpl(
  op: BinaryOp,
  a: Float32Array,
  aShape: readonly number[],
  b: Float32Array,
  bShape: readonly number[],
  outShape: readonly number[],
  out: Float32Array,
): void {
  const size = sizeOf(outShape);
  if (size === 0) return;
  if (a.length === size && b.length === size) {
    block(op, a, 0, 0, 1, b, 0, 0, 1, out, 0, 1, size);
    return;
  }
  const rank = outShape.length;
  const as = broadcastStrides(aShape, outShape);
  const bs = broadcastStrides(bShape, outShape);
  // One output row spans the trailing axes along which each operand is either
  // contiguous or constant: `[N, H, C] · [H, C]` runs in rows of H·C, not C.
  let rowLength = outShape[rank - 1]!;
  const sa = as[rank - 1]!;
  const sb = bs[rank - 1]!;
  let lead = rank - 1;
  const continues = (stride: number, step: number): boolean => (step === 0 ? stride === 0 : stride === rowLength);
  while (lead > 0 && continues(as[lead - 1]!, sa) && continues(bs[lead - 1]!, sb)) {
    lead--;
    rowLength *= outShape[lead]!;
  }
  // The axis before the row runs inside the same call (short rows, such as
  // `[N, H, 1] · [N, H, C]`'s C, would otherwise cost a call each); an
  // odometer walks the axes before it.
  const inner = lead > 0 ? lead - 1 : -1;
  const rows = inner >= 0 ? outShape[inner]! : 1;
  const ra = inner >= 0 ? as[inner]! : 0;
  const rb = inner >= 0 ? bs[inner]! : 0;
  const outer = Math.max(inner, 0);
  const index = new Array<number>(outer).fill(0);
  let ao = 0;
  let bo = 0;
  const blockSize = rows * rowLength;
  for (let o = 0; o < size; o += blockSize) {
    block(op, a, ao, ra, sa, b, bo, rb, sb, out, o, rows, rowLength);
    for (let axis = outer - 1; axis >= 0; axis--) {
      index[axis]! += 1;
      ao += as[axis]!;
      bo += bs[axis]!;
      if (index[axis]! < outShape[axis]!) break;
      ao -= as[axis]! * outShape[axis]!;
      bo -= bs[axis]! * outShape[axis]!;
      index[axis] = 0;
    }
  }
}

/**
 * `rows` output rows of `n` values: row `r` reads `a` from `ao + r·ra` with
 * step `sa` and `b` from `bo + r·rb` with step `sb`. Steps are 0 or 1, and a
 * loop per case keeps the constant operand in a register (a multiply by the
 * step in the index costs about twice as much here).
 */
function block(
  op: BinaryOp,
  a: Float32Array,
  ao: number,
  ra: number,
  sa: number,
  b: Float32Array,
  bo: number,
  rb: number,
  sb: number,
  out: Float32Array,
  oo: number,
  rows: number,
  n: number,
): void {
  for (let r = 0; r < rows; r++) {
    const pa = ao + r * ra;
    const pb = bo + r * rb;
    const po = oo + r * n;
    // The operand that is constant along the row, read once (unused otherwise).
    const x = a[pa]!;
    const y = b[pb]!;
    switch (op) {
      case 'add':
        if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) out[po + i] = a[pa + i]! + b[pb + i]!;
        else if (sa === 1) for (let i = 0; i < n; i++) out[po + i] = a[pa + i]! + y;
        else if (sb === 1) for (let i = 0; i < n; i++) out[po + i] = x + b[pb + i]!;
        else out.fill(x + y, po, po + n);
        break;
      case 'sub':
        if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) out[po + i] = a[pa + i]! - b[pb + i]!;
        else if (sa === 1) for (let i = 0; i < n; i++) out[po + i] = a[pa + i]! - y;
        else if (sb === 1) for (let i = 0; i < n; i++) out[po + i] = x - b[pb + i]!;
        else out.fill(x - y, po, po + n);
        break;
      case 'mul':
        if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) out[po + i] = a[pa + i]! * b[pb + i]!;
        else if (sa === 1) for (let i = 0; i < n; i++) out[po + i] = a[pa + i]! * y;
        else if (sb === 1) for (let i = 0; i < n; i++) out[po + i] = x * b[pb + i]!;
        else out.fill(x * y, po, po + n);
        break;
      case 'div':
        if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) out[po + i] = a[pa + i]! / b[pb + i]!;
        else if (sa === 1) for (let i = 0; i < n; i++) out[po + i] = a[pa + i]! / y;
        else if (sb === 1) for (let i = 0; i < n; i++) out[po + i] = x / b[pb + i]!;
        else out.fill(x / y, po, po + n);
        break;
    }
  }
}
