/** Explanations of one prediction: attention per layer and path, integrated gradients over features and edges. */
export { attentionPaths, disposeAttention, type AttentionExplanation, type AttentionPath, type AttentionPathOptions, type EdgeAttention, type LayerAttention, type NodeRef } from './attention_paths.js';
export { gaussLegendre, integratedGradients, quadrature, saliency, type IntegratedGradientsOptions, type IntegratedGradientsResult, type ScalarFunction } from './integrated_gradients.js';
export {
  explainPrediction,
  spearman,
  type Agreement,
  type Completeness,
  type EdgeAttribution,
  type ExplainOptions,
  type ExplainableModel,
  type FeatureAttribution,
  type PredictionExplanation,
} from './explain_prediction.js';
export {
  drawnId,
  drawnKey,
  longestPathsFirst,
  neighbourhoodDrawing,
  NODE_TYPE_COLOURS,
  RELATION_COLOURS,
  type DrawableExplanation,
  type DrawingView,
  type DrawnEdge,
  type DrawnNode,
  type DrawnRef,
  type NeighbourhoodDrawing,
  type NeighbourhoodDrawingOptions,
} from './neighbourhood_drawing.js';
