import { GINEConv, type GINEConvOptions } from '../../conv/gine_conv.js';
import { defineBuilder } from '../builder.js';
import { pygOptions } from '../constructor_args.js';
import { need } from '../inputs.js';
import { networkArg } from './ginconv.js';

/** `GINEConv(nn=..., eps=..., train_eps=..., edge_dim=...)`, `forward(x, edge_index, edge_attr)`. */
export default defineBuilder<GINEConv>({
  async build(fixture, context) {
    const options = pygOptions(fixture, ['eps', 'train_eps', 'edge_dim'], ['nn']);
    return new GINEConv(await networkArg(fixture, context.module), options as GINEConvOptions);
  },
  forward(conv, inputs) {
    return { output: conv.forward(need(inputs, 'x'), need(inputs, 'edgeIndex'), need(inputs, 'edgeAttr')) };
  },
});
