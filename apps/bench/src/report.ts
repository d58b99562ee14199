/** The markdown table of a benchmark run, with ratios against PyG measured on the same kind of machine. */
import type { BenchReport, KernelResult, PlanetoidResult, ScalingResult } from './results.js';
import { heteroPygTable } from './extra_anchors.js';
import { heteroRelationsTable, type HeteroRelationsResult } from './workloads/hetero_relations.js';
import { relationalTable, type RelationalResult } from './workloads/relational.js';
import { samplingTables, type SamplingResult } from './workloads/sampling.js';

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const optionalMs = (v: number | undefined): string => (v === undefined ? '–' : ms(v));
const ratio = (ours: number, theirs: number | undefined): string =>
  theirs === undefined || !(theirs > 0) || !Number.isFinite(ours) ? '–' : `${(ours / theirs).toFixed(2)}×`;

/** `ours / pyg`: below 1 means GNN.js is faster (or smaller). */
export function speedRatio(ours: number, pyg: number): number {
  return ours / pyg;
}

export function planetoidTable(rows: readonly PlanetoidResult[]): string {
  const head =
    '| backend | dataset | model | train epoch median (min) ms | PyG | ratio | epoch CPU ms | CPU ratio | inference median (min) ms | PyG | ratio | tensor growth |\n' +
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.backend} | ${r.dataset} | ${r.model} | ${ms(r.trainEpochMedianMs)} (${ms(r.trainEpochMinMs)}) | ` +
      `${r.pyg ? ms(r.pyg.trainEpochMedianMs) : '–'} | ${ratio(r.trainEpochMedianMs, r.pyg?.trainEpochMedianMs)} | ` +
      `${optionalMs(r.trainEpochCpuMedianMs)} | ${ratio(r.trainEpochCpuMedianMs ?? NaN, r.pyg?.trainEpochMedianMs)} | ` +
      `${ms(r.inferMedianMs)} (${ms(r.inferMinMs)}) | ${r.pyg ? ms(r.pyg.inferMedianMs) : '–'} | ` +
      `${ratio(r.inferMedianMs, r.pyg?.inferMedianMs)} | ${r.memory.tensorGrowth} |`,
  );
  return [head, ...lines].join('\n');
}

/** GAT epoch / GCN epoch per backend and dataset (PyG's own guide: 2–3×; target ≤ 1.5). */
export function gatGcnRatios(rows: readonly PlanetoidResult[]): string {
  const lines: string[] = [
    '| backend | dataset | GAT/GCN epoch | GATv2/GCN epoch | GAT/GCN epoch CPU | GATv2/GCN epoch CPU |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const keys = new Set(rows.map((r) => `${r.backend}\u0000${r.dataset}`));
  for (const key of keys) {
    const [backend, dataset] = key.split('\u0000') as [string, string];
    const of = (model: string) => rows.find((r) => r.backend === backend && r.dataset === dataset && r.model === model);
    const gcn = of('GCN');
    if (!gcn) continue;
    const cell = (m: string) => {
      const r = of(m);
      return r ? `${(r.trainEpochMedianMs / gcn.trainEpochMedianMs).toFixed(2)}` : '–';
    };
    const cpuCell = (m: string) => {
      const ours = of(m)?.trainEpochCpuMedianMs;
      const base = gcn.trainEpochCpuMedianMs;
      return ours !== undefined && base !== undefined && base > 0 ? `${(ours / base).toFixed(2)}` : '–';
    };
    lines.push(`| ${backend} | ${dataset} | ${cell('GAT')} | ${cell('GATv2')} | ${cpuCell('GAT')} | ${cpuCell('GATv2')} |`);
  }
  return lines.join('\n');
}

export function scalingTable(rows: readonly ScalingResult[]): string {
  const head =
    '| backend | N | E | fwd+bwd median ms | PyG | ratio | fwd+bwd CPU ms | CPU ratio | fwd median ms | peak RSS MiB | PyG | ratio | tensor growth |\n' +
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.backend} | ${r.numNodes} | ${r.numEdges} | ${ms(r.fwdBwdMedianMs)} | ${r.pyg ? ms(r.pyg.fwdBwdMedianMs) : '–'} | ` +
      `${ratio(r.fwdBwdMedianMs, r.pyg?.fwdBwdMedianMs)} | ${optionalMs(r.fwdBwdCpuMedianMs)} | ` +
      `${ratio(r.fwdBwdCpuMedianMs ?? NaN, r.pyg?.fwdBwdMedianMs)} | ${ms(r.fwdOnlyMedianMs)} | ${r.memory.peakRssMiB ?? '–'} | ` +
      `${r.pyg?.peakRssMiB ?? '–'} | ${ratio(r.memory.peakRssMiB ?? NaN, r.pyg?.peakRssMiB)} | ${r.memory.tensorGrowth} |`,
  );
  return [head, ...lines].join('\n');
}

