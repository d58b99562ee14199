/**
 * Fuzz: the Planetoid parser on Cora's raw files with one file cut short or
 * with bytes flipped (fast-check draws which, where and how). Every outcome
 * is a `DatasetError` naming the file, or a well-formed dataset; never
 * another exception, and never a hang (each parse is timed).
 * Budget and seeds: `fuzzParameters` (GNNJS_FUZZ_RUNS, GNNJS_FUZZ_SEED).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fuzzParameters } from '@gnnjs/core/testing';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { PLANETOID_MIRROR } from '../testing/paths.js';
import { PLANETOID_PARTS, rawFileName } from './names.js';
import { parsePlanetoidFiles } from './parse.js';
import type { PlanetoidData } from './planetoid_data.js';

const files = new Map(PLANETOID_PARTS.map((part) => [rawFileName('Cora', part), new Uint8Array(readFileSync(join(PLANETOID_MIRROR, rawFileName('Cora', part))))]));
/** Far above a parse of all eight files (about 0.1 s); a parse that loops is caught here. */
const BOUND_MS = 5_000;

function wellFormed(d: PlanetoidData): void {
  expect(d.x.length).toBe(d.numNodes * d.numFeatures);
  expect(d.y.length).toBe(d.numNodes);
  expect(d.edgeIndex.length).toBe(2 * d.numEdges);
  expect(d.edgeIndex.every((v) => v >= 0 && v < d.numNodes)).toBe(true);
  expect(d.y.every((c) => c >= 0 && c < d.numClasses)).toBe(true);
  for (const mask of [d.trainMask, d.valMask, d.testMask]) expect(mask.length).toBe(d.numNodes);
}

function parseDamaged(file: string, damaged: Uint8Array): void {
  const started = Date.now();
  let outcome: unknown;
  try {
    wellFormed(parsePlanetoidFiles('Cora', new Map([...files, [file, damaged]])));
  } catch (error) {
    outcome = error;
  }
  expect(Date.now() - started).toBeLessThan(BOUND_MS);
  if (outcome === undefined) return;
  expect(outcome, String(outcome)).toBeInstanceOf(DatasetError);
  expect((outcome as DatasetError).file).toBe(file);
}

/** A file, and positions in it. */
const inFile = <T>(at: (length: number) => fc.Arbitrary<T>): fc.Arbitrary<[string, T]> =>
  fc.constantFrom(...files.keys()).chain((file) => fc.tuple(fc.constant(file), at(files.get(file)!.length)));

describe('parsePlanetoidFiles on damaged Cora files', () => {
  it('a file cut anywhere gives a DatasetError naming it, or a well-formed dataset', () => {
    fc.assert(
      fc.property(inFile((n) => fc.integer({ min: 0, max: n - 1 })), ([file, cut]) => {
        parseDamaged(file, files.get(file)!.subarray(0, cut));
      }),
      fuzzParameters(150),
    );
  }, 120_000);

  it('one to three flipped bytes give a DatasetError naming the file, or a well-formed dataset', () => {
    const flips = (n: number) => fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(inFile(flips), ([file, changes]) => {
        const damaged = files.get(file)!.slice();
        for (const [at, mask] of changes) damaged[at]! ^= mask;
        parseDamaged(file, damaged);
      }),
      fuzzParameters(200),
    );
  }, 120_000);
});
