/**
 * One row's explanation on the payments data, in the dataset's own ids: the
 * row's temporal neighbourhood (what the model saw when it scored it),
 * `@gnnjs/train`'s `explainPrediction` on it, and the neighbourhood with each
 * edge's attention and attribution, for drawing.
 */
import type { SampledHeteroGraph } from '@gnnjs/sampling';
import { disposeAttention, explainPrediction, type FraudBatch, type FraudHyperParameters, type FraudModel, type NodeRef, type PredictionExplanation } from '@gnnjs/train';
import { UsageError } from '../cli_error.js';
import { samplingOptions, snapshotLoader, toFraudBatch } from './batches.js';
import { SPLITS, type PaymentsData, type SplitKey } from './data.js';

/** A node by type and the dataset's id (primary key). */
export interface GlobalRef {
  type: string;
  id: number;
}

/** An edge of the neighbourhood, with what each explanation says of it. */
export interface NeighbourhoodEdge {
  relation: string;
  source: GlobalRef;
  target: GlobalRef;
  /** Attention per layer (heads averaged); absent for models without attention. */
  attention?: Record<string, number>;
  /** Integrated-gradients attribution of the edge; absent for models without edge masks. */
  attribution?: number;
}

/** {@link explainRow}'s result: plain JSON (`gnnjs explain --json`). */
export interface RowExplanation {
  model: string;
  task: string;
  split: SplitKey;
  target: GlobalRef;
  /** The label as the dataset has it (synthetic: see the generator's ground truth for what really happened). */
  label: number;
  score: number;
  logit: number;
  /** Nodes of the neighbourhood: the target first (hop 0), then by hop. */
  nodes: Array<GlobalRef & { hop: number }>;
  edges: NeighbourhoodEdge[];
  /** `explainPrediction`'s result with every node as the dataset's ids. */
  explanation: Omit<PredictionExplanation, 'target'> & { target: GlobalRef };
}

/** Options of {@link explainRow}. */
export interface ExplainRowOptions {
  steps?: number;
  topK?: number;
}

/** The split whose target rows hold `id` (test first: the period an analyst reviews). */
export function splitOf(data: PaymentsData, id: number): SplitKey {
  for (const split of [...SPLITS].reverse()) if (data.splits[split].index.includes(id)) return split;
  const type = data.targetType;
  const rows = data.splits.test.graph.node(type).numNodes;
  throw new UsageError(`${type} ${id} is not a row of any split (ids run 0..${rows - 1}; the task scores rows up to ${data.task.split.test})`);
}

/** Maps every `{ type, row }` of an explanation of a sampled batch to `{ type, id }`. */
function globalise(value: unknown, toGlobal: (ref: NodeRef) => GlobalRef): unknown {
  if (Array.isArray(value)) return value.map((v) => globalise(v, toGlobal));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record['type'] === 'string' && typeof record['row'] === 'number' && Object.keys(record).length === 2) return toGlobal(record as unknown as NodeRef);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, globalise(v, toGlobal)]));
}

/**
 * Explains the model's score of target row `id` (a transaction for fraud, an
 * account cut-off for churn) on the neighbourhood the temporal sampler gives
 * it in its split's snapshot: the same subgraph, hence the same score, as in
 * evaluation.
 */
export async function explainRow(data: PaymentsData, model: FraudModel, hp: FraudHyperParameters, id: number, options: ExplainRowOptions = {}): Promise<RowExplanation> {
  const split = splitOf(data, id);
  const snapshot = data.splits[split];
  const loader = snapshotLoader(data, snapshot, Int32Array.of(id), { ...samplingOptions(hp, model.usesGraph, 0), batchSize: 1 });
  const sampled = (await loader.batch(loader.batchPositions(0)[0]!)) as SampledHeteroGraph;
  const batch = toFraudBatch(data, snapshot, sampled);
  try {
    const toGlobal = (ref: NodeRef): GlobalRef => ({ type: ref.type, id: data.keys[ref.type]![sampled.nId[ref.type]![ref.row]!]! });
    const why = explainPrediction(model, batch, 0, { steps: options.steps ?? 50, topK: options.topK ?? 10, featureNames: data.featureNames });
    const edges = neighbourhoodEdges(model, batch, toGlobal, why);
    const hops = nodeHops(edges, toGlobal({ type: data.targetType, row: 0 }));
    return {
      model: model.name,
      task: data.task.name,
      split,
      target: toGlobal({ type: data.targetType, row: 0 }),
      label: snapshot.labels[id]!,
      score: why.score,
      logit: why.logit,
      nodes: hops,
      edges,
      explanation: globalise(why, toGlobal) as RowExplanation['explanation'],
    };
  } finally {
    batch.dispose();
    sampled.dispose();
  }
}

/** Every edge of the batch with its attention per layer and its attribution. */
function neighbourhoodEdges(model: FraudModel, batch: FraudBatch, toGlobal: (ref: NodeRef) => GlobalRef, why: PredictionExplanation): NeighbourhoodEdge[] {
  model.train(false);
  const out = model.forward(batch.xDict, batch.edgeIndexDict, { returnAttentionWeights: true });
  try {
    const attributions = new Map<string, number>();
    for (const e of [...(why.edges?.top ?? []), ...(why.edges?.intoTarget ?? [])]) attributions.set(`${e.relation}|${e.source.row}|${e.target.row}`, e.attribution);
    const edges: NeighbourhoodEdge[] = [];
    for (const [relation, edgeIndex] of Object.entries(batch.edgeIndexDict)) {
      const [srcType, , dstType] = relation.split('__') as [string, string, string];
      const E = edgeIndex.shape[1];
      const e = edgeIndex.dataSync();
      const alphas = Object.entries(out.attention).flatMap(([layer, rels]) => (rels[relation] === undefined ? [] : [[layer, rels[relation]!.alpha.dataSync(), rels[relation]!.alpha.shape[1] ?? 1] as const]));
      for (let k = 0; k < E; k++) {
        const attention = Object.fromEntries(alphas.filter(([, a, h]) => (k + 1) * h <= a.length).map(([layer, a, h]) => [layer, Array.from(a.subarray(k * h, (k + 1) * h)).reduce((s, v) => s + v, 0) / h]));
        const attribution = attributions.get(`${relation}|${e[k]}|${e[E + k]}`);
        edges.push({
          relation,
          source: toGlobal({ type: srcType, row: e[k]! }),
          target: toGlobal({ type: dstType, row: e[E + k]! }),
          ...(Object.keys(attention).length === 0 ? {} : { attention }),
          ...(attribution === undefined ? {} : { attribution }),
        });
      }
    }
    return edges;
  } finally {
    out.logits.dispose();
    disposeAttention(out.attention);
  }
}

/** Nodes by hop from the target (breadth-first over edges into it, then into those). */
function nodeHops(edges: readonly NeighbourhoodEdge[], target: GlobalRef): Array<GlobalRef & { hop: number }> {
  const key = (r: GlobalRef): string => `${r.type}:${r.id}`;
  const hop = new Map<string, GlobalRef & { hop: number }>([[key(target), { ...target, hop: 0 }]]);
  let frontier = [target];
  for (let h = 1; frontier.length > 0 && h <= 4; h++) {
    const next: GlobalRef[] = [];
    const inFrontier = new Set(frontier.map(key));
    for (const e of edges) {
      if (inFrontier.has(key(e.target)) && !hop.has(key(e.source))) {
        hop.set(key(e.source), { ...e.source, hop: h });
        next.push(e.source);
      }
    }
    frontier = next;
  }
  return [...hop.values()];
}
