import { SAGEConv, type SAGEConvOptions } from '../../conv/sage_conv.js';
import { defineBuilder } from '../builder.js';
import { inChannelsArg, intArg, pygOptions } from '../constructor_args.js';
import { need } from '../inputs.js';

/** `SAGEConv(in, out, aggr=..., normalize=..., root_weight=..., project=..., bias=...)`. */
export default defineBuilder<SAGEConv>({
  build(fixture) {
    const options = pygOptions(fixture, ['aggr', 'normalize', 'root_weight', 'project', 'bias'], ['in_channels', 'out_channels']);
    return new SAGEConv(inChannelsArg(fixture), intArg(fixture, 'out_channels'), options as SAGEConvOptions);
  },
  forward(conv, inputs) {
    return { output: conv.forward(need(inputs, 'x'), need(inputs, 'edgeIndex')) };
  },
});
