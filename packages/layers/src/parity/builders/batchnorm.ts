import { BatchNorm, type BatchNormOptions } from '../../norm/batch_norm.js';
import { defineBuilder } from '../builder.js';
import { intArg, pygOptions } from '../constructor_args.js';
import { need } from '../inputs.js';

/** PyG's `BatchNorm(in_channels, eps=..., momentum=..., affine=..., track_running_stats=..., allow_single_element=...)`. */
export default defineBuilder<BatchNorm>({
  build(fixture) {
    const options = pygOptions(fixture, ['eps', 'momentum', 'affine', 'track_running_stats', 'allow_single_element'], ['in_channels']);
    // PyG's momentum=None (cumulative average) is null here, not "the default".
    if (fixture.constructor_args['momentum'] === null) options['momentum'] = null;
    return new BatchNorm(intArg(fixture, 'in_channels'), options as BatchNormOptions);
  },
  forward(norm, inputs) {
    return { output: norm.forward(need(inputs, 'x')) };
  },
});
