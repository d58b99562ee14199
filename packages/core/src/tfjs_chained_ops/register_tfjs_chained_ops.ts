/**
 * Adds tfjs-core's chained tensor methods (`x.mul(w)`, `t.slice(...)`,
 * `t.reshape(...)`, ...) to the shared `Tensor` class.
 *
 * tfjs-core's CommonJS main, which Node loads, defines none of them, so
 * `x.mul(w)` throws `x.mul is not a function` in Node. The methods come from `tfjs_chained_ops.generated.js`, tfjs-core's
 * own chained-op code bundled against the public `@tensorflow/tfjs-core` (see
 * scripts/vendor-tfjs-gradients.mjs), so they call the user's one copy of the
 * ops and the engine.
 *
 * A method the class already has is left alone, so tfjs's ESM build (which
 * bundlers load, and which defines them itself) or the `@tensorflow/tfjs`
 * union package change nothing.
 *
 * Their types are not in tfjs-core's main declarations either: the type-only
 * re-export below (of nothing: the module has no exports) brings tfjs's own
 * `declare module` augmentations of `Tensor` into every program that imports
 * `@gnnjs/core`, and it survives into the built .d.ts.
 */
export type * from '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import { Tensor } from '@tensorflow/tfjs-core';
import { chainedOps } from './tfjs_chained_ops.generated.js';

const prototype = Tensor.prototype as unknown as Record<string, unknown>;
for (const [name, method] of Object.entries(chainedOps)) {
  if (!(name in prototype)) prototype[name] = method;
}
