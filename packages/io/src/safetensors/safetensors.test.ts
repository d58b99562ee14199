import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import type { HostTensor } from '../host_tensor.js';
import { toHostTensors } from '../tfjs_tensors.js';
import { useCpuBackend } from '../test_support/backend.js';
import { expectedElements, weightsError } from '../test_support/expect.js';
import { TEST_DATA, TORCH_FIXTURES, fixture } from '../test_support/paths.js';
import { loadSafetensors } from './load_safetensors.js';
import { readSafetensors } from './read_safetensors.js';
import { writeSafetensors } from './write_safetensors.js';

interface ExpectedFile {
  file: string;
  header_length: number;
  data_start: number;
  metadata: Record<string, string> | null;
  tensors: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number]; data: unknown }>;
}

/** safetensors_expected.json with integers beyond 2^53 kept exact (as strings). */
function expectedFiles(): ExpectedFile[] {
  const text = readFileSync(join(TORCH_FIXTURES, 'safetensors_expected.json'), 'utf8');
  return JSON.parse(text.replace(/(?<=[[,\s])(-?\d{16,})(?=[\],\s])/g, '"$1"')) as ExpectedFile[];
}

const HOST: Record<string, HostTensor['dtype']> = { F32: 'float32', F64: 'float64', I64: 'int64', I32: 'int32', BOOL: 'bool' };

