/**
 * @gnnjs/core/testing: the GNN kernel conformance suite and its helpers.
 * Backend packages run it from their own tests to prove that their kernels
 * (and the gradients, which run through those kernels) match float64
 * references on the same graphs the composite defaults are checked on.
 *
 * @example
 * ```ts
 * import '@gnnjs/backend-cpu';
 * import { conformanceCases } from '@gnnjs/core/testing';
 * import { it } from 'vitest';
 * for (const c of conformanceCases()) it(c.name, () => c.run()); // run() returns a promise
 * ```
 */
// The suite exercises the ops, so it needs what `@gnnjs/core` registers on import.
import '../gradients/register_all_gradients.js';
import '../kernels/composite/register_composites.js';

export {
  conformanceCases,
  kernelCases,
  runConformanceSuite,
  type ConformanceCase,
  type ConformanceOptions,
  type KernelCaseOptions,
  type TestFramework,
} from './cases.js';
export { optionalKernelCases } from './optional_kernel_cases.js';
export { fuzzParameters, type FuzzParameters } from './fuzz.js';
export type { NodeSegments } from './scenarios.js';
export { DEFAULT_TOLERANCE, assertBitIdentical, assertClose, type ConformanceTolerance } from './compare.js';
export { conformanceGraph, conformanceGraphs, outOfRangeGraph, type ConformanceGraph } from './graphs.js';
export { hostZeros, rowSizeOf, sizeOf, type HostTensor } from './host_tensor.js';
export * from './reference.js';
export * from './reference_attention.js';
export * from './reference_aggregate.js';
export { mulberry32, randomFloats, randomInts, randomTiedValues } from './rng.js';
