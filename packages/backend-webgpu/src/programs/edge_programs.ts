/**
 * Programs over an `edgeIndex` `[2, E]` bound flat as `edges`: the source of
 * edge `e` is `edges[e]`, its target `edges[numEdges + e]`.
 */
import type { SDDMMOp } from '@gnnjs/core';
import type { FlatProgramSpec } from './flat_program.js';

/**
 * Sparse × dense product over target-sorted edges, weights consumed in place:
 * `result[i, c] = Σ_{p in segment i} w[e, c / repeat] * x[edges[e], c]` with
 * `e = perm[p]`. One invocation per output element; edge order is fixed, so
 * sums are deterministic. Uniforms: `rowSize` (features per node), `weightSize`
 * (weights per edge), `repeat` (= rowSize / weightSize).
 */
export function spmmProgram(weighted: boolean): FlatProgramSpec {
  return {
    key: weighted ? 'gnnSpMM_weighted' : 'gnnSpMM',
    inputs: weighted ? ['edges', 'x', 'perm', 'indptr', 'w'] : ['edges', 'x', 'perm', 'indptr'],
    uniforms: ['rowSize', 'weightSize', 'repeat'],
    body: `
      let node = index / uniforms.rowSize;
      let col = index - node * uniforms.rowSize;
      let weightCol = col / uniforms.repeat;
      let start = indptr[node];
      let end = indptr[node + 1];
      var acc : f32 = 0.0;
      for (var p = start; p < end; p = p + 1) {
        let e = perm[p];
        let v = f32(x[edges[e] * uniforms.rowSize + col]);
        acc = acc + ${weighted ? 'f32(w[e * uniforms.weightSize + weightCol]) * v' : 'v'};
      }
      result[index] = acc;
    `,
  };
}

/**
 * Per-edge binary op of source and target rows. For `'add'`/`'mul'` one
 * invocation per output element; for `'dot'` one per (edge, leading feature
 * position), summing `depth` products in order. Uniforms: `numEdges`,
 * `rowSize` (features per node), `depth` (length of the reduced axis, 1 for add/mul).
 */
export function sddmmProgram(op: SDDMMOp): FlatProgramSpec {
  const perElement = op === 'add' ? 'f32(lhs[a]) + f32(rhs[b])' : 'f32(lhs[a]) * f32(rhs[b])';
  const body =
    op === 'dot'
      ? `
      let outPerEdge = uniforms.rowSize / uniforms.depth;
      let e = index / outPerEdge;
      let g = index - e * outPerEdge;
      let a0 = edges[e] * uniforms.rowSize + g * uniforms.depth;
      let b0 = edges[uniforms.numEdges + e] * uniforms.rowSize + g * uniforms.depth;
      var acc : f32 = 0.0;
      for (var c = 0; c < uniforms.depth; c = c + 1) {
        acc = acc + f32(lhs[a0 + c]) * f32(rhs[b0 + c]);
      }
      result[index] = acc;
    `
      : `
      let e = index / uniforms.rowSize;
      let col = index - e * uniforms.rowSize;
      let a = edges[e] * uniforms.rowSize + col;
      let b = edges[uniforms.numEdges + e] * uniforms.rowSize + col;
      result[index] = ${perElement};
    `;
  return { key: `gnnSDDMM_${op}`, inputs: ['edges', 'lhs', 'rhs'], uniforms: ['numEdges', 'rowSize', 'depth'], body };
}

/**
 * Additive (GATv2) attention logits, one invocation per (edge, head):
 * `result[e, h] = Σ_c att[h, c] · LeakyReLU(lhs[src_e, h, c] + rhs[dst_e, h, c])`,
 * summed in channel order; 0 for an edge out of range. Uniforms: `numEdges`,
 * `heads`, `channels`, `numSrc`, `numDst`, `slopeBits` (the f32 negative slope's bits).
 */
export const additiveAttentionProgram: FlatProgramSpec = {
  key: 'gnnAdditiveAttention',
  inputs: ['edges', 'lhs', 'rhs', 'att'],
  uniforms: ['numEdges', 'heads', 'channels', 'numSrc', 'numDst', 'slopeBits'],
  body: `
    let e = index / uniforms.heads;
    let h = index - e * uniforms.heads;
    let j = edges[e];
    let i = edges[uniforms.numEdges + e];
    var acc : f32 = 0.0;
    if (j >= 0 && j < uniforms.numSrc && i >= 0 && i < uniforms.numDst) {
      let slope = bitcast<f32>(uniforms.slopeBits);
      let rowSize = uniforms.heads * uniforms.channels;
      let a0 = j * rowSize + h * uniforms.channels;
      let b0 = i * rowSize + h * uniforms.channels;
      let c0 = h * uniforms.channels;
      for (var c = 0; c < uniforms.channels; c = c + 1) {
        let z = f32(lhs[a0 + c]) + f32(rhs[b0 + c]);
        acc = acc + f32(att[c0 + c]) * select(z * slope, z, z > 0.0);
      }
    }
    result[index] = acc;
  `,
};
