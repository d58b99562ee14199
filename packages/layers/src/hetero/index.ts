/**
 * Heterogeneous layers (several node and edge types): `HeteroConv`,
 * `toHetero` of a `GraphSequential`, `HGTConv`, `HeteroDictLinear`,
 * `HeteroLinear`, attention per relation and its helpers.
 */
export { HeteroConv, type HeteroConvOptions } from './hetero_conv.js';
export { HGTConv, gelu, type HGTConvOptions, type HGTForwardOptions } from './hgt_conv.js';
export { HeteroDictLinear, type HeteroDictLinearOptions } from './hetero_dict_linear.js';
export { HeteroLinear, type HeteroLinearOptions } from './hetero_linear.js';
export {
  GraphSequential,
  type GraphSequentialForwardOptions,
  type GraphSequentialOutputWithAttention,
  type GraphStep,
  type StepModule,
} from './graph_sequential.js';
export { toHetero, ToHeteroModule, key2str, type ToHeteroOptions, type ToHeteroOutputWithAttention } from './to_hetero.js';
export { heteroNodeAttention, type HeteroNodeAttentionOptions, type RelationNeighbourAttention } from './hetero_attention.js';
export { ModuleDict } from './module_dict.js';
export { ParameterDict } from './parameter_dict.js';
export { moduleDictKey } from './keys.js';
export { materializeFromStateDict } from './materialize.js';
export { isAttentionLayer, type AttentionLayer, type RelationLayer } from './relation_layers.js';
export type { HeteroAggregation, RelationAggregation, ToHeteroAggregation } from './group.js';
export type {
  EdgeIndexDict,
  HeteroAttention,
  HeteroForwardOptions,
  HeteroMetadata,
  HeteroOutputWithAttention,
  OutputDict,
  WidthDict,
  XDict,
} from './types.js';
