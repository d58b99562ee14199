export { gatherRows } from './gather_rows.js';
export {
  segmentSum,
  segmentMean,
  segmentMax,
  segmentMin,
  segmentAggregate,
  type SegmentReduction,
} from './segment_reduce.js';
export { segmentSoftmax, edgeSoftmax } from './segment_softmax.js';
export { spmm } from './spmm.js';
export { sddmm } from './sddmm.js';
export { additiveAttention } from './additive_attention.js';
export { seededDropout } from './dropout.js';
export { dropoutMatMul } from './dropout_matmul.js';
export { segmentAttention, type SegmentAttentionOptions } from './segment_attention.js';
export { assertEdgeIndex } from './validate.js';
export { attentionProjection } from './attention_projection.js';
export {
  gatAttention,
  softmaxAggregate,
  type AttentionAggregateOptions,
  type GatAttentionOptions,
} from './attention_aggregate.js';
