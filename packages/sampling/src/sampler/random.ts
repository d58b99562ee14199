/**
 * Random numbers of the samplers: every batch draws from its own stream,
 * seeded by (loader seed, epoch, batch index), so a batch is the same
 * whichever thread samples it and however many threads there are.
 */

/** A 32-bit hash of several integers (murmur3's finaliser over a running mix). */
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Stream tags: the same (seed, epoch, index) gives independent streams for different uses. */
export const STREAM = { shuffle: 1, batch: 2, negatives: 3, split: 4 } as const;

/** The seed of batch `batch` of epoch `epoch`: what a sampling thread needs besides the graph and the seeds. */
export function batchSeed(seed: number, epoch: number, batch: number): number {
  return hashSeed(seed, STREAM.batch, epoch, batch);
}

/**
 * A small, fast generator (mulberry32) with the draws the samplers need.
 * The state is one number: `state` can be read to resume a stream elsewhere.
 */
export class Random {
  state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi) (hi > lo). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo));
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}
