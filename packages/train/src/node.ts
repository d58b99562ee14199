/**
 * The Node-only part of `@gnnjs/train`: checkpoints on the file system
 * (weights with PyG parameter names plus the config that rebuilds the model).
 *
 * @example
 * ```ts
 * import { readCheckpoint, saveCheckpoint } from '@gnnjs/train/node';
 * await saveCheckpoint('out', config, model);
 * ```
 */
export * from './index.js';
export {
  CONFIG_FILE,
  WEIGHTS_FILE,
  CheckpointError,
  readCheckpoint,
  weightsToTensors,
  saveCheckpoint,
  type CheckpointConfig,
  type SerializedTensor,
} from './checkpoint.js';
