/**
 * Two-layer Cora models of the layers new in `@gnnjs/layers` v2, as the
 * benchmark times them and `scripts/accuracy_v2.ts` trains them (the same
 * recipe as `scripts/accuracy_v2_pyg.py` in PyG): `dropout(x) → conv1 →
 * ReLU → dropout → conv2`, hidden 64 (Transformer: 8 heads × 8), dropout
 * 0.5, Adam lr 0.01 with weight decay 5e-4 on every parameter.
 * - `sage`: `SAGEConv` (mean);
 * - `gin`: `GINConv(Sequential(Linear(F, 64), ReLU, Linear(64, 64)))`, then
 *   `GINConv(Sequential(Linear(64, 64), ReLU, Linear(64, C)))`;
 * - `gine`: as `gin` with `GINEConv(edgeDim 4)` and synthetic edge features
 *   (Cora has none: 4 seeded uniform numbers per edge);
 * - `graphconv`: `GraphConv` (add);
 * - `transformer`: `TransformerConv(F, 8, heads 8)`, then `TransformerConv(64, C, heads 1)`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '@gnnjs/core';
import { GINConv, GINEConv, GraphConv, ReLU, SAGEConv, Sequential, TorchLinear, TransformerConv, dropout } from '@gnnjs/layers';

export const LAYER_MODELS = ['sage', 'gin', 'gine', 'graphconv', 'transformer'] as const;
export type LayerModelName = (typeof LAYER_MODELS)[number];

/** How each model is shown in the benchmark's tables. */
export const LAYER_MODEL_DISPLAY: Record<LayerModelName, string> = {
  sage: 'SAGE',
  gin: 'GIN',
  gine: 'GINE',
  graphconv: 'GraphConv',
  transformer: 'Transformer',
};

/** What the models read: Cora's features and edges, and synthetic edge features for GINE. */
export interface LayerModelData {
  x: tf.Tensor2D;
  edgeIndex: tf.Tensor2D;
  edgeAttr?: tf.Tensor2D;
}

const EDGE_DIM = 4;

/** The synthetic edge features of `gine` (seeded, so every run sees the same). */
export function syntheticEdgeAttr(edgeIndex: tf.Tensor2D): tf.Tensor2D {
  return tf.randomUniform([edgeIndex.shape[1], EDGE_DIM], 0, 1, 'float32', 17) as tf.Tensor2D;
}

type Run = (conv: Module, h: tf.Tensor2D, data: LayerModelData) => tf.Tensor2D;

/** `dropout → conv1 → ReLU → dropout → conv2`. */
export class TwoLayerModel extends Module {
  readonly conv1: Module;
  readonly conv2: Module;
  constructor(
    conv1: Module,
    conv2: Module,
    readonly dropout: number,
    private readonly run: Run,
  ) {
    super();
    this.conv1 = this.registerModule('conv1', conv1);
    this.conv2 = this.registerModule('conv2', conv2);
  }
  forward(data: LayerModelData): tf.Tensor2D {
    return tf.tidy(() => {
      const h = tf.relu(this.run(this.conv1, dropout(data.x, this.dropout, this.training), data));
      return this.run(this.conv2, dropout(h, this.dropout, this.training), data);
    });
  }
}

const seq = (a: number, b: number, c: number) => new Sequential(new TorchLinear(a, b), new ReLU(), new TorchLinear(b, c));
const edgeAttrOf = (data: LayerModelData): tf.Tensor2D => {
  if (data.edgeAttr === undefined) throw new Error('gine needs data.edgeAttr (syntheticEdgeAttr)');
  return data.edgeAttr;
};

/** Builds `name`'s model; call `manualSeed` first for reproducible weights. */
export function buildLayerModel(name: LayerModelName, numFeatures: number, numClasses: number, hidden = 64, p = 0.5): TwoLayerModel {
  switch (name) {
    case 'sage':
      return new TwoLayerModel(new SAGEConv(numFeatures, hidden), new SAGEConv(hidden, numClasses), p, (c, h, d) => (c as SAGEConv).forward(h, d.edgeIndex));
    case 'gin':
      return new TwoLayerModel(new GINConv(seq(numFeatures, hidden, hidden)), new GINConv(seq(hidden, hidden, numClasses)), p, (c, h, d) => (c as GINConv).forward(h, d.edgeIndex));
    case 'gine':
      return new TwoLayerModel(
        new GINEConv(seq(numFeatures, hidden, hidden), { edgeDim: EDGE_DIM }),
        new GINEConv(seq(hidden, hidden, numClasses), { edgeDim: EDGE_DIM }),
        p,
        (c, h, d) => (c as GINEConv).forward(h, d.edgeIndex, edgeAttrOf(d)),
      );
    case 'graphconv':
      return new TwoLayerModel(new GraphConv(numFeatures, hidden), new GraphConv(hidden, numClasses), p, (c, h, d) => (c as GraphConv).forward(h, d.edgeIndex));
    case 'transformer':
      return new TwoLayerModel(
        new TransformerConv(numFeatures, hidden / 8, { heads: 8 }),
        new TransformerConv(hidden, numClasses, { concat: false }),
        p,
        (c, h, d) => (c as TransformerConv).forward(h, d.edgeIndex),
      );
  }
}
