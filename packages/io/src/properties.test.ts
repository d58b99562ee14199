/**
 * Property tests: cut or flip bytes of real files and check that the readers
 * always end in a typed error or a correct result — never a hang, a crash of
 * another kind, or (for .pt files, whose entries carry CRC-32s) a wrong answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PickleError, WeightsFormatError } from './errors.js';
import type { HostTensor } from './host_tensor.js';
import { NUMPY_PICKLE_GLOBALS } from './pickle/numpy_globals.js';
import { readPickle } from './pickle/reader.js';
import { readSafetensors, type SafetensorsContent } from './safetensors/read_safetensors.js';
import { fixture } from './test_support/paths.js';
import { fuzzParameters } from '@gnnjs/core/testing';
import { pickleAdjacency, pickleCsrMatrix, pickleNdArray } from './testing/pickle_writer.js';
import { writeStoredZip } from './testing/zip_writer.js';
import { readTorchStateDict } from './torch/read_state_dict.js';
import { readZip } from './zip/read_zip.js';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

const flip = (bytes: Uint8Array, at: number, mask: number): Uint8Array => {
  const out = bytes.slice();
  out[at]! ^= mask;
  return out;
};

const SEED = 20250101;

describe.each(['views.pt', 'gat_cora.pt'])('readTorchStateDict on damaged %s', (name) => {
  const bytes = fixture(name);
  const original = readTorchStateDict(bytes);
  const runs = name === 'views.pt' ? 2000 : 150;

  it('every truncation is a WeightsFormatError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => {
        const outcome = attempt(() => readTorchStateDict(bytes.subarray(0, cut)));
        expect(outcome.ok).toBe(false);
        expect((outcome as { error: unknown }).error).toBeInstanceOf(WeightsFormatError);
      }),
      { numRuns: runs, seed: SEED },
    );
  });

  it('any one or two flipped bytes give a WeightsFormatError or exactly the original tensors', () => {
    const flips = fc.array(fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), {
      minLength: 1,
      maxLength: 2,
    });
    fc.assert(
      fc.property(flips, (changes) => {
        const damaged = changes.reduce((b, [at, mask]) => flip(b, at, mask), bytes);
        const outcome = attempt(() => readTorchStateDict(damaged));
        if (outcome.ok) expect(outcome.value).toEqual(original);
        else expect(outcome.error).toBeInstanceOf(WeightsFormatError);
      }),
      { numRuns: runs, seed: SEED },
    );
  });
});

describe('readTorchStateDict on a damaged data.pkl with a valid CRC', () => {
  it('flipped pickle bytes (zip rebuilt around them) give a WeightsFormatError or well-formed tensors', () => {
    const zip = readZip(fixture('views.pt'), 'views.pt');
    const entries = [...zip.values()].map((e) => [e.name, e.read()] as const);
    const pkl = zip.get('views/data.pkl')!.read();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: pkl.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const damaged = entries.map(([n, b]) => [n, n === 'views/data.pkl' ? flip(b, at, mask) : b] as const);
        const outcome = attempt(() => readTorchStateDict(writeStoredZip(damaged)));
        if (outcome.ok) {
          for (const t of Object.values(outcome.value)) expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
        } else expect(outcome.error).toBeInstanceOf(WeightsFormatError);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });
});

/** Every tensor's data matches its dtype and shape. */
function consistent(content: SafetensorsContent): boolean {
  return Object.values(content.tensors).every(
    (t: HostTensor) => t.data.length === t.shape.reduce((a, b) => a * b, 1),
  );
}

