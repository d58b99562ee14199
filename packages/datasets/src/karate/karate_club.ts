import { requireGraphFields, type GraphWith } from '@gnnjs/core';
import { buildGraph } from '../graph/build_graph.js';
import { applyTransform, type TransformLike } from '../transforms/transform.js';
import { KARATE_LABELS, KARATE_NUM_CLASSES, KARATE_NUM_NODES, KARATE_SOURCES, KARATE_TARGETS, KARATE_TRAIN_NODES } from './karate_data.js';

/** The fields the karate club has (and a transform passed to `load` must keep). */
const KARATE_FIELDS = ['x', 'y', 'trainMask', 'numClasses'] as const;

/** What `KarateClub.load` returns: features, labels, a training mask and `numClasses` (no validation or test mask, as PyG's). */
export type KarateClubGraph = GraphWith<(typeof KARATE_FIELDS)[number]>;

/** Options of {@link KarateClub.load}. */
export interface KarateClubOptions {
  readonly transform?: TransformLike | undefined;
}

/**
 * Zachary's karate club as PyG's `KarateClub`: 34 nodes, 156 directed edges,
 * identity features `[34, 34]`, 4 classes, `trainMask` on nodes 0, 4, 8 and 24
 * (one per class). Embedded: no download.
 *
 * @example
 * ```ts
 * const karate = KarateClub.load();
 * karate.numClasses; // 4
 * ```
 */
export const KarateClub = {
  load(options: KarateClubOptions = {}): KarateClubGraph {
    const n = KARATE_NUM_NODES;
    const x = new Float32Array(n * n);
    for (let i = 0; i < n; i++) x[i * n + i] = 1;
    const trainMask = new Uint8Array(n);
    for (const i of KARATE_TRAIN_NODES) trainMask[i] = 1;
    const graph = buildGraph({
      numNodes: n,
      edgeIndex: Int32Array.from([...KARATE_SOURCES, ...KARATE_TARGETS]),
      x,
      numFeatures: n,
      y: Int32Array.from(KARATE_LABELS),
      trainMask,
      numClasses: KARATE_NUM_CLASSES,
    });
    const out = applyTransform(options.transform, graph);
    try {
      return requireGraphFields(out, KARATE_FIELDS);
    } catch (error) {
      out.dispose();
      throw error;
    }
  },
} as const;

