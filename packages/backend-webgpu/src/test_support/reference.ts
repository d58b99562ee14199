/** Plain-JavaScript references for the GNN kernels (test-only, row-major flat arrays). */

export function refSegmentReduce(
  data: Float32Array,
  rowSize: number,
  ids: Int32Array,
  numSegments: number,
  reducer: 'sum' | 'mean' | 'max' | 'min',
): Float32Array {
  const out = new Float32Array(numSegments * rowSize);
  const count = new Int32Array(numSegments);
  const init = reducer === 'max' ? -Infinity : reducer === 'min' ? Infinity : 0;
  out.fill(init);
  ids.forEach((s, e) => {
    count[s]!++;
    for (let c = 0; c < rowSize; c++) {
      const v = data[e * rowSize + c]!;
      const o = s * rowSize + c;
      out[o] = reducer === 'max' ? Math.max(out[o]!, v) : reducer === 'min' ? Math.min(out[o]!, v) : out[o]! + v;
    }
  });
  for (let s = 0; s < numSegments; s++) {
    for (let c = 0; c < rowSize; c++) {
      const o = s * rowSize + c;
      if (count[s] === 0) out[o] = 0;
      else if (reducer === 'mean') out[o] = out[o]! / count[s]!;
    }
  }
  return out;
}

export function refSegmentSoftmax(logits: Float32Array, rowSize: number, ids: Int32Array, numSegments: number): Float32Array {
  const top = refSegmentReduce(logits, rowSize, ids, numSegments, 'max');
  const exps = logits.map((v, k) => Math.exp(v - top[ids[Math.floor(k / rowSize)]! * rowSize + (k % rowSize)]!));
  const sums = refSegmentReduce(exps, rowSize, ids, numSegments, 'sum');
  return exps.map((v, k) => v / sums[ids[Math.floor(k / rowSize)]! * rowSize + (k % rowSize)]!);
}

export function refSpmm(
  src: Int32Array,
  dst: Int32Array,
  x: Float32Array,
  rowSize: number,
  weight: Float32Array | undefined,
  weightSize: number,
  numDst: number,
): Float32Array {
  const out = new Float32Array(numDst * rowSize);
  const repeat = rowSize / weightSize;
  src.forEach((j, e) => {
    for (let c = 0; c < rowSize; c++) {
      const w = weight === undefined ? 1 : weight[e * weightSize + Math.floor(c / repeat)]!;
      out[dst[e]! * rowSize + c] += w * x[j * rowSize + c]!;
    }
  });
  return out;
}
