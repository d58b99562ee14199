/**
 * Registers one gradient per GNN kernel with tfjs's global registry. The
 * gradients are written with the GNN ops, so a backend's fast kernels run the
 * backward pass as well as the forward one.
 */
import { registerGradient, type GradConfig } from '@tensorflow/tfjs-core';
import { additiveAttentionGradConfig } from './AdditiveAttention_grad.js';
import { attentionProjectionGradConfig } from './AttentionProjection_grad.js';
import { dropoutGradConfig } from './Dropout_grad.js';
import { dropoutMatMulGradConfig } from './DropoutMatMul_grad.js';
import { gatAttentionGradConfig } from './GatAttention_grad.js';
import { gatherRowsGradConfig } from './GatherRows_grad.js';
import { sddmmGradConfig } from './SDDMM_grad.js';
import { segmentAttentionGradConfig } from './SegmentAttention_grad.js';
import { segmentMaxGradConfig } from './SegmentMax_grad.js';
import { segmentMeanGradConfig } from './SegmentMean_grad.js';
import { segmentMinGradConfig } from './SegmentMin_grad.js';
import { segmentSoftmaxGradConfig } from './SegmentSoftmax_grad.js';
import { segmentSumGradConfig } from './SegmentSum_grad.js';
import { softmaxAggregateGradConfig } from './SoftmaxAggregate_grad.js';
import { spmmGradConfig } from './SpMM_grad.js';

const gnnGradConfigs: readonly GradConfig[] = [
  gatherRowsGradConfig,
  segmentSumGradConfig,
  segmentMeanGradConfig,
  segmentMaxGradConfig,
  segmentMinGradConfig,
  segmentSoftmaxGradConfig,
  spmmGradConfig,
  sddmmGradConfig,
  additiveAttentionGradConfig,
  dropoutGradConfig,
  segmentAttentionGradConfig,
  attentionProjectionGradConfig,
  softmaxAggregateGradConfig,
  gatAttentionGradConfig,
  dropoutMatMulGradConfig,
];

for (const config of gnnGradConfigs) registerGradient(config);
