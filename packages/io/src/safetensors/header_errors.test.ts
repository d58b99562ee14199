import { describe, expect, it } from 'vitest';
import { weightsError } from '../test_support/expect.js';
import { readSafetensors } from './read_safetensors.js';

/** A file of `header` (JSON text, or an object to stringify) and `dataLength` zero bytes. */
function file(header: string | object, dataLength: number): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

const read = (bytes: Uint8Array) => readSafetensors(bytes, { file: 'm.safetensors' });
const f32 = (shape: number[], begin: number, end: number) => ({ dtype: 'F32', shape, data_offsets: [begin, end] });

describe('readSafetensors on a header that lies', () => {
  it('refuses a file shorter than the length prefix or a length past the end', () => {
    expect(weightsError(() => read(new Uint8Array(5))).message).toBe('m.safetensors: 5 bytes: too short for the 8-byte header length');
    const bytes = file({ a: f32([1], 0, 4) }, 4);
    new DataView(bytes.buffer).setBigUint64(0, 2n ** 63n, true);
    expect(weightsError(() => read(bytes)).message).toMatch(/header length 9223372036854775808 runs past the file's 66 bytes/);
  });

  it('refuses a header that is not a JSON object', () => {
    expect(weightsError(() => read(file('[1, 2]', 0))).message).toMatch(/header must start with '\{'/);
    expect(weightsError(() => read(file('{"a": ', 0))).message).toMatch(/header is not UTF-8 JSON/);
    expect(weightsError(() => read(file(new Uint8Array([0x7b, 0xff, 0x7d]).reduce((s, b) => s + String.fromCharCode(b), ''), 0))).message).toMatch(
      /header is not UTF-8 JSON/,
    );
  });

  it('refuses offsets out of range, overlapping, with holes, or disagreeing with dtype × shape, naming the tensor', () => {
    expect(weightsError(() => read(file({ a: f32([2], 0, 8) }, 4))).message).toBe(
      "m.safetensors: tensor 'a': data_offsets [0, 8] run past the data, which holds 4 bytes",
    );
    expect(weightsError(() => read(file({ a: f32([2], 0, 8), b: f32([1], 4, 8) }, 12))).message).toBe(
      "m.safetensors: tensor 'b': data_offsets [4, 8] overlap the previous tensor, which ends at 8",
    );
    expect(weightsError(() => read(file({ a: f32([1], 0, 4), b: f32([1], 8, 12) }, 12))).message).toBe(
      "m.safetensors: tensor 'b': data_offsets [8, 12] leave a hole [4, 8) in the data",
    );
    expect(weightsError(() => read(file({ a: f32([1], 0, 4) }, 8))).message).toBe('m.safetensors: the data holds 8 bytes but the tensors cover 4');
    expect(weightsError(() => read(file({ a: f32([3], 0, 8) }, 8))).message).toBe(
      "m.safetensors: tensor 'a': F32 of shape [3] needs 12 bytes, data_offsets [0, 8] hold 8",
    );
    expect(weightsError(() => read(file({ a: f32([1], 4, 0) }, 4))).message).toMatch(/tensor 'a': data_offsets \[4, 0\] end before they begin/);
    expect(weightsError(() => read(file({ a: { dtype: 'F32', shape: [1], data_offsets: [0] } }, 4))).message).toMatch(
      /tensor 'a': data_offsets must be \[begin, end\]/,
    );
    expect(weightsError(() => read(file({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4))).message).toMatch(
      /tensor 'a': shape must be a list of non-negative integers/,
    );
    expect(weightsError(() => read(file({ a: f32([2 ** 40, 2 ** 40], 0, 4) }, 4))).message).toMatch(/tensor 'a': shape \[.*\] is too large/);
  });

  it('refuses unsupported dtypes, naming the tensor', () => {
    const error = weightsError(() => read(file({ c: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, 8)));
    expect(error.key).toBe('c');
    expect(error.message).toMatch(/^m\.safetensors: tensor 'c': unsupported dtype "C64"/);
  });

  it('refuses metadata that is not string → string', () => {
    expect(weightsError(() => read(file({ __metadata__: { epoch: 3 } }, 0))).message).toBe(
      'm.safetensors: __metadata__.epoch is a number, not a string',
    );
    expect(weightsError(() => read(file({ __metadata__: ['x'] }, 0))).message).toMatch(/__metadata__ must be an object of strings/);
  });

  it('refuses bool bytes other than 0 and 1', () => {
    const bytes = file({ m: { dtype: 'BOOL', shape: [2], data_offsets: [0, 2] } }, 2);
    bytes[bytes.length - 1] = 2;
    expect(weightsError(() => read(bytes)).message).toBe("m.safetensors: tensor 'm': bool element 1 holds byte 2, not 0 or 1");
  });

  it('accepts an empty file of tensors, zero-size tensors and space padding', () => {
    expect(read(file('{}      ', 0))).toEqual({ tensors: {}, metadata: undefined });
    const { tensors } = read(file({ e: f32([0, 3], 0, 0), a: f32([1], 0, 4) }, 4));
    expect(tensors['e']).toEqual({ dtype: 'float32', shape: [0, 3], data: new Float32Array(0) });
  });
});