export function kernelTable(rows: readonly KernelResult[]): string {
  const head = '| backend | kernel | shape | median ms | GB/s | GFLOP/s |\n| --- | --- | --- | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.backend} | ${r.kernel} | ${r.shape} | ${r.medianMs.toFixed(3)} | ${r.gbPerSecond.toFixed(2)} | ` +
      `${r.gflopPerSecond === undefined ? '–' : r.gflopPerSecond.toFixed(2)} |`,
  );
  return [head, ...lines].join('\n');
}

export function markdownReport(report: BenchReport): string {
  const planetoid = report.results.filter((r): r is PlanetoidResult => r.kind === 'planetoid');
  const scaling = report.results.filter((r): r is ScalingResult => r.kind === 'gatconv-scaling');
  const kernels = report.results.filter((r): r is KernelResult => r.kind === 'kernel');
  const parts = [
    `# GNN.js benchmarks${report.quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node} (${report.machine.platform}). ` +
      `Started ${report.startedAt}, took ${report.durationS.toFixed(0)} s` +
      (report.machine.loadAvg === undefined ? '' : `, 1-minute load average ${report.machine.loadAvg.toFixed(1)} at the start`) +
      `. PyG reference: ${report.anchors}` +
      (report.extraAnchors === undefined ? '. ' : `; layer models, GPS and heterogeneous layers: \`${report.extraAnchors}\`. `) +
      'Ratio = GNN.js / PyG: below 1 is faster; it counts only where both sides ran in one run on a quiet machine ' +
      '(`../shared/anchors/side_by_side.sh`). CPU ratio = GNN.js process CPU time / ' +
      "PyG's wall time: the fairer figure when other work shares the machine (the run is single-threaded).",
    '',
  ];
  if (planetoid.length > 0) parts.push('## Planetoid training epoch and inference', '', planetoidTable(planetoid), '', gatGcnRatios(planetoid), '');
  if (scaling.length > 0) parts.push('## GATConv(64, 8, heads=8) scaling, E = 10·N', '', scalingTable(scaling), '');
  const hetero = report.results.filter((r): r is HeteroRelationsResult => r.kind === 'hetero-relations');
  if (hetero.length > 0) parts.push('## Heterogeneous layers per relation count (two node types, E spread over R relations)', '', heteroRelationsTable(hetero), '');
  if (kernels.length > 0) parts.push('## Kernels (Cora-sized random graph)', '', kernelTable(kernels), '');
  const relational = report.results.filter((r): r is RelationalResult => r.kind === 'relational');
  if (relational.length > 0) parts.push('## @gnnjs/relational: Parquet payments tables to graph arrays', '', relationalTable(relational), '');
  const sampling = report.results.filter((r): r is SamplingResult => r.kind === 'sampling');
  if (sampling.length > 0) parts.push('## @gnnjs/sampling: mini-batches at scale', '', samplingTables(sampling), '');
  const heteroPyg = heteroPygTable(report.results);
  if (heteroPyg !== '') parts.push('## PyG beside the heterogeneous layers', '', heteroPyg, '');
  if (report.skipped.length > 0) parts.push('## Skipped', '', ...report.skipped.map((s) => `- ${s.what}: ${s.why}`), '');
  return parts.join('\n');
}
