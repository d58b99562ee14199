/**
 * Fuzz: checkpoints of modules fast-check draws (nested children, parameters
 * of rank 0 to 3 with empty axes, float32 values from the extremes down to
 * subnormals, int32 buffers, any JSON meta) round-trip exactly through
 * `saveCheckpoint` / `readCheckpoint` / `loadCheckpoint`; a checkpoint whose
 * files are cut or have bytes flipped is a `CheckpointError` (or, for a flip
 * inside config.json's meta, a checkpoint with the same weights), never
 * another exception. Budget and seeds: `fuzzParameters`.
 */
import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { Module } from '@gnnjs/core';
import { fuzzParameters } from '@gnnjs/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors.js';
import { loadCheckpoint, readCheckpoint, saveCheckpoint } from './files.js';
import { CONFIG_FILE, WEIGHTS_FILE, type JsonValue } from './format.js';

interface TensorSpec {
  readonly name: string;
  readonly shape: number[];
  readonly values: number[];
}
interface ModuleSpec {
  readonly parameters: TensorSpec[];
  readonly buffers: TensorSpec[];
  readonly children: { readonly name: string; readonly spec: ModuleSpec }[];
}

/** A module built from a spec; `fill` replaces every value (a fresh model to load into). */
class Drawn extends Module {
  constructor(spec: ModuleSpec, fill?: number) {
    super();
    const values = (t: TensorSpec): number[] => (fill === undefined ? t.values : t.values.map(() => fill));
    // tidy: the initial values die, the variables stay.
    for (const p of spec.parameters) this.registerParameter(p.name, tf.tidy(() => tf.variable(tf.tensor(values(p), p.shape, 'float32'))));
    for (const b of spec.buffers) this.registerBuffer(b.name, tf.tidy(() => tf.variable(tf.tensor(values(b), b.shape, 'int32'), false)));
    for (const c of spec.children) this.registerModule(c.name, new Drawn(c.spec, fill));
  }
}

const shape = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });
const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
/**
 * float32 values: extremes, subnormals, integers; no NaN or infinity (a
 * checkpoint refuses those). -0 is drawn as +0: weights.json is JSON, which
 * writes -0 as 0 (the one value whose bits do not round-trip; no result but
 * 1/w differs).
 */
const float32 = fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
const tensorSpec = (values: fc.Arbitrary<number>) => (name: string) =>
  shape.chain((s) => fc.array(values, { minLength: size(s), maxLength: size(s) }).map((v): TensorSpec => ({ name, shape: s, values: v })));
const names = (max: number) => fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_]{1,5}$/), { maxLength: max });

/** Parameters, buffers and children under distinct names (a module's names share one namespace). */
const moduleSpec: fc.Memo<ModuleSpec> = fc.memo((depth) =>
  names(6).chain((all) => {
    const [p, b, c] = [all.slice(0, 3), all.slice(3, 4), depth > 1 ? all.slice(4) : []];
    return fc.record({
      parameters: fc.tuple(...p.map(tensorSpec(float32))),
      buffers: fc.tuple(...b.map(tensorSpec(fc.integer({ min: -(2 ** 24), max: 2 ** 24 })))),
      children: fc.tuple(...c.map((name) => moduleSpec(depth - 1).map((spec) => ({ name, spec })))),
    });
  }),
);

async function stateValues(m: Module): Promise<Record<string, number[]>> {
  return Object.fromEntries(await Promise.all(Object.entries(m.stateDict()).map(async ([k, t]) => [k, Array.from(await t.data())] as const)));
}

let root: string;
let count = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'gnnjs-ckpt-fuzz-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('checkpoints of drawn modules', () => {
  it('round-trip exactly (values, shapes, dtypes, meta) and leak nothing', async () => {
    await fc.assert(
      fc.asyncProperty(moduleSpec(2), fc.jsonValue(), async (spec, meta) => {
        const before = tf.memory().numTensors;
        const dir = join(root, `rt${count++}`);
        const saved = new Drawn(spec);
        await saveCheckpoint(dir, saved, { meta: meta as JsonValue });
        const read = await readCheckpoint(dir);
        const want = await stateValues(saved);
        expect(Object.fromEntries(Object.entries(read.weights).map(([k, t]) => [k, t.data]))).toEqual(want);
        const loaded = new Drawn(spec, 1);
        const { meta: readMeta } = await loadCheckpoint(dir, loaded);
        expect(readMeta).toEqual(JSON.parse(JSON.stringify(meta)));
        expect(await stateValues(loaded)).toEqual(want);
        for (const [k, t] of Object.entries(loaded.stateDict())) expect([k, t.dtype, t.shape]).toEqual([k, saved.stateDict()[k]!.dtype, saved.stateDict()[k]!.shape]);
        saved.dispose();
        loaded.dispose();
        expect(tf.memory().numTensors).toBe(before);
      }),
      fuzzParameters(40),
    );
  }, 120_000);

  it('with a file cut or bytes flipped: a CheckpointError, or (meta changed) the same weights', async () => {
    const dir = join(root, 'damaged');
    const model = new Drawn({
      parameters: [{ name: 'w', shape: [2, 3], values: [0.1, -2.5e-8, 3, 4, 5, Math.PI] }],
      buffers: [{ name: 'n', shape: [], values: [7] }],
      children: [{ name: 'lin', spec: { parameters: [{ name: 'bias', shape: [2], values: [1e-40, -3.4e38] }], buffers: [], children: [] } }],
    });
    await saveCheckpoint(dir, model, { meta: { epoch: 12, note: 'best' } });
    const original = { [CONFIG_FILE]: await readFile(join(dir, CONFIG_FILE)), [WEIGHTS_FILE]: await readFile(join(dir, WEIGHTS_FILE)) };
    const weights = (await readCheckpoint(dir)).weights;
    const damage = fc.record({
      file: fc.constantFrom(CONFIG_FILE, WEIGHTS_FILE),
      cut: fc.option(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { nil: undefined }),
      flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(damage.filter((d) => d.cut !== undefined || d.flips.length > 0), async ({ file, cut, flips }) => {
        const bytes = new Uint8Array(original[file]);
        for (const [at, mask] of flips) bytes[Math.floor(at * bytes.length)]! ^= mask;
        const damaged = cut === undefined ? bytes : bytes.subarray(0, Math.floor(cut * bytes.length));
        await writeFile(join(dir, file), damaged);
        try {
          const read = await readCheckpoint(dir).catch((e: unknown) => e);
          if (read instanceof Error) {
            expect(read, String(read)).toBeInstanceOf(CheckpointError);
            return;
          }
          // Only a change inside config.json that keeps it valid can pass: the weights are checksummed.
          const changed = damaged.length !== original[file].length || damaged.some((v, i) => v !== original[file][i]);
          if (changed) expect(file).toBe(CONFIG_FILE);
          expect((read as { weights: unknown }).weights).toEqual(weights);
        } finally {
          await writeFile(join(dir, file), original[file]);
        }
      }),
      fuzzParameters(150),
    );
    model.dispose();
  }, 120_000);
});
