/**
 * Heterogeneous layers against the homogeneous graph of the same size: N
 * nodes of two types (`a`, `b`, N/2 each), E random edges spread evenly over
 * R = 1..5 relations (R = 1: `a→a`; then `a→b`, `b→a`, `a→a`, `b→b`, a
 * second `a→b`: every type a later layer reads is some relation's
 * destination), 64
 * features, 4 classes on type `a`. One training epoch (`@gnnjs/train`'s
 * `trainEpoch`: forward, cross-entropy on `a`'s training rows, backward,
 * Adam) of
 * - `toHetero` of a 2-layer GAT (`GATConv([-1, -1], 8, heads=8)`, ELU,
 *   `GATConv([-1, -1], 4)`, no self-loops): one GAT per relation and layer,
 *   outputs summed per destination type;
 * - `HGTConv(-1, 64, heads=8)` then `Linear(64, 4)` on `a`: one softmax over
 *   all relations into a type, the relations batched into one kernel each;
 * and, as the reference, the same 2-layer GAT on one homogeneous graph of N
 * nodes and E edges. The ratio column is epoch time / the homogeneous GAT's:
 * the price of R separate relations.
 */
import * as tf from '@tensorflow/tfjs-core';
import { HeteroGraph, Module, manualSeed, type EdgeType } from '@gnnjs/core';
import { GATConv, GraphSequential, HGTConv, Linear, elu, toHetero } from '@gnnjs/layers';
import { Adam, NodeClassificationTask, trainEpoch, type StepOptions } from '@gnnjs/train';
import { measure, type TimingOptions } from '../timing.js';

export interface HeteroRelationsResult {
  kind: 'hetero-relations';
  backend: string;
  /** `'GAT'` (homogeneous reference), `'toHetero(GAT)'` or `'HGT'`. */
  model: string;
  /** Relations (0 for the homogeneous graph). */
  relations: number;
  numNodes: number;
  numEdges: number;
  trainEpochMedianMs: number;
  trainEpochMinMs: number;
  trainEpochCpuMedianMs: number;
  /** Epoch time / the homogeneous GAT's on this backend. */
  ratio?: number;
  /** The same with process CPU time: the steadier figure when other work shares the machine. */
  cpuRatio?: number;
  tensorGrowth: number;
}

const FEATURES = 64;
const CLASSES = 4;
const RELATIONS: readonly EdgeType<'a' | 'b'>[] = [
  ['a', 'r0', 'b'],
  ['b', 'r1', 'a'],
  ['a', 'r2', 'a'],
  ['b', 'r3', 'b'],
  ['a', 'r4', 'b'],
];

/** The first R relations; one relation is `a→a`, so that a 2-layer model has `a` as a destination. */
const relationsOf = (r: number): readonly EdgeType<'a' | 'b'>[] => (r === 1 ? [RELATIONS[2]!] : RELATIONS.slice(0, r));

