import { Linear } from './linear.js';

/**
 * `torch.nn.Linear`: the same map, layout and initialisation as
 * {@link Linear} (PyG's `Linear` with its defaults: kaiming-uniform weight,
 * `U(±1/sqrt(in))` bias), printed as PyTorch prints it. Use it where a PyG
 * model is built from `torch.nn.Linear` (the `nn` of `GINConv`, the gate of
 * `AttentionalAggregation`) and the repr should read the same.
 *
 * @example
 * ```ts
 * const lin = new TorchLinear(5, 16);
 * lin.toString(); // 'Linear(in_features=5, out_features=16, bias=True)'
 * ```
 */
export class TorchLinear extends Linear {
  override toString(): string {
    return `Linear(in_features=${this.inChannels}, out_features=${this.outChannels}, bias=${this.bias === null ? 'False' : 'True'})`;
  }
}