const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => {
  try {
    execFileSync(p, ['-c', 'import json, struct'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

beforeAll(useCpuBackend);

describe('readSafetensors', () => {
  for (const expected of expectedFiles()) {
    it(`reads ${expected.file} exactly: every tensor, the metadata`, () => {
      const bytes = fixture(expected.file);
      expect(Number(new DataView(bytes.buffer).getBigUint64(0, true))).toBe(expected.header_length);
      const { tensors, metadata } = readSafetensors(bytes, { file: expected.file });
      expect(metadata).toEqual(expected.metadata ?? undefined);
      expect(Object.keys(tensors)).toEqual(Object.keys(expected.tensors));
      for (const [key, want] of Object.entries(expected.tensors)) {
        const got = tensors[key]!;
        expect(got.dtype, key).toBe(HOST[want.dtype]);
        expect(got.shape, key).toEqual(want.shape);
        expect(Array.from(got.data as ArrayLike<unknown>), key).toEqual(expectedElements(got.dtype, want.data));
      }
    });

    it(`writes ${expected.file} back byte for byte`, () => {
      const bytes = fixture(expected.file);
      const { tensors, metadata } = readSafetensors(bytes);
      const written = writeSafetensors(tensors, metadata === undefined ? {} : { metadata });
      expect(written).toEqual(bytes);
    });
  }

  it('keeps int64 beyond 2^53 exact', () => {
    const { tensors } = readSafetensors(fixture('mixed_dtypes.safetensors'));
    expect(tensors['big_ints']!.data).toEqual(BigInt64Array.of(9007199254740993n, -1099511627776n, 0n));
  });

  it('reads F16, BF16, I8, U8 and I16 widened (float32 / int32)', () => {
    const header = (dtype: string, n: number, size: number) => ({ dtype, shape: [n], data_offsets: [0, n * size] });
    const file = (dtype: string, size: number, data: Uint8Array) => {
      const json = new TextEncoder().encode(JSON.stringify({ t: header(dtype, data.length / size, size) }));
      const out = new Uint8Array(8 + json.length + data.length);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      out.set(data, 8 + json.length);
      return out;
    };
    expect(readSafetensors(file('F16', 2, Uint8Array.of(0x00, 0x3c, 0x00, 0xc1))).tensors['t']!.data).toEqual(Float32Array.of(1, -2.5));
    expect(readSafetensors(file('BF16', 2, Uint8Array.of(0x80, 0x3f, 0x49, 0xc0))).tensors['t']!.data).toEqual(Float32Array.of(1, -3.140625));
    expect(readSafetensors(file('I8', 1, Uint8Array.of(0xff, 7))).tensors['t']!.data).toEqual(Int32Array.of(-1, 7));
    expect(readSafetensors(file('U8', 1, Uint8Array.of(0xff, 7))).tensors['t']!.data).toEqual(Int32Array.of(255, 7));
    expect(readSafetensors(file('I16', 2, Uint8Array.of(0x00, 0x80))).tensors['t']!.data).toEqual(Int32Array.of(-32768));
  });
});

describe('writeSafetensors', () => {
  const tensors: Record<string, HostTensor> = {
    'conv.weight': { dtype: 'float32', shape: [2, 3], data: Float32Array.of(1.5, -2, 3.25, 0, -0, 1e-40) },
    f64: { dtype: 'float64', shape: [2], data: Float64Array.of(Math.PI, -1e300) },
    idx: { dtype: 'int64', shape: [2, 2], data: BigInt64Array.of(0n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n) },
    i32: { dtype: 'int32', shape: [3], data: Int32Array.of(-(2 ** 31), 2 ** 31 - 1, 7) },
    mask: { dtype: 'bool', shape: [3], data: Uint8Array.of(1, 0, 1) },
    scalar: { dtype: 'float32', shape: [], data: Float32Array.of(0.5) },
    empty: { dtype: 'float32', shape: [0, 4], data: new Float32Array(0) },
  };
  const metadata = { format: 'pt', note: 'ünïcode "quoted"' };

  it('round-trips every dtype, scalars and empty tensors, with metadata', () => {
    const bytes = writeSafetensors(tensors, { metadata });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const back = readSafetensors(bytes);
    expect(back.metadata).toEqual(metadata);
    expect(back.tensors).toEqual(tensors);
  });

  it('reads back whatever the key order in the header (offsets need not follow it)', () => {
    const bytes = writeSafetensors({ a: tensors['f64']!, b: tensors['i32']! });
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))));
    const header = JSON.parse(text) as Record<string, unknown>;
    const swapped = new TextEncoder().encode(JSON.stringify({ b: header['b'], a: header['a'] }).padEnd(text.length, ' '));
    expect(swapped.length).toBe(text.length);
    const reordered = bytes.slice();
    reordered.set(swapped, 8);
    const back = readSafetensors(reordered);
    expect(Object.keys(back.tensors)).toEqual(['b', 'a']);
    expect(back.tensors['a']).toEqual(tensors['f64']);
    expect(back.tensors['b']).toEqual(tensors['i32']);
  });

  it('writes tfjs tensors through toHostTensors', async () => {
    const t = { w: tf.tensor2d([[1, 2], [3, 4]]), i: tf.tensor1d([5, -6], 'int32'), b: tf.tensor1d([true, false], 'bool') };
    const host = await toHostTensors(t);
    const back = loadSafetensors(writeSafetensors(host));
    expect(await back['w']!.array()).toEqual([[1, 2], [3, 4]]);
    expect(back['i']!.dtype).toBe('int32');
    expect(await back['b']!.data()).toEqual(Uint8Array.of(1, 0));
    tf.dispose([...Object.values(t), ...Object.values(back)]);
  });

  it('refuses bad input to write, naming the key', () => {
    const bad = { w: { dtype: 'float32', shape: [2, 2], data: new Float32Array(3) } } as Record<string, HostTensor>;
    expect(weightsError(() => writeSafetensors(bad)).message).toMatch(/tensor 'w': shape \[2, 2\] needs 4 elements, data holds 3/);
    const wrongArray = { w: { dtype: 'int64', shape: [1], data: Float64Array.of(1) } } as unknown as Record<string, HostTensor>;
    expect(weightsError(() => writeSafetensors(wrongArray)).message).toMatch(/tensor 'w': data of a int64 tensor must be a BigInt64Array/);
    expect(() => writeSafetensors({}, { metadata: { n: 3 } as unknown as Record<string, string> })).toThrow(/metadata 'n' is a number/);
    expect(() => writeSafetensors({ __metadata__: tensors['scalar']! })).toThrow(/reserved/);
    const notBool = weightsError(() => writeSafetensors({ ok: tensors['scalar']!, flags: { dtype: 'bool', shape: [2], data: Uint8Array.of(1, 2) } }));
    expect(notBool.key).toBe('flags');
    expect(notBool.message).toBe("safetensors output: tensor 'flags': bool element 1 is 2, not 0 or 1");
  });

  it('loads int64 beyond int32 as a WeightsFormatError naming the key, and leaks nothing', () => {
    const bytes = writeSafetensors({ w: tensors['f64']!, big: { dtype: 'int64', shape: [2], data: BigInt64Array.of(1n, 2n ** 40n) } });
    const before = tf.memory().numTensors;
    const error = weightsError(() => loadSafetensors(bytes, { file: 'big.safetensors' }));
    expect(error.key).toBe('big');
    expect(error.message).toMatch(/^big\.safetensors: tensor 'big': int64 value 1099511627776 at flat index 1 does not fit int32/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.skipIf(PYTHON === undefined)(skipTitle('is read by an independent Python reader of the format (test-data/read_safetensors.py)', PYTHON === undefined ? 'no python3 on PATH' : undefined), () => {
    const dir = mkdtempSync(join(tmpdir(), 'gnnjs-io-'));
    try {
      const path = join(dir, 'out.safetensors');
      writeFileSync(path, writeSafetensors(tensors, { metadata }));
      const script = join(TEST_DATA, 'read_safetensors.py');
      expect(existsSync(script)).toBe(true);
      const out = JSON.parse(execFileSync(PYTHON!, [script, path], { encoding: 'utf8' })) as {
        metadata: Record<string, string>;
        tensors: Record<string, { dtype: string; shape: number[]; data: unknown[] }>;
      };
      expect(out.metadata).toEqual(metadata);
      expect(Object.keys(out.tensors)).toEqual(Object.keys(tensors));
      for (const [key, t] of Object.entries(tensors)) {
        const py = out.tensors[key]!;
        expect(py.shape, key).toEqual(t.shape);
        const want = Array.from(t.data as ArrayLike<number | bigint>, (v) =>
          t.dtype === 'int64' ? String(v) : t.dtype === 'bool' ? v === 1 : t.dtype === 'float32' ? v : v,
        );
        expect(py.data, key).toEqual(want);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
