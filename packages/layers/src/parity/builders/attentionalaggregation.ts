import { AttentionalAggregation } from '../../aggr/attentional_aggregation.js';
import { defineBuilder } from '../builder.js';
import { pygOptions } from '../constructor_args.js';
import { need } from '../inputs.js';
import { networkArg } from './ginconv.js';

/** `AttentionalAggregation(gate_nn=..., nn=...)`, `forward(x, index=batch, dim_size=num_graphs)`. */
export default defineBuilder<AttentionalAggregation>({
  async build(fixture, context) {
    pygOptions(fixture, [], ['gate_nn', 'nn']);
    const nn = fixture.constructor_args['nn'] == null ? null : await networkArg(fixture, context.module, 'nn');
    return new AttentionalAggregation(await networkArg(fixture, context.module, 'gate_nn'), nn);
  },
  forward(pool, inputs) {
    return { output: pool.forward(need(inputs, 'x'), inputs.batch, inputs.numGraphs) };
  },
});
