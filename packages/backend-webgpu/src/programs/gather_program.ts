import type { FlatProgramSpec } from './flat_program.js';

/** `result[r, c] = x[indices[r], c]`, 0 for an index outside `[0, numRows)`. */
export const GATHER_ROWS: FlatProgramSpec = {
  key: 'gnnGatherRows',
  inputs: ['x', 'indices'],
  uniforms: ['rowSize', 'numRows'],
  body: `
    let row = index / uniforms.rowSize;
    let col = index - row * uniforms.rowSize;
    let src = indices[row];
    if (src >= 0 && src < uniforms.numRows) {
      result[index] = f32(x[src * uniforms.rowSize + col]);
    } else {
      result[index] = 0.0;
    }
  `,
};
