import { InvalidArgumentError } from 'commander';

/**
 * Commander argument parser for an integer >= `min` (e.g. `--epochs`).
 *
 * @example
 * ```ts
 * program.option('--epochs <n>', 'epochs', integerAtLeast(1));
 * ```
 */
export function integerAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected an integer >= ${min}.`);
    }
    return n;
  };
}

/** Commander argument parser for a finite number in [min, max] (max excluded when `maxExclusive`). */
export function numberInRange(min: number, max = Infinity, maxExclusive = false): (value: string) => number {
  return (value) => {
    const n = Number(value);
    const tooBig = maxExclusive ? n >= max : n > max;
    if (value.trim() === '' || !Number.isFinite(n) || n < min || tooBig) {
      const upper = max === Infinity ? '' : ` and ${maxExclusive ? '<' : '<='} ${max}`;
      throw new InvalidArgumentError(`expected a number >= ${min}${upper}.`);
    }
    return n;
  };
}

/**
 * Commander argument parser for a comma-separated list of distinct integers >= `min` (e.g. `--seeds 0,1,2`).
 *
 * @example
 * ```ts
 * program.option('--seeds <list>', 'seeds', integerList(0));
 * ```
 */
export function integerList(min: number): (value: string) => number[] {
  const one = integerAtLeast(min);
  return (value) => {
    const list = value.split(',').map((v) => one(v));
    if (new Set(list).size !== list.length) throw new InvalidArgumentError('expected distinct integers.');
    return list;
  };
}
