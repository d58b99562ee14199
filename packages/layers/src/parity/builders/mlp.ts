import { MLP, type MLPOptions } from '../../models/mlp.js';
import { defineBuilder } from '../builder.js';
import { pygOptions } from '../constructor_args.js';
import { FixtureError } from '../fixture.js';
import { need } from '../inputs.js';

/** PyG's `MLP(channel_list, dropout=..., act=..., act_first=..., norm=..., plain_last=..., bias=...)`, `forward(x, batch?, batch_size?)`. */
export default defineBuilder<MLP>({
  build(fixture) {
    const options = pygOptions(fixture, ['dropout', 'act', 'act_first', 'norm', 'plain_last', 'bias'], ['channel_list']);
    // PyG's norm=None and act=None mean "none", not "the default".
    for (const key of ['norm', 'act'] as const) if (fixture.constructor_args[key] === null) options[key] = null;
    const channels = fixture.constructor_args['channel_list'];
    if (!Array.isArray(channels)) throw new FixtureError(`MLP: 'channel_list' must be a list of widths, got ${JSON.stringify(channels)}`);
    return new MLP(channels as number[], options as MLPOptions);
  },
  forward(mlp, inputs) {
    return { output: mlp.forward(need(inputs, 'x'), inputs.batch, inputs.numGraphs) };
  },
});
