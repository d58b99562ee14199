/** The bits of a float32 as an int32, for float parameters that travel in the `i32` uniforms of flat programs. */
export function float32Bits(value: number): number {
  return new Int32Array(Float32Array.of(value).buffer)[0]!;
}
