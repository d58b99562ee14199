/**
 * Declares the composite default of every GNN kernel. Nothing is registered
 * with tfjs here: `ensureKernel` registers a composite lazily, per backend,
 * the first time an op runs on a backend without a kernel of its own.
 */
import { defineCompositeKernel } from '../composite_kernels.js';
import {
  AdditiveAttention,
  AdditiveAttentionGrad,
  AttentionProjection,
  AttentionProjectionGrad,
  Dropout,
  GatAttention,
  GatAttentionGrad,
  GatherRows,
  SDDMM,
  SegmentAttention,
  SegmentAttentionGrad,
  SegmentMax,
  SegmentMean,
  SegmentMin,
  SegmentSoftmax,
  SegmentSoftmaxGrad,
  SegmentSum,
  SoftmaxAggregate,
  SoftmaxAggregateGrad,
  SpMM,
} from '../kernel_names.js';
import { additiveAttentionComposite } from './AdditiveAttention.js';
import { additiveAttentionGradComposite } from './AdditiveAttentionGrad.js';
import {
  gatAttentionComposite,
  gatAttentionGradComposite,
  softmaxAggregateComposite,
  softmaxAggregateGradComposite,
} from './attention_aggregate.js';
import { attentionProjectionComposite, attentionProjectionGradComposite } from './AttentionProjection.js';
import { dropoutComposite } from './Dropout.js';
import { dropoutMatMulComposite, dropoutMatMulGradComposite } from './DropoutMatMul.js';
import { DropoutMatMul, DropoutMatMulGrad } from '../dropout_matmul_kernel.js';
import { gatherRowsComposite } from './GatherRows.js';
import { sddmmComposite } from './SDDMM.js';
import { segmentAttentionComposite } from './SegmentAttention.js';
import { segmentAttentionGradComposite } from './SegmentAttentionGrad.js';
import { segmentMaxComposite } from './SegmentMax.js';
import { segmentMeanComposite } from './SegmentMean.js';
import { segmentMinComposite } from './SegmentMin.js';
import { segmentSoftmaxComposite } from './SegmentSoftmax.js';
import { segmentSoftmaxGradComposite } from './SegmentSoftmaxGrad.js';
import { segmentSumComposite } from './SegmentSum.js';
import { spmmComposite } from './SpMM.js';

defineCompositeKernel(GatherRows, gatherRowsComposite);
defineCompositeKernel(SegmentSum, segmentSumComposite);
defineCompositeKernel(SegmentMean, segmentMeanComposite);
defineCompositeKernel(SegmentMax, segmentMaxComposite);
defineCompositeKernel(SegmentMin, segmentMinComposite);
defineCompositeKernel(SegmentSoftmax, segmentSoftmaxComposite);
defineCompositeKernel(SpMM, spmmComposite);
defineCompositeKernel(SDDMM, sddmmComposite);
defineCompositeKernel(AdditiveAttention, additiveAttentionComposite);
defineCompositeKernel(AdditiveAttentionGrad, additiveAttentionGradComposite);
defineCompositeKernel(Dropout, dropoutComposite);
defineCompositeKernel(SegmentSoftmaxGrad, segmentSoftmaxGradComposite);
defineCompositeKernel(SegmentAttention, segmentAttentionComposite);
defineCompositeKernel(SegmentAttentionGrad, segmentAttentionGradComposite);
defineCompositeKernel(AttentionProjection, attentionProjectionComposite);
defineCompositeKernel(AttentionProjectionGrad, attentionProjectionGradComposite);
defineCompositeKernel(SoftmaxAggregate, softmaxAggregateComposite);
defineCompositeKernel(SoftmaxAggregateGrad, softmaxAggregateGradComposite);
defineCompositeKernel(GatAttention, gatAttentionComposite);
defineCompositeKernel(GatAttentionGrad, gatAttentionGradComposite);
defineCompositeKernel(DropoutMatMul, dropoutMatMulComposite);
defineCompositeKernel(DropoutMatMulGrad, dropoutMatMulGradComposite);
