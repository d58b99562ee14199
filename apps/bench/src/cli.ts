/**
 * `pnpm bench [--quick] [--backends wasm,cpu] [--out DIR] [--skip-scaling] [--skip-sampling]`:
 * PyG's workloads on every backend available, written as
 * `bench-results.json` and `bench-results.md` (default folder `bench-results/`).
 * Benchmarks are never tests: nothing here asserts a time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultAnchorsPath, describeAnchors, loadAnchors } from './anchors.js';
import { attachExtraAnchors, defaultExtraAnchorsPath, loadExtraAnchors } from './extra_anchors.js';
import { CPU_BACKENDS, useBackend } from './backends.js';
import { markdownReport } from './report.js';
import type { BenchReport, BenchResult } from './results.js';
import type { TimingOptions } from './timing.js';
import { runGatScaling } from './workloads/run_scaling.js';
import { runGpsBatchWorkload } from './workloads/gps_batch.js';
import { runKernelBenchmarks } from './workloads/kernels.js';
import { LAYER_MODELS } from './workloads/layer_models.js';
import { runLayerEpochWorkload } from './workloads/layer_epochs.js';
import { GRAPH_BATCH_MODELS, runGraphBatchWorkload } from './workloads/graph_batch_epochs.js';
import { runPlanetoidWorkload, type PlanetoidWorkload } from './workloads/planetoid.js';
import { runRelationalWorkloads } from './workloads/relational.js';
import { runSamplingWorkloads } from './workloads/sampling.js';
import { heteroRelationsPlan, runHeteroRelationsWorkload } from './workloads/hetero_relations.js';

const repoRoot = resolve(new URL('.', import.meta.url).pathname, '..', '..', '..');
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    backends: { type: 'string' },
    out: { type: 'string', default: resolve(repoRoot, 'bench-results') },
    mirror: { type: 'string' },
    anchors: { type: 'string', default: defaultAnchorsPath(repoRoot) },
    'extra-anchors': { type: 'string' },
    'skip-scaling': { type: 'boolean', default: false },
    // Also from the environment: `pnpm bench:side-by-side OUT --skip-sampling` reaches this process through
    // shared's side_by_side.sh, which passes no options of its own.
    'skip-sampling': { type: 'boolean', default: process.env['GNNJS_BENCH_SKIP_SAMPLING'] === '1' },
  },
});
const quick = values.quick === true;
const started = Date.now();
const startLoad = loadavg()[0] ?? NaN;
const mirror = values.mirror ?? process.env['GNNJS_DATASETS_MIRROR'] ?? resolve(repoRoot, '..', 'shared', 'datasets', 'planetoid');
const anchorsPath = resolve(values.anchors!);
const loadedAnchors = loadAnchors(anchorsPath);
const anchors = loadedAnchors?.anchors;
// PyG's figures for the layer models, GPS and the heterogeneous layers (pyg/speed_extra.py), beside the anchors by default.
const extraAnchorsPath = resolve(values['extra-anchors'] ?? defaultExtraAnchorsPath(anchorsPath));
const extraAnchors = loadExtraAnchors(extraAnchorsPath);
const backends = values.backends?.split(',') ?? [...CPU_BACKENDS];
const timing: TimingOptions = quick ? { warmup: 2, iterations: 5 } : { warmup: 10, iterations: 100 };
const kernelTiming: TimingOptions = quick ? { warmup: 2, iterations: 10 } : { warmup: 10, iterations: 50 };
const graphBatchTiming: TimingOptions = quick ? { warmup: 1, iterations: 3 } : { warmup: 3, iterations: 20 };
const workloads: PlanetoidWorkload[] = (quick ? ['cora'] : ['cora', 'citeseer']).flatMap((dataset) =>
  (['gcn', 'gat', 'gatv2'] as const).map((model) => ({ dataset: dataset as PlanetoidWorkload['dataset'], model })),
);
// N = 1M (E = 10M) needs about 6 GiB on cpu and is refused up front on wasm (4 GiB heap).
const scalingSizes = quick ? [10_000] : [10_000, 100_000, 1_000_000];

const results: BenchResult[] = [];
const skipped: { what: string; why: string }[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);

for (const backend of backends) {
  const why = await useBackend(backend);
  if (why !== undefined) {
    skipped.push({ what: `backend ${backend}`, why });
    log(`bench: skipping ${backend}: ${why}`);
    continue;
  }
  for (const w of workloads) {
    log(`bench: ${backend} ${w.dataset} ${w.model}`);
    results.push(await runPlanetoidWorkload(backend, w, timing, anchors, mirror));
  }
  // The layers new in @gnnjs/layers v2, Cora only, beside GAT's rows.
  for (const name of LAYER_MODELS) {
    log(`bench: ${backend} cora ${name}`);
    results.push(await runLayerEpochWorkload(backend, name, timing, mirror));
  }
  // Graph classification on mini-batches of small graphs: GIN and GPS (attention within each graph).
  for (const name of Object.keys(GRAPH_BATCH_MODELS) as (keyof typeof GRAPH_BATCH_MODELS)[]) {
    log(`bench: ${backend} graph batches ${name}`);
    results.push(await runGraphBatchWorkload(backend, name, graphBatchTiming, quick));
  }
  log(`bench: ${backend} GPS on a batch of graphs`);
  results.push(await runGpsBatchWorkload(backend, timing));
  // Heterogeneous layers per relation count, beside the homogeneous graph of the same size.
  const hetero = heteroRelationsPlan(quick);
  for (const size of hetero.sizes) results.push(...(await runHeteroRelationsWorkload(backend, size, hetero.timing, log)));
  log(`bench: ${backend} kernels`);
  results.push(...(await runKernelBenchmarks(backend, kernelTiming)));
  if (values['skip-scaling'] !== true) {
    for (const n of scalingSizes) {
      log(`bench: ${backend} GATConv scaling N=${n}`);
      const r = await runGatScaling(backend, n, anchors);
      if ('why' in r) skipped.push({ what: `${backend} scaling N=${n}`, why: r.why });
      else results.push(r);
    }
  }
}

results.push(...(await runRelationalWorkloads({ quick, log, skipped })));
// Mini-batches at scale (products- and arxiv-shaped graphs, PaymentsFraud): hours, so not in --quick.
if (values['skip-sampling'] !== true) results.push(...(await runSamplingWorkloads({ quick, log, skipped })));

const report: BenchReport = {
  startedAt: new Date(started).toISOString(),
  durationS: (Date.now() - started) / 1000,
  quick,
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}`, loadAvg: startLoad },
  anchors: describeAnchors(loadedAnchors, anchorsPath, repoRoot),
  ...(extraAnchors === undefined ? {} : { extraAnchors: extraAnchorsPath }),
  results: attachExtraAnchors(results, extraAnchors),
  skipped,
};
mkdirSync(values.out!, { recursive: true });
writeFileSync(resolve(values.out!, 'bench-results.json'), `${JSON.stringify(report, null, 2)}\n`);
const markdown = markdownReport(report);
writeFileSync(resolve(values.out!, 'bench-results.md'), markdown);
process.stdout.write(`${markdown}\n`);
