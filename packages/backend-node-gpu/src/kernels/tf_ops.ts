/**
 * Thin, typed calls of native TensorFlow ops through the `tensorflow`
 * backend's `executeSingleOutput`, with the type attributes each op's OpDef
 * requires spelled out as tfjs-node's own kernels do. Constant operands
 * (axes, shapes, scalars) are created here; callers run inside `tidy`.
 */
import { scalar, tensor1d, type DataType, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import { tfDataType, type TensorflowBackend, type TfOpAttr } from '../tensorflow_backend.js';

/** Native segment reductions; each takes `(data, segment_ids, num_segments)`. */
export type UnsortedSegmentOp = 'UnsortedSegmentSum' | 'UnsortedSegmentMax' | 'UnsortedSegmentMin';
/** Element-wise binary ops with one type attribute `T` (broadcasting). */
export type BinaryOp = 'Add' | 'Sub' | 'Mul' | 'RealDiv' | 'Maximum' | 'Greater';
/** Element-wise unary ops with one type attribute `T`. */
export type UnaryOp = 'Exp' | 'ZerosLike' | 'OnesLike';

/** Native TensorFlow ops bound to one `tensorflow` backend instance. */
export class TfOps {
  constructor(private readonly backend: TensorflowBackend) {}

  /** `params[indices]` along axis 0 (`GatherV2`). */
  gather(params: TensorInfo, indices: TensorInfo): Tensor {
    return this.gatherAxis0(params, indices);
  }

  /** Row `row` of an int32 `[2, E]` edge index, as a `[E]` tensor. */
  edgeRow(edgeIndex: TensorInfo, row: 0 | 1): Tensor {
    return this.gatherAxis0(edgeIndex, scalar(row, 'int32'));
  }

  /** `UnsortedSegment{Sum,Max,Min}` of `data` into `numSegments` rows. */
  unsortedSegment(op: UnsortedSegmentOp, data: TensorInfo, segmentIds: TensorInfo, numSegments: number): Tensor {
    const attrs = [
      this.typeAttr('T', data.dtype),
      this.typeAttr('Tindices', segmentIds.dtype),
      this.typeAttr('Tnumsegments', 'int32'),
    ];
    return this.run(op, attrs, [data, segmentIds, scalar(numSegments, 'int32')]);
  }

  binary(op: BinaryOp, a: TensorInfo, b: TensorInfo): Tensor {
    return this.run(op, [this.typeAttr('T', a.dtype)], [a, b]);
  }

  unary(op: UnaryOp, x: TensorInfo): Tensor {
    return this.run(op, [this.typeAttr('T', x.dtype)], [x]);
  }

  /** `condition ? t : e`; a `[n]` condition selects whole rows of `[n, ...]` operands (`Select`). */
  select(condition: TensorInfo, t: TensorInfo, e: TensorInfo): Tensor {
    return this.run('Select', [this.typeAttr('T', t.dtype)], [condition, t, e]);
  }

  cast(x: TensorInfo, dtype: DataType): Tensor {
    const attrs = [
      this.typeAttr('SrcT', x.dtype),
      this.typeAttr('DstT', dtype),
      { name: 'Truncate', type: this.backend.binding.TF_ATTR_BOOL, value: false },
    ];
    return this.run('Cast', attrs, [x]);
  }

  reshape(x: TensorInfo, shape: readonly number[]): Tensor {
    const attrs = [this.typeAttr('T', x.dtype), this.typeAttr('Tshape', 'int32')];
    return this.run('Reshape', attrs, [x, tensor1d([...shape], 'int32')]);
  }

  /** Sum over the last axis, which is dropped (`Sum`, `keep_dims = false`). */
  sumLastAxis(x: TensorInfo): Tensor {
    const attrs = [
      { name: 'keep_dims', type: this.backend.binding.TF_ATTR_BOOL, value: false },
      this.typeAttr('T', x.dtype),
      this.typeAttr('Tidx', 'int32'),
    ];
    return this.run('Sum', attrs, [x, tensor1d([x.shape.length - 1], 'int32')]);
  }

  /** A float32 scalar, for comparisons and clamps. */
  floatScalar(value: number): Tensor {
    return scalar(value, 'float32');
  }

  private gatherAxis0(params: TensorInfo, indices: TensorInfo): Tensor {
    const attrs = [
      { name: 'batch_dims', type: this.backend.binding.TF_ATTR_INT, value: 0 },
      this.typeAttr('Tparams', params.dtype),
      this.typeAttr('Tindices', indices.dtype),
      this.typeAttr('Taxis', 'int32'),
    ];
    return this.run('GatherV2', attrs, [params, indices, scalar(0, 'int32')]);
  }

  private typeAttr(name: string, dtype: DataType): TfOpAttr {
    return { name, type: this.backend.binding.TF_ATTR_TYPE, value: tfDataType(this.backend, dtype) };
  }

  private run(op: string, attrs: TfOpAttr[], inputs: TensorInfo[]): Tensor {
    return this.backend.executeSingleOutput(op, attrs, inputs);
  }
}
