/** The sampling workloads' report: skipped in --quick, and every table names the command that made it. */
import { describe, expect, it } from 'vitest';
import { runSamplingWorkloads, samplingCommand, samplingTables, type SamplingResult } from './sampling.js';

const graph = { nodes: 10, edges: 20, maxDegree: 5, meanDegree: 2, medianDegree: 2, buildS: undefined, openS: 0.1, storeMiB: 1 };
const throughput = { workers: 0, batches: 2, batchSize: 4, numNeighbors: [15, 10, 5], sampledEdges: 2e6, sampledNodes: 1e6, wallS: 2, cpuS: 1, edgesPerS: 1e6, edgesPerCpuS: 2e6, nsPerEdgeCpu: 500 };

describe('sampling workloads', () => {
  it('are left out of --quick, saying so', async () => {
    const skipped: { what: string; why: string }[] = [];
    expect(await runSamplingWorkloads({ quick: true, log: () => undefined, skipped })).toEqual([]);
    expect(skipped[0]!.why).toMatch(/not in --quick/);
  });

  it('render a table per workload with its command', () => {
    const result = (workload: SamplingResult['workload'], r: SamplingResult['result']): SamplingResult => ({ kind: 'sampling', workload, command: samplingCommand(workload, []), wallS: 1, peakRssMiB: 100, result: r });
    const md = samplingTables([result('products-sampler', { graph, throughput: [throughput, { ...throughput, workers: 2 }] }), result('sampler-curve', { graph, curve: [throughput] })]);
    expect(md).toContain('| loop thread | 2 | 2.00 | 2.0 | 1.00 | 1.0 | 2.00 | 500 |');
    expect(md).toContain('| 2 workers |');
    expect(md).toContain('| 4 | [15, 10, 5] | 2 | 1000000 | 500.0 | 500 |');
    expect(md).toContain('`npx tsx --conditions=@gnnjs/source src/sampling/child.ts sampler-curve`');
  });

  it('render the loader epoch per CPU second and the payments epoch with its tensors and time check', () => {
    const result = (workload: SamplingResult['workload'], r: SamplingResult['result']): SamplingResult => ({ kind: 'sampling', workload, command: samplingCommand(workload, []), wallS: 1, peakRssMiB: 100, result: r });
    const loader = { numNeighbors: [10, 5], numWorkers: 2, batches: 193, epochS: 4, cpuS: 2, sampledEdges: 8e6 };
    const payments = {
      scale: 1, backend: 'wasm', nodes: { transactions: 10 }, edges: 40, trainTransactions: 2048, loadS: 1, graphS: 1, epochS: 30, epochCpuS: 20, batches: 2, epochBatches: 2, fullEpoch: true, numWorkers: 2,
      meanNodes: 5000, meanEdges: 9000, waitMedianMs: 1, stepMedianMs: 2, sampledEdges: 18000, checkedNeighbours: 7000, futureNeighbours: 0, loss: 0.1, tensorsBefore: 12, tensorsAfter: 12,
    };
    const md = samplingTables([result('loader-epoch', { graph, epochs: [loader] }), result('payments-epoch', payments)]);
    expect(md).toContain('| [10, 5] | 2 | 193 | 4.0 | 2.0 | 2.00 | 4.00 |');
    expect(md).toContain('| 1 | wasm | 2048 | 2 | 2 | 30 | 20 | 5000 | 9000 | 100 | 12 → 12 | 0 of 7000 |');
    expect(samplingTables([result('payments-epoch', { ...payments, batches: 1, fullEpoch: false })])).toContain('| 1 | wasm | 2048 | 1 of 2 | 2 |');
  });
});
