import { HeteroConv } from '../../hetero/hetero_conv.js';
import type { HeteroAggregation } from '../../hetero/group.js';
import type { RelationLayer } from '../../hetero/relation_layers.js';
import { defineBuilder } from '../builder.js';
import { pygOptions } from '../constructor_args.js';
import { FixtureError, type PygFixture } from '../fixture.js';
import { need } from '../inputs.js';

/** The input width of each node type of a heterogeneous fixture (`x_dict`), to build lazy layers before loading `params`. */
export function heteroWidths(fixture: PygFixture): Record<string, number> {
  if (fixture.x_dict === undefined) throw new FixtureError(`${fixture.layer} needs 'x_dict' in the fixture`);
  return Object.fromEntries(Object.entries(fixture.x_dict).map(([type, x]) => [type, x.shape[1]!]));
}

/** `HeteroConv({edge_type: conv}, aggr)`, each conv a nested layer description; attention per relation. */
export default defineBuilder<HeteroConv>({
  async build(fixture, context) {
    const { aggr } = pygOptions(fixture, ['aggr'], ['convs']);
    const described = fixture.constructor_args['convs'];
    if (typeof described !== 'object' || described === null) throw new FixtureError("HeteroConv: 'convs' must map edge types to layers");
    const convs: Record<string, RelationLayer> = {};
    for (const [key, d] of Object.entries(described)) convs[key] = (await context.module(d, `convs.${key}`)) as RelationLayer;
    return new HeteroConv(convs, aggr === undefined ? {} : { aggr: aggr as HeteroAggregation }).materialize(heteroWidths(fixture));
  },
  forward(conv, inputs) {
    return conv.forward(need(inputs, 'xDict'), need(inputs, 'edgeIndexDict'), { returnAttentionWeights: true });
  },
});
