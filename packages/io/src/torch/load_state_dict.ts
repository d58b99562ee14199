import type * as tf from '@tensorflow/tfjs-core';
import { toTensors } from '../tfjs_tensors.js';
import { readTorchStateDict, type TorchReadOptions } from './read_state_dict.js';

/**
 * Reads a PyTorch state dict (`torch.save(model.state_dict(), path)`, PyTorch
 * ≥ 1.6) into tfjs tensors by key, ready for `module.loadStateDict`. float64
 * is rounded to float32; int64 becomes int32 when every value fits, else a
 * `WeightsFormatError` names the key (use {@link readTorchStateDict} for exact
 * int64). The caller disposes the tensors.
 *
 * @example
 * ```ts
 * const model = new GAT(1433, 7, { hiddenChannels: 8, heads: 8 });
 * const dict = loadTorchStateDict(bytes, { file: 'gat_cora.pt' });
 * model.loadStateDict(dict); // by PyG's names: conv1.lin.weight, conv1.att_src, ...
 * tf.dispose(Object.values(dict));
 * ```
 */
export function loadTorchStateDict(bytes: Uint8Array, options: TorchReadOptions = {}): Record<string, tf.Tensor> {
  const file = options.file ?? 'state_dict.pt';
  return toTensors(readTorchStateDict(bytes, options), file);
}
