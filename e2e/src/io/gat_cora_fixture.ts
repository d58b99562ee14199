/**
 * The shared `fixtures/torch/gat_cora.pt` (a PyG GAT trained on Cora) and what
 * PyG computed with it, plus Cora as PyG loads it, for the tests that
 * reproduce PyG's logits from the weights file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '@gnnjs/core';
import { NormalizeFeatures, Planetoid } from '@gnnjs/datasets';
import { PLANETOID_MIRROR, SHARED_DIR } from '../support/paths.js';

export const TORCH_FIXTURES = path.join(SHARED_DIR, 'fixtures/torch');
export const GAT_CORA_PT = path.join(TORCH_FIXTURES, 'gat_cora.pt');

/** The parts of `gat_cora_expected.json` the tests use. */
export interface GatCoraExpected {
  input_checks: {
    num_nodes: number;
    num_edges: number;
    num_features: number;
    num_classes: number;
    x_sum: number;
    x_row0_nonzero: number[];
    edge_index_first10: [number[], number[]];
    train_mask_count: number;
    val_mask_count: number;
    test_mask_count: number;
    test_index_first10: number[];
  };
  accuracy: { train: number; val: number; test: number };
  pred: number[];
  logits: { shape: [number, number]; data: number[][] };
  min_top2_margin: number;
  state_dict: Record<string, { shape: number[]; sum: number }>;
}

export function gatCoraExpected(): GatCoraExpected {
  return JSON.parse(readFileSync(path.join(TORCH_FIXTURES, 'gat_cora_expected.json'), 'utf8')) as GatCoraExpected;
}

/** Cora with PyG's public split and NormalizeFeatures, from the shared mirror. */
export function loadCora(): Promise<Graph> {
  return Planetoid.load('Cora', { mirror: PLANETOID_MIRROR, cache: false, transform: new NormalizeFeatures() });
}

/** What `input_checks` compares: the facts of our Cora as PyG states them. */
export async function inputFacts(cora: Graph): Promise<GatCoraExpected['input_checks']> {
  const x = cora.x!;
  const row0 = (await tf.tidy(() => tf.slice(x, [0, 0], [1, -1])).array()) as number[][];
  const edges = (await tf.tidy(() => tf.slice(cora.edgeIndex, [0, 0], [2, 10])).array()) as [number[], number[]];
  const count = async (mask: tf.Tensor1D) => Array.from(await mask.data()).reduce((a, b) => a + b, 0);
  const test = await cora.testMask!.data();
  const xSum = Array.from(await x.data()).reduce((a, b) => a + b, 0);
  return {
    num_nodes: cora.numNodes,
    num_edges: cora.numEdges,
    num_features: cora.numFeatures,
    num_classes: cora.numClasses!,
    x_sum: xSum,
    x_row0_nonzero: row0[0]!.flatMap((v, i) => (v !== 0 ? [i] : [])),
    edge_index_first10: edges,
    train_mask_count: await count(cora.trainMask!),
    val_mask_count: await count(cora.valMask!),
    test_mask_count: await count(cora.testMask!),
    test_index_first10: [...test.keys()].filter((i) => test[i] !== 0).slice(0, 10),
  };
}

/** Largest |ours − PyG's| over all logits, and the rows whose arg-max differs. */
export function compareLogits(actual: ArrayLike<number>, expected: GatCoraExpected): { maxError: number; predMismatches: number[] } {
  const classes = expected.logits.shape[1];
  let maxError = 0;
  const predMismatches: number[] = [];
  expected.logits.data.forEach((row, i) => {
    let best = 0;
    row.forEach((want, c) => {
      const got = actual[i * classes + c]!;
      maxError = Math.max(maxError, Math.abs(got - want));
      if (got > actual[i * classes + best]!) best = c;
    });
    if (best !== expected.pred[i]) predMismatches.push(i);
  });
  return { maxError, predMismatches };
}
