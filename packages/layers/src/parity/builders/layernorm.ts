import { LayerNorm, type LayerNormOptions } from '../../norm/layer_norm.js';
import { defineBuilder } from '../builder.js';
import { intArg, pygOptions } from '../constructor_args.js';
import { need } from '../inputs.js';

/** PyG's `LayerNorm(in_channels, eps=..., affine=..., mode=...)`, `forward(x, batch?, batch_size?)`. */
export default defineBuilder<LayerNorm>({
  build(fixture) {
    const options = pygOptions(fixture, ['eps', 'affine', 'mode'], ['in_channels']);
    return new LayerNorm(intArg(fixture, 'in_channels'), options as LayerNormOptions);
  },
  forward(norm, inputs) {
    return { output: norm.forward(need(inputs, 'x'), inputs.batch, inputs.numGraphs) };
  },
});
