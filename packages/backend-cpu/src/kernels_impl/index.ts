/**
 * Pure typed-array implementations of the GNN kernels, free of any tfjs
 * backend at runtime, shared by `@gnnjs/backend-cpu` and `@gnnjs/backend-wasm`
 * (imported as `@gnnjs/backend-cpu/kernels-impl`). Each writes into an output
 * array the caller allocated, so the wasm backend can compute directly on its
 * heap; the kernels both packages register whole (`UnsortedSegmentSum`, the
 * typed-array `BatchMatMul`) take the backend's {@link HostMemory}.
 *
 * @example
 * ```ts
 * import { segmentSumImpl } from '@gnnjs/backend-cpu/kernels-impl';
 * const out = new Float32Array(numSegments * rowSize);
 * segmentSumImpl(data, segmentIds, numSegments, rowSize, out);
 * ```
 */
export { gatherRowsImpl } from './gather_rows_impl.js';
export {
  divideByCounts,
  segmentCounts,
  segmentMaxImpl,
  segmentMeanImpl,
  segmentMinImpl,
  segmentSumImpl,
} from './segment_reduce_impl.js';
export { segmentSoftmaxGradImpl, segmentSoftmaxImpl } from './segment_softmax_impl.js';
export { dropoutImpl, sparseDropoutImpl } from './dropout_impl.js';
export { spmmImpl, type SpMMDims } from './spmm_impl.js';
export { sddmmImpl, type SDDMMDims } from './sddmm_impl.js';
export {
  additiveAttentionGradImpl,
  additiveAttentionImpl,
  additiveAttentionLayout,
  type AdditiveAttentionDims,
} from './additive_attention_impl.js';
export {
  segmentAttentionDims,
  segmentAttentionGradImpl,
  segmentAttentionImpl,
  segmentGroups,
  type SegmentAttentionDims,
  type SegmentGroups,
} from './segment_attention_impl.js';
export {
  gatherRowsLayout,
  segmentLayout,
  sddmmLayout,
  spmmLayout,
  unsortedSegmentSumLayout,
  type RowLayout,
} from './shapes.js';
export { sizeOf, type NumericArray, type SegmentReduceImpl, type Supplied } from './types.js';
export { plainMatMulDims, sparseMatMulImpl, type MatMulDims, type MatMulFlags, type MatrixOperand } from './sparse_matmul_impl.js';
export { denseMatMulImpl } from './dense_matmul_impl.js';
export { cachedCsr, rememberCsr, toCsr, type CsrMatrix } from './csr_cache.js';
export { broadcastBinaryImpl, broadcastShape, type BinaryOp } from './broadcast_binary_impl.js';
export { contiguousReduceLayout, sumImpl } from './sum_impl.js';
export { reverseFirstAxisImpl, reversesFirstAxisOnly } from './reverse_impl.js';
export { withFallback, stockKernelsOf, type StockKernels } from './with_fallback.js';
export type { HostMemory } from './host_memory.js';
export { hostMatMul, makePlainMatMulConfig, type BatchMatMulArgs } from './batch_matmul_kernel.js';
export { makeUnsortedSegmentSumConfig } from './unsorted_segment_sum_kernel.js';
export {
  attentionAggregateDims,
  attentionAggregateGradImpl,
  attentionAggregateImpl,
  type AggregateDropout,
  type AttentionAggregateDims,
  type LogitGradient,
  type LogitSource,
} from './attention_aggregate_impl.js';
export { attentionProjectionGradImpl, attentionProjectionImpl } from './attention_projection_impl.js';
export { cachedTargetOrder, targetOrder, targetOrderBuilds, type TargetOrder } from './target_order.js';
export { csrLeftMatMul, csrRightMatMul, MIN_ZERO_SKIPPING_WORK } from './sparse_matmul_impl.js';
export {
  SPARSE_DROPOUT_DENSITY,
  droppedCsr,
  droppedDense,
  dropoutMatMulDims,
  registeredMatMul,
  transposeImpl,
} from './dropout_matmul_impl.js';
export { adamStepImpl, type AdamStepArrays } from './adam_step_impl.js';
