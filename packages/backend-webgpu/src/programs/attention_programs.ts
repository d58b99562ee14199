/**
 * Segment attention (`GnnSegmentAttention`) and its backward. Keys of a
 * query are the nodes of its segment, read through the segment ids' CSR
 * (`perm`, `indptr`); no `[n, n]` score matrix is ever stored. One
 * invocation per (node, head) walks its segment in CSR order, so every sum
 * is deterministic.
 *
 * Inputs (flat): `queries` `[N, H, Dk]`, `keys` `[N, H, Dk]`, `values`
 * `[N, H, Dv]`, `ids` `[N]`, `perm`, `indptr`. Uniforms: {@link ATTENTION_UNIFORMS}.
 */
import type { FlatProgramSpec } from './flat_program.js';

/** Shared uniforms, in order (float values travel as their f32 bits). */
export const ATTENTION_UNIFORMS = [
  'numNodes',
  'heads',
  'keyDim',
  'valueDim',
  'numSegments',
  'scaleBits',
  'dropKey',
  'dropThreshold',
  'dropScaleBits',
  'dropping',
] as const;

/**
 * `score(i, j, h)`, the dropout factor of a pair (core's counter-based mask
 * at index `(i·N + j)·H + h`; u32 arithmetic wraps like `Math.imul`) and the
 * online row statistics, around `segmentOf(i)`: the CSR range of node i's
 * segment (empty when its id is out of range).
 */
function helpers(segmentOf: string): string {
  return `
  fn lowbias32(v : u32) -> u32 {
    var h = v;
    h = h ^ (h >> 16u);
    h = h * 0x7feb352du;
    h = h ^ (h >> 15u);
    h = h * 0x846ca68bu;
    return h ^ (h >> 16u);
  }
  fn pairFactor(i : i32, j : i32, h : i32) -> f32 {
    if (uniforms.dropping == 0) {
      return 1.0;
    }
    let at = (u32(i) * u32(uniforms.numNodes) + u32(j)) * u32(uniforms.heads) + u32(h);
    let draw = lowbias32(lowbias32(at) ^ bitcast<u32>(uniforms.dropKey)) >> 1u;
    return select(0.0, bitcast<f32>(uniforms.dropScaleBits), draw >= u32(uniforms.dropThreshold));
  }
  fn score(i : i32, j : i32, h : i32) -> f32 {
    let a = (i * uniforms.heads + h) * uniforms.keyDim;
    let b = (j * uniforms.heads + h) * uniforms.keyDim;
    var dot : f32 = 0.0;
    for (var c = 0; c < uniforms.keyDim; c = c + 1) {
      dot = dot + f32(queries[a + c]) * f32(keys[b + c]);
    }
    return dot * bitcast<f32>(uniforms.scaleBits);
  }
${segmentOf}
  // (max, Σ exp(score − max)) over the keys of query i, online.
  fn rowStats(i : i32, h : i32, bounds : vec2<i32>) -> vec2<f32> {
    var top : f32 = -uniforms.INFINITY;
    var total : f32 = 0.0;
    for (var p = bounds.x; p < bounds.y; p = p + 1) {
      let s = score(i, perm[p], h);
      if (s > top) {
        total = total * exp(top - s) + 1.0;
        top = s;
      } else {
        total = total + exp(s - top);
      }
    }
    return vec2<f32>(top, total);
  }
`;
}

/** `segmentOf` from the segment ids and the CSR offsets (inputs `ids`, `indptr`). */
const SEGMENT_FROM_IDS = `
  fn segmentOf(i : i32) -> vec2<i32> {
    let s = ids[i];
    if (s < 0 || s >= uniforms.numSegments) {
      return vec2<i32>(0, 0);
    }
    return vec2<i32>(indptr[s], indptr[s + 1]);
  }
`;

/**
 * `segmentOf` from per-node bounds (input `bounds`, `[N, 2]`, made by
 * {@link segmentBoundsProgram}): one buffer instead of two, as the backward
 * programs would otherwise bind 9 storage buffers and WebGPU guarantees 8.
 */
const SEGMENT_FROM_BOUNDS = `
  fn segmentOf(i : i32) -> vec2<i32> {
    return vec2<i32>(bounds[2 * i], bounds[2 * i + 1]);
  }
`;

const HELPERS = helpers(SEGMENT_FROM_IDS);

const INPUTS = ['queries', 'keys', 'values', 'ids', 'perm', 'indptr'] as const;

/** Per node, the CSR range of its segment (`[0, 0]` when its id is out of range): int32 `result[2i], result[2i + 1]`. */
export const segmentBoundsProgram: FlatProgramSpec = {
  key: 'gnnSegmentAttentionBounds',
  inputs: ['ids', 'indptr'],
  uniforms: ATTENTION_UNIFORMS,
  body: `
    let s = ids[index];
    let inRange = s >= 0 && s < uniforms.numSegments;
    result[2 * index] = select(0, indptr[select(0, s, inRange)], inRange);
    result[2 * index + 1] = select(0, indptr[select(0, s, inRange) + 1], inRange);
  `,
};

