/** The fraud / churn models of `@gnnjs/train`'s built-in registry. */
export { FRAUD_MODEL_NAMES, defaultFraudHyperParameters, isFraudModelName, type FraudHyperParameters, type FraudModelName } from './config.js';
export { FraudModel, type FraudForwardOptions, type FraudModelOutput } from './model.js';
export { HeteroAttentionFraudModel } from './hetero_attention_model.js';
export { HGTFraudModel } from './hgt_model.js';
export { MLPFraudModel } from './mlp_model.js';
export { FlatGATFraudModel } from './flat_gat_model.js';
export { buildFraudModel, buildFraudOptimizer, buildFraudTask, fraudForward, type FraudBatch, type FraudModelConfig } from './build.js';
