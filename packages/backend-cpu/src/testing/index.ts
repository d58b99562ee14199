/**
 * Test helpers shared by the GNN.js backend packages (`@gnnjs/backend-cpu/testing`):
 * hand-computed kernel cases that any test runner can run on the active backend,
 * and value checks for kernels at graph scale (sampled float64 rows, invariants).
 *
 * @example
 * ```ts
 * import { kernelCases } from '@gnnjs/backend-cpu/testing';
 * for (const c of kernelCases()) it(c.name, () => c.run());
 * ```
 */
export { assertTensor } from './assert_tensor.js';
export { kernelCases, type KernelCase } from './kernel_cases.js';
export { randomEdges, randomValues, seededRandom } from './random_graph.js';
export { assertRowsClose, assertSegmentsSumToOne, countIds, sampleRows, weightedSumRows } from './scale_checks.js';
export { stockCases, type StockCase } from './stock_cases.js';
