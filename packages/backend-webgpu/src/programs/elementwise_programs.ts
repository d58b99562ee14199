/**
 * Programs with one invocation per element of their output and no graph.
 */
import type { FlatProgramSpec } from './flat_program.js';

/**
 * Dropout with core's counter-based mask (kernels/dropout_mask.ts):
 * `result[i] = x[i] · mask[i]`, `mask[i]` = `scale` when
 * `hash32(hash32(i) ^ key) >> 1 ≥ threshold`, else 0. WGSL's `u32`
 * multiplication wraps like `Math.imul`, so the mask is the host's bit for bit.
 * Uniforms: `key` (the u32 key's bits), `threshold`, `scaleBits` (f32 bits).
 */
export const dropoutProgram: FlatProgramSpec = {
  key: 'gnnDropout',
  inputs: ['x'],
  uniforms: ['key', 'threshold', 'scaleBits'],
  helpers: `
    fn lowbias32(v : u32) -> u32 {
      var h = v;
      h = h ^ (h >> 16u);
      h = h * 0x7feb352du;
      h = h ^ (h >> 15u);
      h = h * 0x846ca68bu;
      return h ^ (h >> 16u);
    }
  `,
  body: `
    let draw = lowbias32(lowbias32(u32(index)) ^ bitcast<u32>(uniforms.key)) >> 1u;
    let keep = draw >= u32(uniforms.threshold);
    result[index] = f32(x[index]) * select(0.0, bitcast<f32>(uniforms.scaleBits), keep);
  `,
};
