import { GATv2Conv, type GATv2ConvOptions } from '../../conv/gatv2_conv.js';
import { defineBuilder } from '../builder.js';
import { inChannelsArg, intArg, pygOptions } from '../constructor_args.js';
import { GAT_OPTIONS, attentionForward } from './gatconv.js';

/** `GATv2Conv(in, out, ...)` with attention. */
export default defineBuilder<GATv2Conv>({
  build(fixture) {
    const options = pygOptions(fixture, [...GAT_OPTIONS, 'share_weights'], ['in_channels', 'out_channels']);
    return new GATv2Conv(inChannelsArg(fixture), intArg(fixture, 'out_channels'), options as GATv2ConvOptions);
  },
  forward: attentionForward,
});
