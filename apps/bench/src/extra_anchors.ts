/**
 * PyG's figures for the workloads `../shared/anchors/pyg/speed.py` does not
 * measure (the layer models on Cora, GPS on a graph batch, the heterogeneous
 * layers), written by `pyg/speed_extra.py merge` as `pyg-extra-anchors.json`
 * beside the run's `pyg-anchors.json` (`pnpm bench:side-by-side`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PlanetoidAnchor } from './anchors.js';
import type { BenchResult } from './results.js';

export interface HeteroAnchor {
  model: string;
  relations: number;
  N: number;
  E: number;
  train_epoch_median_ms: number;
  train_epoch_min_ms: number;
}

export interface PygExtraAnchors {
  what?: string;
  layer_train_and_inference: { best: PlanetoidAnchor[] };
  hetero_relations: { best: HeteroAnchor[] };
}

export const EXTRA_ANCHORS_FILE = 'pyg-extra-anchors.json';

/** Where the extra anchors are looked for when `--extra-anchors` is not given: beside the anchors file. */
export function defaultExtraAnchorsPath(anchorsPath: string): string {
  return resolve(dirname(anchorsPath), EXTRA_ANCHORS_FILE);
}

/** Reads `path`; `undefined` when there is no such file. */
export function loadExtraAnchors(path: string): PygExtraAnchors | undefined {
  if (!existsSync(path)) return undefined;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<PygExtraAnchors>;
  return {
    ...(raw.what === undefined ? {} : { what: raw.what }),
    layer_train_and_inference: { best: raw.layer_train_and_inference?.best ?? [] },
    hetero_relations: { best: raw.hetero_relations?.best ?? [] },
  };
}

/** A heterogeneous-layer row of the harness, as far as the PyG column needs it. */
interface HeteroRow {
  kind: 'hetero-relations';
  backend: string;
  model: string;
  relations: number;
  numNodes: number;
  numEdges: number;
  trainEpochMedianMs: number;
  pyg?: { trainEpochMedianMs: number };
}

const isHeteroRow = (r: BenchResult | HeteroRow): r is HeteroRow => r.kind === 'hetero-relations';
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * `results` with PyG's figure added where `extra` has one: Planetoid-style rows
 * without one (the layer models, GPS) and heterogeneous-layer rows.
 */
export function attachExtraAnchors(results: readonly BenchResult[], extra: PygExtraAnchors | undefined): BenchResult[] {
  if (extra === undefined) return [...results];
  return (results as readonly (BenchResult | HeteroRow)[]).map((r): BenchResult => {
    if (isHeteroRow(r)) {
      const a = extra.hetero_relations.best.find(
        (x) => same(x.model, r.model) && x.relations === r.relations && x.N === r.numNodes && x.E === r.numEdges,
      );
      return (a === undefined ? r : { ...r, pyg: { trainEpochMedianMs: a.train_epoch_median_ms } }) as unknown as BenchResult;
    }
    if (r.kind === 'planetoid' && r.pyg === undefined) {
      const a = extra.layer_train_and_inference.best.find((x) => same(x.dataset, r.dataset) && same(x.model, r.model));
      return a === undefined ? r : { ...r, pyg: { trainEpochMedianMs: a.train_epoch_median_ms, inferMedianMs: a.infer_median_ms } };
    }
    return r;
  });
}

/** PyG beside each heterogeneous-layer row that has its figure; empty when none has. */
export function heteroPygTable(results: readonly BenchResult[]): string {
  const rows = (results as readonly (BenchResult | HeteroRow)[]).filter(isHeteroRow).filter((r) => r.pyg !== undefined);
  if (rows.length === 0) return '';
  const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  return [
    '| backend | model | relations | N | E | GNN.js epoch ms | PyG | ratio |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.backend} | ${r.model} | ${r.relations === 0 ? 'homogeneous' : r.relations} | ${r.numNodes} | ${r.numEdges} | ` +
        `${ms(r.trainEpochMedianMs)} | ${ms(r.pyg!.trainEpochMedianMs)} | ${(r.trainEpochMedianMs / r.pyg!.trainEpochMedianMs).toFixed(2)}× |`,
    ),
  ].join('\n');
}
