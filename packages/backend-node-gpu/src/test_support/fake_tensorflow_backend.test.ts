// The simulated TensorFlow must fail where TensorFlow fails, or kernels that
// would raise on the real binding pass here.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_BINDING, FakeTensorflowBackend } from './fake_tensorflow_backend.js';

const { TF_ATTR_TYPE, TF_FLOAT, TF_INT32 } = FAKE_BINDING;
const SEGMENT_ATTRS = [
  { name: 'T', type: TF_ATTR_TYPE, value: TF_FLOAT },
  { name: 'Tindices', type: TF_ATTR_TYPE, value: TF_INT32 },
  { name: 'Tnumsegments', type: TF_ATTR_TYPE, value: TF_INT32 },
];

function segmentSum(backend: FakeTensorflowBackend, ids: number[], numSegments: number): number[][] {
  return tf.tidy(() => {
    const data = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const out = backend.executeSingleOutput('UnsortedSegmentSum', SEGMENT_ATTRS, [data, tf.tensor1d(ids, 'int32'), tf.scalar(numSegments, 'int32')]);
    return out.arraySync() as number[][];
  });
}

describe("the fake tensorflow backend's UnsortedSegmentSum (TensorFlow's documented behaviour)", () => {
  const backends: FakeTensorflowBackend[] = [];
  const make = (gpu: boolean): FakeTensorflowBackend => {
    const b = new FakeTensorflowBackend(gpu);
    backends.push(b);
    return b;
  };
  afterEach(() => {
    for (const b of backends.splice(0)) b.dispose();
  });

  it('drops the rows of negative segment ids', () => {
    expect(segmentSum(make(false), [0, -1, 1], 2)).toEqual([[1, 2], [5, 6]]);
  });

  it('raises InvalidArgument on the CPU for an id at or above num_segments, as TensorFlow validates it there', () => {
    expect(() => segmentSum(make(false), [0, 2, 1], 2)).toThrow('Invalid argument: segment_ids[1] = 2 is out of range [0, 2)');
  });

  it('does not validate on a GPU: the row is dropped', () => {
    expect(segmentSum(make(true), [0, 2, 1], 2)).toEqual([[1, 2], [5, 6]]);
  });
});
