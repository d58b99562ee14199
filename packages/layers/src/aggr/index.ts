/**
 * Readouts from node features to one row per graph, PyG's
 * `torch_geometric.nn.aggr` and `global_*_pool`, gathered in one place:
 * `AttentionalAggregation` and core's `globalAddPool`, `globalMeanPool`,
 * `globalMaxPool`. `@gnnjs/layers` exports them as the namespace `aggr`
 * (`aggr.globalMeanPool(h, batch, numGraphs)`) and, for convenience,
 * `AttentionalAggregation` by name too.
 */
export { AttentionalAggregation } from './attentional_aggregation.js';
export { globalAddPool, globalMaxPool, globalMeanPool } from '@gnnjs/core';
