/**
 * Reverse along the first axis only, block by block (an edge index `[2, E]`
 * swapped to `[dst, src]`, which every message-passing gradient does):
 * tfjs-cpu's and tfjs-wasm's Reverse map every element's index.
 */
export function reverseFirstAxisImpl<T extends Float32Array | Int32Array | Uint8Array>(x: T, rows: number, out: T): void {
  const rowSize = rows === 0 ? 0 : x.length / rows;
  for (let r = 0; r < rows; r++) {
    out.set(x.subarray(r * rowSize, (r + 1) * rowSize), (rows - 1 - r) * rowSize);
  }
}

/** Whether `dims` (tfjs's Reverse attribute) names the first axis alone of a rank-`rank` tensor. */
export function reversesFirstAxisOnly(dims: number | readonly number[], rank: number): boolean {
  const list = (typeof dims === 'number' ? [dims] : [...dims]).map((d) => (d < 0 ? d + rank : d));
  return rank >= 1 && list.length > 0 && list.every((d) => d === 0);
}
