import type { EdgeType } from '@gnnjs/core';
import { HGTConv } from '../../hetero/hgt_conv.js';
import { defineBuilder } from '../builder.js';
import { intArg, pygOptions } from '../constructor_args.js';
import { FixtureError } from '../fixture.js';
import { need } from '../inputs.js';
import { heteroWidths } from './heteroconv.js';

/** `HGTConv(in_channels, out_channels, metadata, heads)`. */
export default defineBuilder<HGTConv>({
  build(fixture) {
    const { heads } = pygOptions(fixture, ['heads'], ['in_channels', 'out_channels', 'metadata']);
    const inChannels = fixture.constructor_args['in_channels'];
    const metadata = fixture.constructor_args['metadata'];
    if (typeof inChannels !== 'number' && (typeof inChannels !== 'object' || inChannels === null)) {
      throw new FixtureError("HGTConv: 'in_channels' must be a width, -1 or a width per node type");
    }
    if (!Array.isArray(metadata) || metadata.length !== 2) throw new FixtureError("HGTConv: 'metadata' must be [node_types, edge_types]");
    const conv = new HGTConv(
      inChannels as number | Record<string, number>,
      intArg(fixture, 'out_channels'),
      [metadata[0] as string[], metadata[1] as EdgeType[]],
      heads === undefined ? {} : { heads: heads as number },
    );
    return conv.materialize(heteroWidths(fixture));
  },
  forward(conv, inputs) {
    return { output: conv.forward(need(inputs, 'xDict'), need(inputs, 'edgeIndexDict')) };
  },
});
