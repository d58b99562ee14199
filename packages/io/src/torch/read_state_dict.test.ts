import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HostTensor } from '../host_tensor.js';
import { expectedElements, weightsError } from '../test_support/expect.js';
import { TEST_DATA, fixture, fixtureJson } from '../test_support/paths.js';
import { readTorchStateDict } from './read_state_dict.js';

interface ExpectedTensor {
  dtype: string;
  shape: number[];
  stride: number[];
  storage_offset: number;
  data: unknown;
}

/** torch dtype → the host dtype it is read as. */
const HOST: Record<string, HostTensor['dtype']> = {
  float32: 'float32',
  float16: 'float32',
  bfloat16: 'float32',
  float64: 'float64',
  int64: 'int64',
  int32: 'int32',
  int16: 'int32',
  int8: 'int32',
  uint8: 'int32',
  bool: 'bool',
};

function expectTensors(actual: Record<string, HostTensor>, expected: Record<string, ExpectedTensor>): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key]!;
    expect(got.dtype, key).toBe(HOST[want.dtype]);
    expect(got.shape, key).toEqual(want.shape);
    expect(Array.from(got.data as ArrayLike<unknown>), key).toEqual(expectedElements(got.dtype, want.data));
  }
}

describe('readTorchStateDict', () => {
  it('reads every tensor of views.pt exactly: transposes, shared storages, offsets, strides, int64 beyond 2^31, bool, 0-d', () => {
    const { tensors } = fixtureJson<{ tensors: Record<string, ExpectedTensor> }>('views_expected.json');
    const dict = readTorchStateDict(fixture('views.pt'), { file: 'views.pt' });
    expectTensors(dict, tensors);
    expect(dict['i64']!.data).toEqual(BigInt64Array.of(1n, -2n, 3n, 1099511627776n, -34359738368n, 0n));
    expect(dict['scalar']!.shape).toEqual([]);
  });

  it('reads float16, bfloat16, small ints, empty, stride-0, permuted and narrowed views (dtypes.pt, made by torch 1.13)', () => {
    const expected = fixtureJson<Record<string, ExpectedTensor>>('dtypes_expected.json', TEST_DATA);
    const dict = readTorchStateDict(fixture('dtypes.pt', TEST_DATA), { file: 'dtypes.pt' });
    expectTensors(dict, expected);
    expect(expected['expanded']!.stride).toEqual([1, 0]);
    expect(expected['narrowed']!.storage_offset).toBe(4);
    expect(dict['empty']!.data.length).toBe(0);
  });

  it('reads gat_cora.pt: every tensor bit-exact (sha256 of its float32 bytes) and its sum', () => {
    const digests = fixtureJson<Record<string, { shape: number[]; sha256: string }>>('gat_cora_digests.json', TEST_DATA);
    const expected = fixtureJson<{ state_dict: Record<string, { shape: number[]; sum: number }> }>('gat_cora_expected.json');
    const dict = readTorchStateDict(fixture('gat_cora.pt'), { file: 'gat_cora.pt' });
    expect(Object.keys(dict)).toEqual(Object.keys(expected.state_dict));
    expect(Object.keys(dict)).toEqual([
      'conv1.att_src',
      'conv1.att_dst',
      'conv1.bias',
      'conv1.lin.weight',
      'conv2.att_src',
      'conv2.att_dst',
      'conv2.bias',
      'conv2.lin.weight',
    ]);
    for (const [key, tensor] of Object.entries(dict)) {
      expect(tensor.dtype, key).toBe('float32');
      expect(tensor.shape, key).toEqual(expected.state_dict[key]!.shape);
      const data = tensor.data as Float32Array;
      const hash = createHash('sha256').update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).digest('hex');
      expect(hash, key).toBe(digests[key]!.sha256);
      const sum = data.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - expected.state_dict[key]!.sum), key).toBeLessThan(1e-9 * Math.max(1, data.length));
    }
  });

  it('refuses the legacy (pre-1.6) format with a hint', () => {
    const error = weightsError(() => readTorchStateDict(fixture('legacy.pt', TEST_DATA), { file: 'legacy.pt' }));
    expect(error.message).toMatch(/^legacy\.pt: legacy \(pre-1\.6\) torch\.save format/);
  });

  it('refuses what is not a zip, and a truncated zip', () => {
    expect(weightsError(() => readTorchStateDict(new TextEncoder().encode('hello'), { file: 'x.pt' })).message).toBe('x.pt: not a zip archive');
    const bytes = fixture('views.pt');
    expect(weightsError(() => readTorchStateDict(bytes.subarray(0, 1000), { file: 'views.pt' })).message).toMatch(
      /truncated zip archive/,
    );
  });
});