/** Forward, one invocation per (node i, head h): `result[i, h, :] = Σ_j p_ij · m_ij · values[j, h, :]`. */
export const segmentAttentionProgram: FlatProgramSpec = {
  key: 'gnnSegmentAttention',
  inputs: INPUTS,
  uniforms: ATTENTION_UNIFORMS,
  helpers: HELPERS,
  body: `
    let i = index / uniforms.heads;
    let h = index - i * uniforms.heads;
    let o = index * uniforms.valueDim;
    for (var c = 0; c < uniforms.valueDim; c = c + 1) {
      result[o + c] = 0.0;
    }
    let bounds = segmentOf(i);
    if (bounds.y > bounds.x) {
      let stats = rowStats(i, h, bounds);
      for (var p = bounds.x; p < bounds.y; p = p + 1) {
        let j = perm[p];
        let w = exp(score(i, j, h) - stats.x) / stats.y * pairFactor(i, j, h);
        if (w != 0.0) {
          let b = (j * uniforms.heads + h) * uniforms.valueDim;
          for (var c = 0; c < uniforms.valueDim; c = c + 1) {
            result[o + c] = result[o + c] + w * f32(values[b + c]);
          }
        }
      }
    }
  `,
};

/**
 * Backward, step 1: per (node i, head h), `result[i, h] = (max + log Σ exp,
 * ⟨dy_i, output_i⟩)`: the log-normaliser that gives `p_ij = exp(score −
 * lse)` and the row term of the softmax backward. Inputs: those of the
 * forward but `values`, then `dy`, `output`.
 */
export const segmentAttentionStatsProgram: FlatProgramSpec = {
  key: 'gnnSegmentAttentionStats',
  // No \`values\`: WGSL compilers drop unused bindings, and binding one would fail.
  inputs: ['queries', 'keys', 'ids', 'perm', 'indptr', 'dy', 'output'],
  uniforms: ATTENTION_UNIFORMS,
  helpers: HELPERS,
  body: `
    let i = index / uniforms.heads;
    let h = index - i * uniforms.heads;
    let bounds = segmentOf(i);
    var lse : f32 = 0.0;
    if (bounds.y > bounds.x) {
      let stats = rowStats(i, h, bounds);
      lse = stats.x + log(stats.y);
    }
    let o = index * uniforms.valueDim;
    var rowDot : f32 = 0.0;
    for (var c = 0; c < uniforms.valueDim; c = c + 1) {
      rowDot = rowDot + f32(dy[o + c]) * f32(output[o + c]);
    }
    result[2 * index] = lse;
    result[2 * index + 1] = rowDot;
  `,
};

/** `dS_ij` of the softmax backward, from the stats of query i. */
const GRAD_HELPERS = `${helpers(SEGMENT_FROM_BOUNDS)}
  fn dScore(i : i32, j : i32, h : i32) -> vec2<f32> {
    let at = i * uniforms.heads + h;
    let p = exp(score(i, j, h) - f32(stats[2 * at]));
    let m = pairFactor(i, j, h);
    let a = at * uniforms.valueDim;
    let b = (j * uniforms.heads + h) * uniforms.valueDim;
    var dA : f32 = 0.0;
    for (var c = 0; c < uniforms.valueDim; c = c + 1) {
      dA = dA + f32(dy[a + c]) * f32(values[b + c]);
    }
    // (dS_ij, A_ij = p · m)
    return vec2<f32>(p * (m * dA - f32(stats[2 * at + 1])) * bitcast<f32>(uniforms.scaleBits), p * m);
  }
`;

const GRAD_INPUTS = ['queries', 'keys', 'values', 'bounds', 'perm', 'dy', 'stats'] as const;

/**
 * Backward, step 2, one program per gradient, one invocation per (node, head):
 * `'query'`: `dQ[i] = Σ_j dS_ij · keys[j]` over the keys of i;
 * `'key'`: `dK[j] = Σ_i dS_ij · queries[i]` and `'value'`: `dV[j] = Σ_i A_ij · dy[i]`
 * over the queries that see j (its own segment: attention is symmetric in membership).
 */
export function segmentAttentionGradProgram(target: 'query' | 'key' | 'value'): FlatProgramSpec {
  const width = target === 'value' ? 'uniforms.valueDim' : 'uniforms.keyDim';
  const term =
    target === 'query'
      ? `let d = dScore(me, other, h).x;
          let b = (other * uniforms.heads + h) * uniforms.keyDim;
          for (var c = 0; c < uniforms.keyDim; c = c + 1) { result[o + c] = result[o + c] + d * f32(keys[b + c]); }`
      : target === 'key'
        ? `let d = dScore(other, me, h).x;
          let b = (other * uniforms.heads + h) * uniforms.keyDim;
          for (var c = 0; c < uniforms.keyDim; c = c + 1) { result[o + c] = result[o + c] + d * f32(queries[b + c]); }`
        : `let w = dScore(other, me, h).y;
          let b = (other * uniforms.heads + h) * uniforms.valueDim;
          for (var c = 0; c < uniforms.valueDim; c = c + 1) { result[o + c] = result[o + c] + w * f32(dy[b + c]); }`;
  return {
    key: `gnnSegmentAttentionGrad_${target}`,
    inputs: GRAD_INPUTS,
    uniforms: ATTENTION_UNIFORMS,
    helpers: GRAD_HELPERS,
    body: `
      let me = index / uniforms.heads;
      let h = index - me * uniforms.heads;
      let o = index * ${width};
      for (var c = 0; c < ${width}; c = c + 1) {
        result[o + c] = 0.0;
      }
      let bounds = segmentOf(me);
      for (var p = bounds.x; p < bounds.y; p = p + 1) {
        let other = perm[p];
        ${term}
      }
    `,
  };
}
