import { gcnNorm } from '@gnnjs/core';
import { GCNConv, type GCNConvOptions } from '../../conv/gcn_conv.js';
import { defineBuilder } from '../builder.js';
import { intArg, pygOptions } from '../constructor_args.js';
import { need } from '../inputs.js';
import { maxAbsError } from '../result.js';
import * as tf from '@tensorflow/tfjs-core';

/** `GCNConv(in, out, ...)`, `forward(x, edge_index)`; also compares the normalised edges (`gcn_norm`). */
export default defineBuilder<GCNConv>({
  build(fixture) {
    const options = pygOptions(fixture, ['improved', 'cached', 'add_self_loops', 'normalize', 'bias'], ['in_channels', 'out_channels']);
    return new GCNConv(intArg(fixture, 'in_channels'), intArg(fixture, 'out_channels'), options as GCNConvOptions);
  },
  forward(conv, inputs) {
    return { output: conv.forward(need(inputs, 'x'), need(inputs, 'edgeIndex')) };
  },
  async extraErrors(conv, inputs) {
    const expected = inputs.fixture.gcn_norm;
    if (expected === undefined) return {};
    const { improved, addSelfLoops } = conv;
    const numNodes = need(inputs, 'x').shape[0];
    const ours = tf.tidy(() => gcnNorm(need(inputs, 'edgeIndex'), { numNodes, improved, addSelfLoops }));
    try {
      const sameEdges = (await maxAbsError(ours.edgeIndex, expected.edge_index)) === 0;
      return { gcnNorm: sameEdges ? await maxAbsError(ours.edgeWeight, expected.edge_weight) : Infinity };
    } finally {
      tf.dispose([ours.edgeIndex, ours.edgeWeight]);
    }
  },
});
