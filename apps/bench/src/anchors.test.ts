import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAnchors, loadAnchors, planetoidAnchor } from './anchors.js';
import { markdownReport } from './report.js';
import type { BenchReport } from './results.js';

const row = { dataset: 'Cora', model: 'GAT', train_epoch_median_ms: 32.6, train_epoch_min_ms: 30, infer_median_ms: 8.2, infer_min_ms: 8 };

function anchorsFile(content: object): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gnnjs-anchors-')), 'pyg-anchors.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('PyG anchors', () => {
  it('reads planetoid_train_and_inference.best, the key side_by_side.sh and pyg-cpu.json write', () => {
    const path = anchorsFile({ what: 'PyG measured in this run', planetoid_train_and_inference: { best: [row] }, gatconv_scaling: [] });
    const loaded = loadAnchors(path);
    expect(loaded?.path).toBe(path);
    expect(planetoidAnchor(loaded?.anchors, 'cora', 'gat')?.train_epoch_median_ms).toBe(32.6);
  });

  it('refuses a file without the best rows instead of reporting no ratios', () => {
    const path = anchorsFile({ planetoid_train_and_inference: { torch_threads_1_other_core_busy: [row] }, gatconv_scaling: [] });
    expect(() => loadAnchors(path)).toThrow(/planetoid_train_and_inference\.best/);
  });

  it('has no anchors where the file is missing', () => {
    expect(loadAnchors('/nonexistent/pyg-anchors.json')).toBeUndefined();
    expect(describeAnchors(undefined, '/nonexistent/pyg-anchors.json', '/repo')).toContain('/nonexistent/pyg-anchors.json');
  });

  it('names the file it used in the report, not the default', () => {
    const path = anchorsFile({ what: 'PyG measured in this run', planetoid_train_and_inference: { best: [row] }, gatconv_scaling: [] });
    const described = describeAnchors(loadAnchors(path), path, '/somewhere/else');
    const report: BenchReport = {
      startedAt: '2026-12-04T00:00:00Z', durationS: 1, quick: true,
      machine: { cpu: 'x', cores: 2, node: 'v20', platform: 'linux-x64' },
      anchors: described, results: [], skipped: [],
    };
    const markdown = markdownReport(report);
    expect(markdown).toContain(path);
    expect(markdown).toContain('PyG measured in this run');
    expect(markdown).not.toContain('pyg-cpu.json');
  });
});
