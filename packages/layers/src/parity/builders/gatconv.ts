import { GATConv, type GATConvOptions } from '../../conv/gat_conv.js';
import type { GATv2Conv } from '../../conv/gatv2_conv.js';
import { defineBuilder, type BuilderOutput } from '../builder.js';
import { inChannelsArg, intArg, pygOptions } from '../constructor_args.js';
import { need, type FixtureInputs } from '../inputs.js';

/** GATConv's keyword arguments (GATv2Conv adds `share_weights`). */
export const GAT_OPTIONS = ['heads', 'concat', 'negative_slope', 'dropout', 'add_self_loops', 'edge_dim', 'fill_value', 'bias', 'residual'] as const;

/** `forward(x, edge_index, edge_attr?, return_attention_weights=True)` of GATConv and GATv2Conv. */
export function attentionForward(conv: GATConv | GATv2Conv, inputs: FixtureInputs): BuilderOutput {
  const edgeAttr = inputs.edgeAttr;
  const { output, attention } = conv.forward(need(inputs, 'x'), need(inputs, 'edgeIndex'), {
    returnAttentionWeights: true,
    ...(edgeAttr === undefined ? {} : { edgeAttr }),
  });
  return { output, attention };
}

/** `GATConv(in, out, ...)` with attention. */
export default defineBuilder<GATConv>({
  build(fixture) {
    const options = pygOptions(fixture, GAT_OPTIONS, ['in_channels', 'out_channels']);
    return new GATConv(inChannelsArg(fixture), intArg(fixture, 'out_channels'), options as GATConvOptions);
  },
  forward: attentionForward,
});
