import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PickleError } from '../errors.js';
import { PLANETOID_MIRROR } from '../test_support/paths.js';
import { pickleAdjacency, pickleCsrMatrix, pickleNdArray } from '../testing/pickle_writer.js';
import { CsrMatrix, NUMPY_PICKLE_GLOBALS, NdArray, PyDict, readPickle as readWithAllowList, type PickleValue } from './index.js';

const readPickle = (bytes: Uint8Array, file: string): PickleValue => readWithAllowList(bytes, file, { allow: NUMPY_PICKLE_GLOBALS });

function expectPickleError(fn: () => unknown, pattern: RegExp, file = 'f.pkl'): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PickleError);
    expect((error as PickleError).file).toBe(file);
    expect((error as PickleError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected a PickleError');
}

describe('readPickle', () => {
  it('reads a numpy array', () => {
    const value = readPickle(pickleNdArray([2, 3], 'f8', [1, 0, 0, 0, 0.5, 1]), 'f.pkl');
    expect(value).toBeInstanceOf(NdArray);
    const array = value as NdArray;
    expect(array.shape).toEqual([2, 3]);
    expect(array.dtype).toBe('f8');
    expect(Array.from(array.data!)).toEqual([1, 0, 0, 0, 0.5, 1]);
  });

  it('reads int64 arrays as exact numbers', () => {
    const array = readPickle(pickleNdArray([3], 'i8', [-2, 0, 2 ** 40]), 'f.pkl') as NdArray;
    expect(Array.from(array.data!)).toEqual([-2, 0, 2 ** 40]);
  });

  it('reads a CSR matrix', () => {
    const m = readPickle(pickleCsrMatrix(2, 3, [1, 0, 2.5, 0, 0, 1]), 'f.pkl') as CsrMatrix;
    expect(m).toBeInstanceOf(CsrMatrix);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.indptr)).toEqual([0, 2, 3]);
    expect(Array.from(m.indices)).toEqual([0, 2, 2]);
    expect(Array.from(m.data)).toEqual([1, 2.5, 1]);
  });

  it('reads a defaultdict of int lists', () => {
    const d = readPickle(pickleAdjacency(new Map([[0, [1, 300, 70000]], [5, []]])), 'f.pkl') as PyDict;
    expect(d).toBeInstanceOf(PyDict);
    expect([...d.entries]).toEqual([[0, [1, 300, 70000]], [5, []]]);
  });

  it('reads the real ind.cora.x', () => {
    const m = readPickle(new Uint8Array(readFileSync(join(PLANETOID_MIRROR, 'ind.cora.x'))), 'ind.cora.x') as CsrMatrix;
    expect([m.rows, m.cols, m.indices.length]).toEqual([140, 1433, m.indptr[140]]);
  });

  it('refuses truncation at every cut point', () => {
    const bytes = pickleCsrMatrix(2, 3, [1, 0, 2.5, 0, 0, 1]);
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => readPickle(bytes.subarray(0, cut), 'f.pkl'), `cut at ${cut}`).toThrow(PickleError);
    }
  });

  it('refuses garbage, other protocols, unknown opcodes and trailing bytes', () => {
    expectPickleError(() => readPickle(new TextEncoder().encode('hello world'), 'f.pkl'), /not a protocol-2 pickle/);
    expectPickleError(() => readPickle(Uint8Array.of(0x80, 4, 0x4e, 0x2e), 'f.pkl'), /protocol 4/);
    expectPickleError(() => readPickle(Uint8Array.of(0x80, 2, 0x95, 0x2e), 'f.pkl'), /unknown or unsupported opcode 0x95/);
    expectPickleError(() => readPickle(Uint8Array.of(0x80, 2, 0x4e, 0x2e, 0), 'f.pkl'), /trailing bytes/);
    expectPickleError(() => readPickle(Uint8Array.of(0x80, 2, 0x2e), 'f.pkl'), /stack underflow|unbalanced/);
  });

  it('refuses BINUNICODE that is not UTF-8 and persistent ids when none are allowed', () => {
    expectPickleError(() => readPickle(Uint8Array.of(0x80, 2, 0x58, 1, 0, 0, 0, 0xff, 0x2e), 'f.pkl'), /not valid UTF-8/);
    expectPickleError(() => readPickle(Uint8Array.of(0x80, 2, 0x4e, 0x51, 0x2e), 'f.pkl'), /persistent id \(BINPERSID\) in a pickle that allows none/);
  });

  it('refuses globals outside the allow-list', () => {
    const evil = Uint8Array.from([0x80, 2, ...new TextEncoder().encode('cos\nsystem\n'), 0x2e]);
    expectPickleError(() => readPickle(evil, 'f.pkl'), /disallowed global os\.system/);
  });

  it('refuses an array whose buffer does not match its shape', () => {
    const bytes = pickleNdArray([2, 3], 'i4', [1, 2, 3, 4, 5, 6]);
    // Re-declare the shape as (2, 4): patch the BININT1 3 that follows BININT1 2 in the shape tuple.
    const tampered = bytes.slice();
    const at = tampered.findIndex((b, i) => b === 0x4b && tampered[i + 1] === 2 && tampered[i + 2] === 0x4b && tampered[i + 3] === 3);
    tampered[at + 3] = 4;
    expectPickleError(() => readPickle(tampered, 'f.pkl'), /needs 32 bytes, the buffer holds 24/);
  });

  it('refuses an inconsistent CSR matrix', () => {
    // Column index 7 in a 3-column matrix: written through a 2 × 8 dense matrix, then re-declared as 2 × 3.
    const bytes = pickleCsrMatrix(2, 8, [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]).slice();
    const at = bytes.findIndex((b, i) => b === 0x4b && bytes[i + 1] === 2 && bytes[i + 2] === 0x4b && bytes[i + 3] === 8);
    bytes[at + 3] = 3;
    expectPickleError(() => readPickle(bytes, 'f.pkl'), /column index 7 is outside \[0, 3\)/);
  });
});
