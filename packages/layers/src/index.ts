/**
 * @gnnjs/layers: PyTorch Geometric 2.6's layers for GNN.js (GCNConv,
 * GATConv, GATv2Conv, SAGEConv, GINConv, GINEConv, GraphConv,
 * TransformerConv, GPSConv), normalisation (BatchNorm, LayerNorm), MLP, readouts
 * (the `aggr` namespace), building blocks and reference models, numerically
 * identical to PyG; heterogeneous layers (HeteroConv, toHetero, HGTConv).
 */
export { Linear, type LinearOptions } from './nn/linear.js';
export { Dropout, dropout, dropoutLinear, dropoutLinears } from './nn/dropout.js';
export { relu, elu, leakyRelu, ReLU, ELU, LeakyReLU } from './nn/activations.js';
export { Sequential, type UnaryModule } from './nn/sequential.js';
export { glorot, kaimingUniform, uniformFanIn } from './nn/initializers.js';
export { TorchLinear } from './nn/torch_linear.js';
export { Identity } from './nn/identity.js';
export { ModuleList } from './nn/module_list.js';
export { BatchNorm1d, type BatchNorm1dOptions } from './nn/batch_norm1d.js';
export { BatchNorm, type BatchNormOptions } from './norm/batch_norm.js';
export { LayerNorm, type LayerNormOptions } from './norm/layer_norm.js';
export { MLP, type MLPActivation, type MLPChannels, type MLPNorm, type MLPOptions } from './models/mlp.js';
export { GCNConv, type GCNConvOptions } from './conv/gcn_conv.js';
export { GATConv, type GATConvOptions } from './conv/gat_conv.js';
export { GATv2Conv, type GATv2ConvOptions, type ProjectedFeatures } from './conv/gatv2_conv.js';
export { SAGEConv, type SAGEConvOptions } from './conv/sage_conv.js';
export { GINConv, type GINConvOptions } from './conv/gin_conv.js';
export { GINEConv, type GINEConvOptions } from './conv/gine_conv.js';
export { GraphConv, type GraphConvOptions } from './conv/graph_conv.js';
export { TransformerConv, type TransformerConvOptions } from './conv/transformer_conv.js';
export {
  GPSConv,
  type GPSActivation,
  type GPSConvForwardOptions,
  type GPSConvOptions,
  type GPSLocalConv,
  type GPSNorm,
} from './conv/gps_conv.js';
export { MultiheadAttention, type MultiheadAttentionOptions } from './nn/multihead_attention.js';
export type { NeighbourAggregation } from './conv/neighbour_aggregation.js';
export type { InChannels } from './conv/attention_plumbing.js';
/** Readouts, node features → one row per graph: `AttentionalAggregation`, `globalAddPool`, `globalMeanPool`, `globalMaxPool`. */
export * as aggr from './aggr/index.js';
export { AttentionalAggregation } from './aggr/attentional_aggregation.js';
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
export * from './hetero/index.js';
