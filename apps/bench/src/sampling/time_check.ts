/**
 * The temporal loader's promise, checked on every batch it gives: no sampled
 * node of a timed type is newer than the seed it was sampled for (temporal
 * batches are disjoint: `batch[type][i]` is node i's seed).
 */
import type { SampledHeteroMeta } from '@gnnjs/sampling';

/** Sampled nodes of timed types (the seeds themselves excluded) and how many are newer than their seed. */
export function futureNeighbours(batch: Pick<SampledHeteroMeta<string>, 'inputType' | 'nId' | 'batch' | 'batchSize' | 'seedTime'>, times: ReadonlyMap<string, ArrayLike<number>>): { checked: number; future: number } {
  if (batch.batch === undefined || batch.seedTime === undefined) throw new Error('not a temporal batch: it has no seed per node or no seed times');
  let checked = 0;
  let future = 0;
  for (const [type, time] of times) {
    const ids = batch.nId[type];
    const seedOf = batch.batch[type];
    if (ids === undefined || seedOf === undefined) continue;
    for (let i = type === batch.inputType ? batch.batchSize : 0; i < ids.length; i++) {
      checked++;
      if (time[ids[i]!]! > batch.seedTime[seedOf[i]!]!) future++;
    }
  }
  return { checked, future };
}
