import { GraphConv, type GraphConvOptions } from '../../conv/graph_conv.js';
import { defineBuilder } from '../builder.js';
import { inChannelsArg, intArg, pygOptions } from '../constructor_args.js';
import { need } from '../inputs.js';

/** `GraphConv(in, out, aggr=..., bias=...)`, `forward(x, edge_index, edge_weight?)`. */
export default defineBuilder<GraphConv>({
  build(fixture) {
    const options = pygOptions(fixture, ['aggr', 'bias'], ['in_channels', 'out_channels']);
    return new GraphConv(inChannelsArg(fixture), intArg(fixture, 'out_channels'), options as GraphConvOptions);
  },
  forward(conv, inputs) {
    return { output: conv.forward(need(inputs, 'x'), need(inputs, 'edgeIndex'), inputs.edgeWeight) };
  },
});
