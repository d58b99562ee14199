/**
 * Numerically stable softmax of `logits` (`[E, rowSize]`) over the rows of
 * each segment, per column: subtract the segment maximum, exponentiate, divide
 * by the segment's sum. Three passes in edge order, O(E·rowSize), no
 * allocation per element. Rows with an id outside `[0, numSegments)` give 0.
 */
export function segmentSoftmaxImpl(
  logits: Float32Array,
  ids: Int32Array,
  numSegments: number,
  rowSize: number,
  out: Float32Array,
): void {
  const numRows = ids.length;
  const stats = numSegments * rowSize;
  const maxima = new Float32Array(stats).fill(-Infinity);
  for (let e = 0; e < numRows; e++) {
    const s = ids[e]!;
    if (s < 0 || s >= numSegments) continue;
    const src = e * rowSize;
    const dst = s * rowSize;
    for (let d = 0; d < rowSize; d++) {
      // Math.max keeps NaN, as a NaN logit must, and needs no branch.
      maxima[dst + d] = Math.max(maxima[dst + d]!, logits[src + d]!);
    }
  }
  const sums = new Float32Array(stats);
  for (let e = 0; e < numRows; e++) {
    const s = ids[e]!;
    const src = e * rowSize;
    if (s < 0 || s >= numSegments) {
      out.fill(0, src, src + rowSize);
      continue;
    }
    const dst = s * rowSize;
    for (let d = 0; d < rowSize; d++) {
      // Sum the float32-rounded numerators, the values the last pass divides.
      const z = Math.fround(Math.exp(logits[src + d]! - maxima[dst + d]!));
      out[src + d] = z;
      sums[dst + d] = sums[dst + d]! + z;
    }
  }
  for (let e = 0; e < numRows; e++) {
    const s = ids[e]!;
    if (s < 0 || s >= numSegments) continue;
    const src = e * rowSize;
    const dst = s * rowSize;
    for (let d = 0; d < rowSize; d++) out[src + d] = out[src + d]! / sums[dst + d]!;
  }
}

/**
 * Backward of {@link segmentSoftmaxImpl}: `out = y · (dy − Σ_segment dy·y)`
 * per column, in two passes in edge order and with no `[E, rowSize]`
 * intermediate. Rows with an id outside `[0, numSegments)` give 0 (their
 * softmax output is 0 as well).
 */
export function segmentSoftmaxGradImpl(
  y: Float32Array,
  dy: Float32Array,
  ids: Int32Array,
  numSegments: number,
  rowSize: number,
  out: Float32Array,
): void {
  const numRows = ids.length;
  const dots = new Float32Array(numSegments * rowSize);
  for (let e = 0; e < numRows; e++) {
    const s = ids[e]!;
    if (s < 0 || s >= numSegments) continue;
    const src = e * rowSize;
    const dst = s * rowSize;
    for (let d = 0; d < rowSize; d++) dots[dst + d] = dots[dst + d]! + Math.fround(dy[src + d]! * y[src + d]!);
  }
  for (let e = 0; e < numRows; e++) {
    const s = ids[e]!;
    const src = e * rowSize;
    if (s < 0 || s >= numSegments) {
      out.fill(0, src, src + rowSize);
      continue;
    }
    const dst = s * rowSize;
    for (let d = 0; d < rowSize; d++) out[src + d] = y[src + d]! * Math.fround(dy[src + d]! - dots[dst + d]!);
  }
}
