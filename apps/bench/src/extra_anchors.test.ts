import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachExtraAnchors, defaultExtraAnchorsPath, heteroPygTable, loadExtraAnchors, type PygExtraAnchors } from './extra_anchors.js';
import { markdownReport, planetoidTable } from './report.js';
import type { BenchResult, PlanetoidResult } from './results.js';

const extra: PygExtraAnchors = {
  what: 'PyG measured in this run',
  layer_train_and_inference: {
    best: [
      { dataset: 'Cora', model: 'SAGE', train_epoch_median_ms: 20, train_epoch_min_ms: 19, infer_median_ms: 5, infer_min_ms: 4 },
      { dataset: 'random 64×32', model: 'GPS', train_epoch_median_ms: 40, train_epoch_min_ms: 39, infer_median_ms: 10, infer_min_ms: 9 },
    ],
  },
  hetero_relations: { best: [{ model: 'HGT', relations: 3, N: 10000, E: 100000, train_epoch_median_ms: 80, train_epoch_min_ms: 79 }] },
};

const layerRow = (dataset: string, model: string): PlanetoidResult => ({
  kind: 'planetoid', backend: 'wasm', dataset, model, trainEpochMedianMs: 10, trainEpochMinMs: 9, inferMedianMs: 2.5, inferMinMs: 2,
  memory: { tfjsBytes: 0, tensorGrowth: 0 },
});
const heteroRow = (model: string, relations: number) =>
  ({ kind: 'hetero-relations', backend: 'wasm', model, relations, numNodes: 10000, numEdges: 100000, trainEpochMedianMs: 40, trainEpochMinMs: 39, trainEpochCpuMedianMs: 40, tensorGrowth: 0 }) as unknown as BenchResult;

describe('PyG figures of the layer models, GPS and the heterogeneous layers', () => {
  it('are looked for beside the anchors file', () => {
    expect(defaultExtraAnchorsPath('/out/pyg-anchors.json')).toBe('/out/pyg-extra-anchors.json');
    const dir = mkdtempSync(join(tmpdir(), 'gnnjs-extra-'));
    writeFileSync(join(dir, 'pyg-extra-anchors.json'), JSON.stringify(extra));
    expect(loadExtraAnchors(defaultExtraAnchorsPath(join(dir, 'pyg-anchors.json')))?.hetero_relations.best).toHaveLength(1);
    expect(loadExtraAnchors(join(dir, 'none.json'))).toBeUndefined();
  });

  it('put PyG beside the layer-model and GPS rows, with the ratio', () => {
    const rows = attachExtraAnchors([layerRow('Cora', 'SAGE'), layerRow('random 64×32', 'GPS'), layerRow('Cora', 'GIN')], extra) as PlanetoidResult[];
    expect(rows.map((r) => r.pyg?.trainEpochMedianMs)).toEqual([20, 40, undefined]);
    const table = planetoidTable(rows);
    expect(table).toContain('| wasm | Cora | SAGE | 10.0 (9.0) | 20.0 | 0.50× |');
    expect(table).toContain('| wasm | random 64×32 | GPS | 10.0 (9.0) | 40.0 | 0.25× |');
  });

  it('put PyG beside the heterogeneous-layer rows in a table of their own, named in the report', () => {
    const results = attachExtraAnchors([heteroRow('HGT', 3), heteroRow('HGT', 4)], extra);
    expect(heteroPygTable(results)).toContain('| wasm | HGT | 3 | 10000 | 100000 | 40.0 | 80.0 | 0.50× |');
    expect(heteroPygTable(results)).not.toContain('| 4 |');
    expect(heteroPygTable(attachExtraAnchors([heteroRow('HGT', 3)], undefined))).toBe('');
    const markdown = markdownReport({
      startedAt: '2026-12-04T00:00:00Z', durationS: 1, quick: true, machine: { cpu: 'x', cores: 2, node: 'v20', platform: 'linux-x64' },
      anchors: '`out/pyg-anchors.json`', extraAnchors: '/out/pyg-extra-anchors.json', results, skipped: [],
    });
    expect(markdown).toContain('/out/pyg-extra-anchors.json');
    expect(markdown).toContain('## PyG beside the heterogeneous layers');
  });
});