describe.each(['mixed_dtypes.safetensors', 'f32_only.safetensors'])('readSafetensors on damaged %s', (name) => {
  const bytes = fixture(name);
  const original = readSafetensors(bytes);
  const dataStart = 8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));

  it('every truncation is a WeightsFormatError', () => {
    for (let cut = 0; cut < bytes.length; cut++) {
      const outcome = attempt(() => readSafetensors(bytes.subarray(0, cut)));
      expect(outcome.ok, `cut at ${cut}`).toBe(false);
      expect((outcome as { error: unknown }).error).toBeInstanceOf(WeightsFormatError);
    }
  });

  it('a flipped header byte gives a WeightsFormatError or a self-consistent file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: dataStart - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const outcome = attempt(() => readSafetensors(flip(bytes, at, mask)));
        if (outcome.ok) expect(consistent(outcome.value)).toBe(true);
        else expect(outcome.error).toBeInstanceOf(WeightsFormatError);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it('a flipped data byte changes at most the tensor that holds it (the format has no checksum)', () => {
    fc.assert(
      fc.property(fc.integer({ min: dataStart, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const outcome = attempt(() => readSafetensors(flip(bytes, at, mask)));
        if (!outcome.ok) {
          // Only a bool byte that is no longer 0 or 1 is refused.
          expect(outcome.error).toBeInstanceOf(WeightsFormatError);
          expect((outcome.error as WeightsFormatError).message).toMatch(/bool element/);
          return;
        }
        expect(outcome.value.metadata).toEqual(original.metadata);
        const changed = Object.keys(original.tensors).filter((k) => {
          const a = outcome.value.tensors[k]!;
          const b = original.tensors[k]!;
          return !Object.is(a.dtype, b.dtype) || JSON.stringify(a.shape) !== JSON.stringify(b.shape) || !sameBits(a.data, b.data);
        });
        expect(changed.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });
});

function sameBits(a: HostTensor['data'], b: HostTensor['data']): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

describe('readPickle on damaged input', () => {
  it('random flips of a CSR-matrix pickle give a PickleError or a value, never another exception', () => {
    const bytes = pickleCsrMatrix(3, 4, [1, 0, 2, 0, 0, 0, 3.5, 0, 0, 1, 0, 1]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const outcome = attempt(() => readPickle(flip(bytes, at, mask), 'f.pkl', { allow: NUMPY_PICKLE_GLOBALS }));
        if (!outcome.ok) expect(outcome.error).toBeInstanceOf(PickleError);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it('random byte strings after the protocol header give a PickleError or a value', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
        const outcome = attempt(() => readPickle(Uint8Array.of(0x80, 2, ...tail), 'f.pkl', { allow: NUMPY_PICKLE_GLOBALS }));
        if (!outcome.ok) expect(outcome.error).toBeInstanceOf(PickleError);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });
});

/** Pickles of every shape Planetoid's raw files have: a CSR matrix, a 2-D array, an adjacency dict. */
const PICKLES: Readonly<Record<string, Uint8Array>> = {
  'CSR matrix': pickleCsrMatrix(3, 4, [1, 0, 2, 0, 0, 0, 3.5, 0, 0, 1, 0, 1], 'f8'),
  '2-D array': pickleNdArray([3, 2], 'i8', [1, 0, 0, 1, 1, 0]),
  'adjacency dict': pickleAdjacency(new Map([[0, [1, 2, 300]], [1, [0]], [2, [0, 70000]], [300, []]])),
};
/** Far above any read of these few hundred bytes: a read that loops or blows up is caught here. */
const READ_BOUND_MS = 1_000;

/** Reads `bytes`: a value or a PickleError, within the time bound; never another exception. */
function readWithin(bytes: Uint8Array): Outcome<unknown> {
  const started = Date.now();
  const outcome = attempt(() => readPickle(bytes, 'f.pkl', { allow: NUMPY_PICKLE_GLOBALS }));
  expect(Date.now() - started).toBeLessThan(READ_BOUND_MS);
  if (!outcome.ok) expect(outcome.error).toBeInstanceOf(PickleError);
  return outcome;
}

describe.each(Object.keys(PICKLES))('readPickle on a damaged %s (fast-check, within a time bound)', (name) => {
  const bytes = PICKLES[name]!;

  it('reads intact', () => {
    expect(readWithin(bytes).ok).toBe(true);
  });

  it('every truncation is a PickleError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => {
        expect(readWithin(bytes.subarray(0, cut)).ok).toBe(false);
      }),
      fuzzParameters(300),
    );
  });

  it('one to four flipped bytes, then maybe a cut, give a PickleError or a value', () => {
    const flips = fc.array(fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(flips, fc.option(fc.integer({ min: 0, max: bytes.length }), { nil: undefined }), (changes, cut) => {
        const damaged = changes.reduce((b, [at, mask]) => flip(b, at, mask), bytes);
        readWithin(cut === undefined ? damaged : damaged.subarray(0, cut));
      }),
      fuzzParameters(1000),
    );
  });
});
