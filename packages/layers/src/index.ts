/**
 * @gnnjs/layers: GCNConv, GATConv, GATv2Conv, building blocks and reference
 * models for GNN.js, numerically identical to PyTorch Geometric 2.6.
 */
export { Linear, type LinearOptions } from './nn/linear.js';
export { Dropout, dropout } from './nn/dropout.js';
export { relu, elu, leakyRelu, ReLU, ELU, LeakyReLU } from './nn/activations.js';
export { Sequential, type UnaryModule } from './nn/sequential.js';
export { glorot, kaimingUniform, uniformFanIn } from './nn/initializers.js';
export { GCNConv, type GCNConvOptions } from './conv/gcn_conv.js';
export { GATConv, type GATConvOptions } from './conv/gat_conv.js';
export { GATv2Conv, type GATv2ConvOptions } from './conv/gatv2_conv.js';
export type { AttentionConv, AttentionConvOptions, AttentionOptionsView } from './conv/deprecated.js';
export {
  nodeAttention,
  type AttentionForwardOptions,
  type AttentionWeights,
  type NeighbourAttention,
  type NodeFeatures,
  type OutputWithAttention,
} from './conv/attention.js';
export { GCN, type GCNOptions } from './models/gcn.js';
export { GAT, GATv2, type GATOptions, type ModelOutputWithAttention } from './models/gat.js';
