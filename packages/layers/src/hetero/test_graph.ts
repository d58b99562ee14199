/** A small heterogeneous graph for the hetero tests: accounts pay merchants and use devices, accounts follow accounts. */
import * as tf from '@tensorflow/tfjs-core';
import { HeteroGraph } from '@gnnjs/core';

export const WIDTHS = { account: 5, merchant: 4, device: 3 } as const;

/** Accounts 0..5 (5 has no edges), merchants 0..3 (3 has none), devices 0..2; one duplicate payment. */
export function paymentsGraph(seed = 1): HeteroGraph {
  const x = (n: number, f: number, s: number) => tf.randomNormal([n, f], 0, 1, 'float32', seed * 10 + s) as tf.Tensor2D;
  const pays = [[0, 1, 2, 3, 3, 4, 0, 1], [0, 0, 1, 2, 2, 1, 2, 2]];
  const uses = [[0, 1, 2, 3, 4], [0, 0, 1, 2, 2]];
  return new HeteroGraph({
    nodes: { account: { x: x(6, 5, 1) }, merchant: { x: x(4, 4, 2) }, device: { x: x(3, 3, 3) } },
    edges: [
      { type: ['account', 'pays', 'merchant'], edgeIndex: pays },
      { type: ['account', 'uses', 'device'], edgeIndex: uses },
      { type: ['merchant', 'rev_pays', 'account'], edgeIndex: [pays[1]!, pays[0]!] },
      { type: ['device', 'rev_uses', 'account'], edgeIndex: [uses[1]!, uses[0]!] },
      { type: ['account', 'follows', 'account'], edgeIndex: [[0, 1, 2, 4], [1, 2, 0, 0]] },
    ],
  });
}
