import type * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { EarlyStopping } from '../callbacks/early_stopping.js';
import type { Optimizer } from '../optim/optimizer.js';
import { BinaryClassificationTask } from '../tasks/binary_classification.js';
import { NodeClassificationTask } from '../tasks/node_classification.js';
import type { fit } from './fit.js';

// Compile-time checks (run by `tsc`, i.e. `pnpm typecheck`): what `fit`
// accepts for which model and batch. Nothing here runs a model.
declare const run: typeof fit;
declare const optimizer: Optimizer;
interface Graph {
  x: tf.Tensor2D;
  edgeIndex: tf.Tensor2D;
  y: tf.Tensor1D;
  trainMask: tf.Tensor1D;
}
/** A heterogeneous batch, as a HeteroGraph might look: stores per node and edge type. */
interface Hetero {
  node(type: string): { x: tf.Tensor2D; y?: tf.Tensor1D };
  edgeIndex(relation: [string, string, string]): tf.Tensor2D;
}
declare const pyg: { forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor2D; train(): void; eval(): void };
declare const whole: { forward(g: Graph): tf.Tensor2D; train(): void; eval(): void };
declare const hetero: { forward(x: Record<string, tf.Tensor2D>, e: Record<string, tf.Tensor2D>): tf.Tensor2D; train(): void; eval(): void };
declare const graph: Graph;
declare const heteroBatch: Hetero;
declare const loader: AsyncIterable<Graph>;

export async function typeChecks(): Promise<void> {
  const task = new NodeClassificationTask();
  // A PyG-style model needs `forward`; the batch type flows into it.
  await run(pyg, { train: graph }, { task, optimizer, epochs: 1, forward: (m, g) => m.forward(g.x, g.edgeIndex) });
  // @ts-expect-error -- without `forward`, fit would call pyg.forward(graph).
  await run(pyg, { train: graph }, { task, optimizer, epochs: 1 });
  // A model whose forward takes the whole batch needs none, from one batch or a loader.
  await run(whole, { train: graph, val: loader }, { task, optimizer, epochs: 1 });
  // Any batch type: a heterogeneous graph with its own forward.
  const result = await run(hetero, { train: heteroBatch }, {
    task: new BinaryClassificationTask<Hetero>({ labels: (b) => b.node('tx').y!, rows: 'all' }),
    optimizer,
    epochs: 1,
    forward: (m, b) => m.forward({ tx: b.node('tx').x }, { 'tx-card': b.edgeIndex(['tx', 'uses', 'card']) }),
    callbacks: [new EarlyStopping({ monitor: 'val.prAuc', mode: 'max', patience: 3 })],
  });
  const prAuc: number | undefined = result.best.val?.prAuc;
  // @ts-expect-error -- binary classification reports no accuracy.
  void result.best.val?.accuracy;
  void prAuc;
}

describe('fit types', () => {
  it('are checked by tsc (this file compiles)', () => {
    expect(typeof typeChecks).toBe('function');
  });
});
