import { DatasetError } from '../errors.js';
import { DEFAULT_SEED, Rng } from '../random/rng.js';
import { fullSplit, perClassSplit } from '../splits/node_splits.js';
import type { PlanetoidData } from './planetoid_data.js';

/** Planetoid's splits (PyG's `split` argument, without `geom-gcn`). */
export type PlanetoidSplit = 'public' | 'full' | 'random';

/** Options of `split: 'random'` (PyG's defaults). */
export interface PlanetoidSplitOptions {
  readonly split?: PlanetoidSplit | undefined;
  /** Training nodes per class for `'random'` (default 20). */
  readonly numTrainPerClass?: number | undefined;
  /** Validation nodes for `'random'` (default 500). */
  readonly numVal?: number | undefined;
  /** Test nodes for `'random'` (default 1000). */
  readonly numTest?: number | undefined;
  /** Seed of the `'random'` split (default 0). */
  readonly seed?: number | undefined;
}

/**
 * Applies PyG's `split`: `'public'` keeps the masks, `'full'` trains on every
 * node outside validation and test, `'random'` draws `numTrainPerClass` nodes
 * per class, then `numVal` and `numTest` nodes from the rest (seeded).
 */
export function applyPlanetoidSplit(data: PlanetoidData, options: PlanetoidSplitOptions): PlanetoidData {
  const split = checkPlanetoidSplit(options.split);
  switch (split) {
    case 'public':
      return data;
    case 'full':
      return { ...data, trainMask: fullSplit(data.valMask, data.testMask) };
    case 'random': {
      const masks = perClassSplit(
        data.y,
        data.numClasses,
        {
          numTrainPerClass: options.numTrainPerClass ?? 20,
          numVal: options.numVal ?? 500,
          numTest: options.numTest ?? 1000,
        },
        new Rng(options.seed ?? DEFAULT_SEED),
      );
      return { ...data, ...masks };
    }
  }
}

/** Validates a `split` option (case-insensitive, as PyG) before any download. */
export function checkPlanetoidSplit(split: string | undefined): PlanetoidSplit {
  const value = (split ?? 'public').toLowerCase();
  if (value !== 'public' && value !== 'full' && value !== 'random') {
    throw new DatasetError(`unknown split '${String(split)}'; expected 'public', 'full' or 'random'`);
  }
  return value;
}
