import { GPSConv, type GPSConvOptions, type GPSLocalConv } from '../../conv/gps_conv.js';
import { defineBuilder } from '../builder.js';
import { intArg, pygOptions } from '../constructor_args.js';
import { FixtureError } from '../fixture.js';
import { need } from '../inputs.js';

/** `GPSConv(channels, conv={layer...} | None, heads=..., dropout=..., norm=..., attn_type=...)`, `forward(x, edge_index, batch)`. */
export default defineBuilder<GPSConv>({
  async build(fixture, context) {
    const options = pygOptions(fixture, ['heads', 'dropout', 'act', 'norm', 'attn_type'], ['channels', 'conv']);
    const description = fixture.constructor_args['conv'];
    const conv = description == null ? null : ((await context.module(description, 'conv')) as GPSLocalConv);
    if (conv !== null && typeof conv.forward !== 'function') throw new FixtureError('GPSConv: conv has no forward');
    // PyG's norm=None means no normalisation (its default is 'batch_norm').
    if (fixture.constructor_args['norm'] === null) options['norm'] = null;
    return new GPSConv(intArg(fixture, 'channels'), conv, options as GPSConvOptions);
  },
  forward(gps, inputs) {
    const batch = need(inputs, 'batch');
    return { output: gps.forward(need(inputs, 'x'), need(inputs, 'edgeIndex'), { batch, numGraphs: need(inputs, 'numGraphs') }) };
  },
});
