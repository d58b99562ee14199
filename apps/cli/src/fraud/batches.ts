/**
 * Temporal mini-batches of the payments snapshots as the fraud models read
 * them: `@gnnjs/sampling`'s `NeighborLoader` with `timeAttr` (no neighbour
 * newer than its seed) taking each relation's most recent `fanout` rows per
 * hop, each batch's `since_seed` column filled in, as `FraudBatch`es.
 */
import * as tf from '@tensorflow/tfjs-core';
import { NeighborLoader, type SampledHeteroGraph } from '@gnnjs/sampling';
import type { FraudBatch, FraudHyperParameters } from '@gnnjs/train';
import type { PaymentsData, PaymentsSnapshot, SplitKey } from './data.js';
import { SINCE_SEED } from './features.js';

/** A {@link FraudBatch} made from a sampled batch; `dispose` frees what was made for it. */
export interface PaymentsBatch extends FraudBatch {
  readonly sampled: SampledHeteroGraph;
  dispose(): void;
}

/** How a loader samples. */
export interface SamplingOptions {
  /** Hops (= the model's layers); 0 neighbours per hop when the model reads no graph. */
  hops: number;
  fanout: number;
  batchSize: number;
  usesGraph: boolean;
  seed: number;
}

/** `SamplingOptions` of a run. */
export function samplingOptions(hp: FraudHyperParameters, usesGraph: boolean, seed: number): SamplingOptions {
  return { hops: hp.layers, fanout: hp.fanout, batchSize: hp.batchSize, usesGraph, seed };
}

/** A loader over some seeds of a snapshot. */
export function snapshotLoader(data: PaymentsData, snapshot: PaymentsSnapshot, seeds: Int32Array, options: SamplingOptions & { shuffle?: boolean }): NeighborLoader {
  return new NeighborLoader(snapshot.stores, {
    numNeighbors: Array.from({ length: options.hops }, () => (options.usesGraph ? options.fanout : 0)),
    inputNodes: [data.targetType, seeds],
    batchSize: options.batchSize,
    shuffle: options.shuffle ?? false,
    timeAttr: 'time',
    temporalStrategy: 'last',
    staticNodeTypes: [...data.staticTypes],
    seed: options.seed,
  });
}

/** log(1 + hours) / 4 between each sampled row and its seed; 0 for the seeds. */
export function sinceSeed(batch: SampledHeteroGraph, type: string, time: Float64Array, seedIds: Int32Array, seedTime: Float64Array): Float32Array {
  const ids = batch.nId[type]!;
  const owner = batch.batch?.[type];
  const out = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const seedAt = owner === undefined ? (i < seedIds.length ? seedTime[seedIds[i]!]! : time[ids[i]!]!) : seedTime[seedIds[owner[i]!]!]!;
    out[i] = Math.log1p(Math.max(0, seedAt - time[ids[i]!]!) / 3600) / 4;
  }
  return out;
}

/** The batch as a {@link FraudBatch}: timed types' last column (`since_seed`) replaced by the hours before the seed. */
export function toFraudBatch(data: PaymentsData, snapshot: PaymentsSnapshot, sampled: SampledHeteroGraph): PaymentsBatch {
  const seedIds = sampled.nId[data.targetType]!;
  const seedTime = snapshot.time[data.targetType]!;
  const made: tf.Tensor[] = [];
  const xDict: Record<string, tf.Tensor2D> = {};
  for (const [type, x] of Object.entries(sampled.xDict())) {
    const names = data.featureNames[type]!;
    const time = snapshot.time[type];
    if (time === undefined || names[names.length - 1] !== SINCE_SEED) {
      xDict[type] = x;
      continue;
    }
    const t = tf.tidy(() => {
      const dt = tf.tensor2d(sinceSeed(sampled, type, time, seedIds, seedTime), [x.shape[0], 1]);
      return tf.concat([tf.slice(x, [0, 0], [x.shape[0], x.shape[1] - 1]), dt], 1) as tf.Tensor2D;
    });
    made.push(t);
    xDict[type] = t;
  }
  return {
    xDict,
    edgeIndexDict: sampled.edgeIndexDict(),
    y: sampled.node(data.targetType).y as tf.Tensor1D,
    batchSize: sampled.batchSize,
    sampled,
    dispose: () => tf.dispose(made),
  };
}

/** Seeds of an epoch: every positive, and each negative with probability `rate` (seeded by run and epoch). */
export function epochSeeds(snapshot: PaymentsSnapshot, rate: number, seed: number, epoch: number): Int32Array {
  if (rate >= 1) return snapshot.index;
  let state = (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca6b)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return snapshot.index.filter((i) => snapshot.labels[i] === 1 || next() < rate);
}

/**
 * `fit`'s source for a split: a function giving each epoch's batches (the
 * training split resamples its negatives every epoch). Each batch's tensors
 * live until the next is requested.
 */
export function splitSource(data: PaymentsData, split: SplitKey, options: SamplingOptions & { negativeRate?: number }): () => AsyncIterable<PaymentsBatch> {
  const snapshot = data.splits[split];
  let epoch = 0;
  return () => {
    const seeds = split === 'train' ? epochSeeds(snapshot, options.negativeRate ?? 1, options.seed, epoch) : snapshot.index;
    // A loader per epoch (its seeds change): its own seed, so each epoch shuffles differently.
    const loader = snapshotLoader(data, snapshot, seeds, { ...options, seed: (Math.imul(options.seed, 7919) + epoch) >>> 0, shuffle: split === 'train' });
    epoch += 1;
    return (async function* batches(): AsyncGenerator<PaymentsBatch> {
      for await (const sampled of loader as AsyncIterable<SampledHeteroGraph>) {
        const batch = toFraudBatch(data, snapshot, sampled);
        try {
          yield batch;
        } finally {
          batch.dispose();
        }
      }
    })();
  };
}