/** A seeded uniform integer stream (mulberry32), so every run draws the same graph. */
function rng(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

function randomEdges(numEdges: number, numSrc: number, numDst: number, draw: (n: number) => number): Int32Array[] {
  const src = new Int32Array(numEdges);
  const dst = new Int32Array(numEdges);
  for (let e = 0; e < numEdges; e++) {
    src[e] = draw(numSrc);
    dst[e] = draw(numDst);
  }
  return [src, dst];
}

const gat = () =>
  new GraphSequential([
    ['conv1', () => new GATConv([-1, -1], 8, { heads: 8, addSelfLoops: false })],
    elu,
    ['conv2', () => new GATConv([-1, -1], CLASSES, { addSelfLoops: false })],
  ]);

class HgtModel extends Module {
  readonly conv: HGTConv;
  readonly lin: Linear;
  constructor(metadata: ReturnType<HeteroGraph['metadata']>) {
    super();
    this.conv = this.registerModule('conv', new HGTConv(-1, FEATURES, metadata, { heads: 8 }));
    this.lin = this.registerModule('lin', new Linear(FEATURES, CLASSES));
  }
  forward(xDict: Record<string, tf.Tensor2D>, edgeIndexDict: Record<string, tf.Tensor2D>): tf.Tensor2D {
    return tf.tidy(() => this.lin.forward(this.conv.forward(xDict, edgeIndexDict)['a']!));
  }
}

interface Batch {
  y: tf.Tensor1D;
  trainIndex: tf.Tensor1D;
}

/** Times `trainEpoch` of `model` on `batch`; the tensor growth is over the measured epochs. */
async function time<M extends Module, B extends Batch>(model: M, batch: B, forward: (m: M, b: B) => tf.Tensor, timing: TimingOptions) {
  const optimizer = new Adam(model.parameters(), { lr: 0.005 });
  // `trainEpoch` infers whether `forward` is needed from M; here it always is.
  const step = { task: new NodeClassificationTask({ numClasses: CLASSES }), optimizer, forward } as unknown as StepOptions<M, B, NodeClassificationTask>;
  await trainEpoch(model, batch, step);
  const before = tf.memory().numTensors;
  const t = await measure(() => trainEpoch(model, batch, step), timing);
  const tensorGrowth = tf.memory().numTensors - before;
  optimizer.dispose();
  return { ...t, tensorGrowth };
}

/**
 * The sizes and timing of the workload: N = 10 000 with E = 10·N (PyG's
 * scaling convention) and with E = N/5 (so few edges that what remains is
 * each relation's own dense work: its layers' projections), 2 warm-up and 10
 * measured epochs; `quick`: N = 2 000, E = 10·N, 3 epochs.
 */
export function heteroRelationsPlan(quick: boolean): { sizes: Array<{ numNodes: number; numEdges: number }>; timing: TimingOptions } {
  return quick
    ? { sizes: [{ numNodes: 2_000, numEdges: 20_000 }], timing: { warmup: 1, iterations: 3 } }
    : { sizes: [{ numNodes: 10_000, numEdges: 100_000 }, { numNodes: 10_000, numEdges: 2_000 }], timing: { warmup: 2, iterations: 10 } };
}

/** Every row of one backend (already active) and size: the homogeneous GAT, then toHetero(GAT) and HGT for R = 1..5. */
export async function runHeteroRelationsWorkload(
  backend: string,
  sizes: { numNodes: number; numEdges: number },
  timing: TimingOptions,
  log: (line: string) => void = () => {},
): Promise<HeteroRelationsResult[]> {
  const { numNodes, numEdges } = sizes;
  const half = numNodes / 2;
  const draw = rng(17);
  const labels = Int32Array.from({ length: numNodes }, () => draw(CLASSES));
  const features = tf.randomNormal([numNodes, FEATURES], 0, 1, 'float32', 3) as tf.Tensor2D;
  const trainIndex = tf.range(0, Math.floor(half / 5), 1, 'int32') as tf.Tensor1D;
  const results: HeteroRelationsResult[] = [];
  type Timed = Awaited<ReturnType<typeof time>>;
  const row = (model: string, relations: number, t: Timed, reference: Timed): HeteroRelationsResult => ({
    kind: 'hetero-relations', backend, model, relations, numNodes, numEdges,
    trainEpochMedianMs: t.medianMs, trainEpochMinMs: t.minMs, trainEpochCpuMedianMs: t.cpuMedianMs,
    ratio: t.medianMs / reference.medianMs, cpuRatio: t.cpuMedianMs / reference.cpuMedianMs, tensorGrowth: t.tensorGrowth,
  });

  log(`bench: ${backend} hetero relations, homogeneous GAT N=${numNodes} E=${numEdges}`);
  manualSeed(0);
  const [src, dst] = randomEdges(numEdges, numNodes, numNodes, draw);
  const homogeneous = {
    x: features,
    edgeIndex: tf.tensor2d([...src!, ...dst!], [2, numEdges], 'int32'),
    y: tf.tensor1d(labels, 'int32'),
    trainIndex,
  };
  const reference = gat();
  const ref = await time(reference, homogeneous, (m, b) => m.forward(b.x, b.edgeIndex), timing);
  results.push(row('GAT', 0, ref, ref));
  reference.dispose();
  tf.dispose([homogeneous.edgeIndex, homogeneous.y]);

  for (let r = 1; r <= RELATIONS.length; r++) {
    const relations = relationsOf(r);
    const perRelation = Math.floor(numEdges / r);
    const graph = new HeteroGraph({
      nodes: {
        a: { x: tf.slice(features, [0, 0], [half, FEATURES]) as tf.Tensor2D, y: tf.tensor1d(labels.subarray(0, half), 'int32') },
        b: { x: tf.slice(features, [half, 0], [half, FEATURES]) as tf.Tensor2D },
      },
      edges: relations.map((type) => ({ type, edgeIndex: randomEdges(perRelation, half, half, draw) })),
    });
    const batch = { xDict: graph.xDict(), edgeIndexDict: graph.edgeIndexDict(), y: graph.node('a').y as tf.Tensor1D, trainIndex };
    log(`bench: ${backend} hetero relations, toHetero(GAT) R=${r}`);
    manualSeed(0);
    const hetero = toHetero(gat(), graph.metadata()).materialize(graph);
    results.push(row('toHetero(GAT)', r, await time(hetero, batch, (m, b) => m.forward(b.xDict, b.edgeIndexDict)['a']!, timing), ref));
    hetero.dispose();
    log(`bench: ${backend} hetero relations, HGT R=${r}`);
    const hgt = new HgtModel(graph.metadata());
    hgt.conv.materialize(graph);
    results.push(row('HGT', r, await time(hgt, batch, (m, b) => m.forward(b.xDict, b.edgeIndexDict), timing), ref));
    hgt.dispose();
    graph.dispose();
  }
  tf.dispose([features, trainIndex]);
  return results;
}

/** The markdown table of these rows. */
export function heteroRelationsTable(rows: readonly HeteroRelationsResult[]): string {
  const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const head =
    '| backend | model | relations | N | E | train epoch median (min) ms | epoch CPU ms | ratio to homogeneous GAT | CPU ratio | tensor growth |\n' +
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.backend} | ${r.model} | ${r.relations === 0 ? 'homogeneous' : r.relations} | ${r.numNodes} | ${r.numEdges} | ` +
      `${ms(r.trainEpochMedianMs)} (${ms(r.trainEpochMinMs)}) | ${ms(r.trainEpochCpuMedianMs)} | ` +
      `${r.ratio === undefined ? '–' : `${r.ratio.toFixed(2)}×`} | ${r.cpuRatio === undefined ? '–' : `${r.cpuRatio.toFixed(2)}×`} | ${r.tensorGrowth} |`,
  );
  return [head, ...lines].join('\n');
}
