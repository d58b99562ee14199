import { TransformerConv, type TransformerConvOptions } from '../../conv/transformer_conv.js';
import { defineBuilder } from '../builder.js';
import { inChannelsArg, intArg, pygOptions } from '../constructor_args.js';
import { need } from '../inputs.js';

/** `TransformerConv(in, out, heads=..., concat=..., beta=..., dropout=..., edge_dim=..., bias=..., root_weight=...)` with attention. */
export default defineBuilder<TransformerConv>({
  build(fixture) {
    const options = pygOptions(fixture, ['heads', 'concat', 'beta', 'dropout', 'edge_dim', 'bias', 'root_weight'], ['in_channels', 'out_channels']);
    return new TransformerConv(inChannelsArg(fixture), intArg(fixture, 'out_channels'), options as TransformerConvOptions);
  },
  forward(conv, inputs) {
    const edgeAttr = inputs.edgeAttr;
    const { output, attention } = conv.forward(need(inputs, 'x'), need(inputs, 'edgeIndex'), {
      returnAttentionWeights: true,
      ...(edgeAttr === undefined ? {} : { edgeAttr }),
    });
    return { output, attention };
  },
});
