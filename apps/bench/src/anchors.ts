/** PyG's reference figures (`../shared/anchors/pyg-cpu.json`), measured on a CI-class machine. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface PlanetoidAnchor {
  dataset: string;
  model: string;
  train_epoch_median_ms: number;
  train_epoch_min_ms: number;
  infer_median_ms: number;
  infer_min_ms: number;
}

export interface ScalingAnchor {
  torch_threads: number;
  N: number;
  E: number;
  fwd_bwd_median_ms: number;
  fwd_only_median_ms: number;
  peak_rss_mib: number;
}

export interface PygAnchors {
  planetoid_train_and_inference: Record<string, PlanetoidAnchor[]>;
  gatconv_scaling: ScalingAnchor[];
}

/** The anchor set the ratios use: 1 thread (JavaScript runs one), the other core busy. */
export const ANCHOR_THREADS = 'torch_threads_1_other_core_busy';

export function defaultAnchorsPath(repoRoot: string): string {
  return resolve(repoRoot, '..', 'shared', 'anchors', 'pyg-cpu.json');
}

export function loadAnchors(path: string): PygAnchors | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as PygAnchors;
}

export function planetoidAnchor(anchors: PygAnchors | undefined, dataset: string, model: string): PlanetoidAnchor | undefined {
  const rows = anchors?.planetoid_train_and_inference[ANCHOR_THREADS] ?? [];
  return rows.find((r) => r.dataset.toLowerCase() === dataset.toLowerCase() && r.model.toLowerCase() === model.toLowerCase());
}

export function scalingAnchor(anchors: PygAnchors | undefined, numNodes: number): ScalingAnchor | undefined {
  return anchors?.gatconv_scaling.find((r) => r.N === numNodes && r.torch_threads === 1);
}
