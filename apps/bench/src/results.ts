/** The records the harness writes to `bench-results.json`. */
import type { HeteroRelationsResult } from './workloads/hetero_relations.js';
import type { RelationalResult } from './workloads/relational.js';
import type { SamplingResult } from './workloads/sampling.js';

export interface MemoryFigures {
  /** tfjs `memory().numBytes` after the workload (bytes held by live tensors). */
  tfjsBytes: number;
  /** Change of `memory().numTensors` over the measured iterations; 0 means no leak. */
  tensorGrowth: number;
  /** Peak resident set size of the process (MiB), where measured in its own process. */
  peakRssMiB?: number;
}

export interface PlanetoidResult {
  kind: 'planetoid';
  backend: string;
  dataset: string;
  model: string;
  trainEpochMedianMs: number;
  trainEpochMinMs: number;
  inferMedianMs: number;
  inferMinMs: number;
  /** Median process CPU time per epoch / inference (see `Timing.cpuMedianMs`). */
  trainEpochCpuMedianMs?: number;
  inferCpuMedianMs?: number;
  memory: MemoryFigures;
  pyg?: { trainEpochMedianMs: number; inferMedianMs: number };
}

export interface ScalingResult {
  kind: 'gatconv-scaling';
  backend: string;
  numNodes: number;
  numEdges: number;
  fwdBwdMedianMs: number;
  fwdOnlyMedianMs: number;
  /** Median process CPU time per forward+backward step. */
  fwdBwdCpuMedianMs?: number;
  memory: MemoryFigures;
  pyg?: { fwdBwdMedianMs: number; peakRssMiB: number };
}

export interface KernelResult {
  kind: 'kernel';
  backend: string;
  kernel: string;
  shape: string;
  medianMs: number;
  /** Bytes the kernel must at least read and write, per second. */
  gbPerSecond: number;
  /** Useful floating-point work per second, where the kernel does arithmetic. */
  gflopPerSecond?: number;
}

export type BenchResult = PlanetoidResult | ScalingResult | KernelResult | RelationalResult | HeteroRelationsResult | SamplingResult;

export interface BenchReport {
  startedAt: string;
  durationS: number;
  quick: boolean;
  /** `loadAvg`: the 1-minute load average when the run started (other work on the machine). */
  machine: { cpu: string; cores: number; node: string; platform: string; loadAvg?: number };
  /** The anchors file the ratios used and what it holds (`describeAnchors`). */
  anchors: string;
  /** The file of PyG's figures for the layer models, GPS and the heterogeneous layers, where one was read. */
  extraAnchors?: string;
  results: BenchResult[];
  skipped: { what: string; why: string }[];
}
