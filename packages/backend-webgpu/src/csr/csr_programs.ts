/**
 * WGSL that turns an unsorted list of edge keys (segment ids or target nodes)
 * into CSR form on the GPU, deterministically and without atomics:
 * a bitonic sort of edge ids by (key, edge id), then one binary search per
 * segment for its start offset. Keys are read as `keys[keyOffset + e]`, so the
 * target row of an `edgeIndex` `[2, E]` is used in place.
 */
import type { FlatProgramSpec } from '../programs/flat_program.js';

/** Sort key of position `p` of the padded permutation: edges past `numEdges` sort last. */
const SORT_KEY = `
  fn sortKey(edge : i32) -> i32 {
    if (edge < uniforms.numEdges) {
      return keys[uniforms.keyOffset + edge];
    }
    return 2147483647;
  }
`;

/**
 * One compare-exchange stage of a bitonic sort over a power-of-two-long
 * permutation (`k`: size of the sequences being merged, `j`: partner
 * distance). Edge ids are unique, so (key, id) is a strict total order and
 * the result does not depend on scheduling.
 */
export const BITONIC_STAGE: FlatProgramSpec = {
  key: 'gnnCsrBitonicStage',
  inputs: ['perm', 'keys'],
  uniforms: ['numEdges', 'keyOffset', 'j', 'k'],
  helpers: `${SORT_KEY}
    fn sortsBefore(a : i32, b : i32) -> bool {
      let ka = sortKey(a);
      let kb = sortKey(b);
      return ka < kb || (ka == kb && a < b);
    }
  `,
  body: `
    let partner = index ^ uniforms.j;
    let mine = perm[index];
    let theirs = perm[partner];
    let ascending = (index & uniforms.k) == 0;
    let keepsSmaller = (index < partner) == ascending;
    let mineFirst = sortsBefore(mine, theirs);
    result[index] = select(theirs, mine, mineFirst == keepsSmaller);
  `,
};

/** `indptr[s]`: first position of the sorted permutation whose key is >= s. */
export const SEGMENT_OFFSETS: FlatProgramSpec = {
  key: 'gnnCsrSegmentOffsets',
  inputs: ['perm', 'keys'],
  uniforms: ['numEdges', 'keyOffset'],
  body: `
    var lo = 0;
    var hi = uniforms.numEdges;
    loop {
      if (lo >= hi) { break; }
      let mid = (lo + hi) / 2;
      if (keys[uniforms.keyOffset + perm[mid]] < index) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    result[index] = lo;
  `,
};
