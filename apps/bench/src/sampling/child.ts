/**
 * One sampling benchmark in a process of its own (so that its peak RSS is
 * its own), printing one JSON line:
 *
 *   tsx --conditions=@gnnjs/source src/sampling/child.ts <workload> [--key value ...]
 *
 * workloads: products-sampler [--batches 20], sampler-curve [--min-edges 3e6], loader-epoch,
 * products-epoch [--backend wasm --hidden 256 --workers 2 --batches K],
 * arxiv-gat [--backend wasm], payments-epoch [--scale 1 --batches K].
 */
import { parseArgs } from 'node:util';
import { useBackend } from '../backends.js';
import { ALL_CORES, loaderEpochs, productsEpoch, productsSampler, samplerCurve } from './products.js';

const [workload, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    batches: { type: 'string' },
    'min-edges': { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    hidden: { type: 'string', default: '256' },
    workers: { type: 'string', default: '2' },
    scale: { type: 'string', default: '1' },
    epochs: { type: 'string' },
  },
});

async function backend(): Promise<void> {
  const why = await useBackend(values.backend!);
  if (why !== undefined) throw new Error(`backend ${values.backend}: ${why}`);
}

async function run(): Promise<unknown> {
  switch (workload) {
    case 'products-sampler':
      return productsSampler({ batches: Number(values.batches ?? 20), workers: [0, 1, ALL_CORES] });
    case 'loader-epoch':
      await backend(); // the batches' tensors
      return loaderEpochs({ fanouts: [[10, 5], [15, 10, 5]], workers: [0, ALL_CORES] });
    case 'sampler-curve':
      return samplerCurve({ minEdges: Number(values['min-edges'] ?? 3e6) });
    case 'products-epoch':
      await backend();
      return productsEpoch({ backend: values.backend!, hidden: Number(values.hidden), numWorkers: Number(values.workers), maxBatches: values.batches === undefined ? undefined : Number(values.batches) });
    case 'arxiv-gat': {
      await backend();
      const { arxivGat } = await import('./arxiv.js');
      return arxivGat({ epochs: Number(values.epochs ?? 3), numWorkers: Number(values.workers) });
    }
    case 'payments-epoch': {
      await backend();
      const { paymentsEpoch } = await import('./payments.js');
      return paymentsEpoch({ scale: Number(values.scale), numWorkers: Number(values.workers), maxBatches: values.batches === undefined ? undefined : Number(values.batches) });
    }
    default:
      throw new Error(`unknown sampling workload '${workload}' (products-sampler, sampler-curve, loader-epoch, products-epoch, arxiv-gat, payments-epoch)`);
  }
}

const started = performance.now();
const result = await run();
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ workload, wallS: (performance.now() - started) / 1000, peakRssMiB, result })}\n`);
process.exit(0);
