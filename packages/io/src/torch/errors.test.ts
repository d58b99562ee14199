import { describe, expect, it } from 'vitest';
import { PickleError } from '../errors.js';
import { weightsError } from '../test_support/expect.js';
import { f32, i64, torchFile, torchPickle } from '../test_support/torch_file.js';
import { fixture } from '../test_support/paths.js';
import { writeStoredZip } from '../testing/zip_writer.js';
import { readTorchStateDict } from './read_state_dict.js';

const read = (bytes: Uint8Array) => readTorchStateDict(bytes, { file: 'm.pt' });
const vector = (key = 'w', extra: Partial<Parameters<typeof torchPickle>[0][number]> = {}) =>
  torchPickle([{ key, storageKey: '0', numel: 3, size: [3], stride: [1], ...extra }]);

describe('readTorchStateDict on bad input', () => {
  it('reads a hand-built file (the builder itself is right)', () => {
    const dict = read(torchFile(vector(), { '0': f32(1, 2, 3) }));
    expect(dict['w']).toEqual({ dtype: 'float32', shape: [3], data: Float32Array.of(1, 2, 3) });
  });

  it('refuses a pickle that names a global outside the allow-list, without resolving it', () => {
    const evil = vector('w', { rebuild: ['os', 'system'] });
    const error = weightsError(() => read(torchFile(evil, { '0': f32(1, 2, 3) })));
    expect(error.message).toBe("m.pt: entry 'archive/data.pkl': pickle names a disallowed global os.system");
    expect(error.entry).toBe('archive/data.pkl');
    expect(error.cause).toBeInstanceOf(PickleError);
    // Also names from modules we do allow elsewhere (numpy) or torch names not on the list.
    for (const global of [['numpy.core.multiarray', '_reconstruct'], ['torch', 'load'], ['builtins', 'eval']] as const) {
      expect(() => read(torchFile(vector('w', { rebuild: global }), { '0': f32(1, 2, 3) }))).toThrow(/disallowed global/);
    }
  });

  it('refuses an unsupported dtype, naming the key', () => {
    const pickle = vector('z', { storageClass: 'ComplexFloatStorage' });
    const error = weightsError(() => read(torchFile(pickle, { '0': new Uint8Array(24) })));
    expect(error.message).toBe("m.pt: tensor 'z': unsupported dtype (torch.ComplexFloatStorage)");
    expect(error.key).toBe('z');
  });

  it('refuses a missing storage entry, a storage of the wrong size and a view outside its storage', () => {
    expect(weightsError(() => read(torchFile(vector(), {}))).message).toBe(
      "m.pt: tensor 'w': its storage entry 'archive/data/0' is missing from the archive",
    );
    expect(weightsError(() => read(torchFile(vector(), { '0': f32(1, 2) }))).message).toMatch(
      /entry 'archive\/data\/0', tensor 'w': storage of 3 FloatStorage elements needs 12 bytes, the entry holds 8/,
    );
    const outside = torchPickle([{ key: 'v', storageKey: '0', numel: 3, offset: 1, size: [2, 2], stride: [1, 1] }]);
    expect(weightsError(() => read(torchFile(outside, { '0': f32(1, 2, 3) }))).message).toMatch(
      /tensor 'v': view \(offset 1, size \[2, 2\], stride \[1, 1\]\) reaches element 3 of a storage of 3/,
    );
  });

  it('refuses a storage seen with two different types', () => {
    const pickle = torchPickle([
      { key: 'a', storageKey: '0', numel: 2, size: [2], stride: [1] },
      { key: 'b', storageKey: '0', numel: 1, size: [1], stride: [1], storageClass: 'LongStorage' },
    ]);
    expect(() => read(torchFile(pickle, { '0': f32(1, 2) }))).toThrow(/tensor 'b': storage '0' is LongStorage\[1\] here but FloatStorage\[2\]/);
  });

  it('refuses values that are not tensors, naming the key', () => {
    const pickle = torchPickle([], (p) => p.text('epoch').int(3));
    expect(weightsError(() => read(torchFile(pickle, {}))).message).toBe(
      "m.pt: tensor 'epoch': value is a int, not a tensor (only flat state dicts of tensors are read)",
    );
  });

  it('refuses a CRC mismatch (a flipped data byte), naming the entry', () => {
    const bytes = torchFile(vector(), { '0': f32(1, 2, 3) });
    const at = bytes.findIndex((_, i) => bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 0x80 && bytes[i + 3] === 0x3f);
    bytes[at + 3] = 0x40;
    expect(weightsError(() => read(bytes)).message).toMatch(/^m\.pt: entry 'archive\/data\/0': CRC-32 mismatch/);
  });

  it('refuses compressed entries, duplicate entries and archives without data.pkl', () => {
    const good = torchFile(vector(), { '0': f32(1, 2, 3) });
    const compressed = good.slice();
    const view = new DataView(compressed.buffer);
    const cd = view.getUint32(compressed.length - 22 + 16, true);
    view.setUint16(cd + 10, 8, true);
    expect(weightsError(() => read(compressed)).message).toMatch(/entry 'archive\/data\.pkl': entry is compressed \(method 8\)/);
    const twice = writeStoredZip([['a/data.pkl', vector()], ['a/data.pkl', vector()]]);
    expect(weightsError(() => read(twice)).message).toBe("m.pt: entry 'a/data.pkl': the archive holds this entry twice");
    expect(weightsError(() => read(writeStoredZip([['a/b.txt', f32(1)]]))).message).toBe(
      'm.pt: not a PyTorch checkpoint: the zip has no <folder>/data.pkl',
    );
  });

  it('reads big-endian storages when byteorder says so', () => {
    const be = new Uint8Array(12);
    [1, 2, 3].forEach((v, i) => new DataView(be.buffer).setFloat32(i * 4, v, false));
    const dict = read(torchFile(vector(), { '0': be }, [['archive/byteorder', new TextEncoder().encode('big')]]));
    expect(dict['w']!.data).toEqual(Float32Array.of(1, 2, 3));
    const bad = torchFile(vector(), { '0': be }, [['archive/byteorder', new TextEncoder().encode('middle')]]);
    expect(weightsError(() => read(bad)).message).toMatch(/entry 'archive\/byteorder': byteorder is 'middle'/);
  });

  it("treats a '__proto__' key as data", () => {
    const dict = read(torchFile(vector('__proto__'), { '0': f32(1, 2, 3) }));
    expect(Object.keys(dict)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
  });

  it('refuses a view of more than 2^31 - 1 elements before allocating', () => {
    const huge = torchPickle([{ key: 'h', storageKey: '0', numel: 1, size: [65536, 65536], stride: [0, 0] }]);
    expect(weightsError(() => read(torchFile(huge, { '0': f32(1) }))).message).toMatch(/tensor 'h': shape \[65536, 65536\] has more than/);
  });

  it('reads int64 beyond 2^53 exactly', () => {
    const pickle = vector('big', { storageClass: 'LongStorage' });
    const dict = read(torchFile(pickle, { '0': i64(2n ** 53n + 1n, -(2n ** 62n), 0n) }));
    expect(dict['big']!.data).toEqual(BigInt64Array.of(2n ** 53n + 1n, -(2n ** 62n), 0n));
  });

  it('names the file given, and a default one', () => {
    expect(() => readTorchStateDict(fixture('views.pt').subarray(0, 10))).toThrow(/^state_dict\.pt: /);
  });
});
