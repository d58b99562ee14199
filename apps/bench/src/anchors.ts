/**
 * PyG's reference figures: `../shared/anchors/pyg-cpu.json` by default, or the
 * file `side_by_side.sh` writes for the run it belongs to (`--anchors`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

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
  /** What was measured, where and how (the file's own words). */
  what?: string;
  planetoid_train_and_inference: Record<string, PlanetoidAnchor[] | undefined>;
  gatconv_scaling: ScalingAnchor[];
}

/** The anchors the harness read, with the file they came from (the report names it). */
export interface LoadedAnchors {
  path: string;
  anchors: PygAnchors;
}

/**
 * The Planetoid rows the ratios use: per workload the best of 1/2 torch
 * threads and of stock/non-zero-only input dropout, the strongest figure PyG
 * gives on the machine (`../shared/anchors/README.md`).
 */
export const PLANETOID_ANCHOR_KEY = 'best';

export function defaultAnchorsPath(repoRoot: string): string {
  return resolve(repoRoot, '..', 'shared', 'anchors', 'pyg-cpu.json');
}

/**
 * Reads `path`; `undefined` when there is no such file. A file without
 * `planetoid_train_and_inference.best` is refused: its ratios would all be
 * missing without a word.
 */
export function loadAnchors(path: string): LoadedAnchors | undefined {
  if (!existsSync(path)) return undefined;
  const anchors = JSON.parse(readFileSync(path, 'utf8')) as PygAnchors;
  if (!Array.isArray(anchors.planetoid_train_and_inference?.[PLANETOID_ANCHOR_KEY])) {
    throw new Error(`${path}: no planetoid_train_and_inference.${PLANETOID_ANCHOR_KEY} (an anchors file of side_by_side.sh or ../shared/anchors/pyg-cpu.json)`);
  }
  return { path, anchors: { ...anchors, gatconv_scaling: anchors.gatconv_scaling ?? [] } };
}

/** How the report names the anchors: the file (relative to `repoRoot` where shorter) and what it holds. */
export function describeAnchors(loaded: LoadedAnchors | undefined, requestedPath: string, repoRoot: string): string {
  const shown = (p: string) => {
    const rel = relative(repoRoot, p);
    return rel.length < p.length ? rel : p;
  };
  if (loaded === undefined) return `none (no file at ${shown(requestedPath)})`;
  return `\`${shown(loaded.path)}\`${loaded.anchors.what === undefined ? '' : ` (${loaded.anchors.what})`}`;
}

export function planetoidAnchor(anchors: PygAnchors | undefined, dataset: string, model: string): PlanetoidAnchor | undefined {
  const rows = anchors?.planetoid_train_and_inference[PLANETOID_ANCHOR_KEY] ?? [];
  return rows.find((r) => r.dataset.toLowerCase() === dataset.toLowerCase() && r.model.toLowerCase() === model.toLowerCase());
}

export function scalingAnchor(anchors: PygAnchors | undefined, numNodes: number): ScalingAnchor | undefined {
  return anchors?.gatconv_scaling.find((r) => r.N === numNodes && r.torch_threads === 1);
}
