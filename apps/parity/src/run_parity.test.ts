import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runParity } from './run_parity.js';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures');
const fixtures = path.join(shared, 'pyg');

describe('runParity', () => {
  it('passes real fixtures and fails a tampered one, on cpu', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gnnjs-parity-'));
    await copyFile(path.join(fixtures, 'gatconv_h2_concat.json'), path.join(dir, 'good.json'));
    const tampered = JSON.parse(await readFile(path.join(fixtures, 'gcnconv.json'), 'utf8')) as { output: { data: number[][] } };
    tampered.output.data[0]![0]! += 1e-3;
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify(tampered));
    await writeFile(path.join(dir, 'index.json'), '[]');
    const lines: string[] = [];
    const { rows, exitCode } = await runParity({ dir, backends: ['cpu'], tolerance: 1e-5, log: (l) => lines.push(l) });
    expect(rows.map((r) => [r.fixture, r.backend])).toEqual([['bad', 'cpu'], ['good', 'cpu']]);
    expect(exitCode).toBe(1);
    const table = lines.join('\n');
    expect(table).toMatch(/good\s+cpu\s+\S+\s+\S+\s+\S+\s+ok/);
    expect(table).toMatch(/bad\s+cpu\s+1\.0e-3/);
    expect(table).toContain('1/2 passed');
  });

  it('runs every fixture on webgpu through Dawn (SwiftShader without a GPU), or says in one line why not', async (ctx) => {
    const lines: string[] = [];
    const { rows, exitCode } = await runParity({ dir: fixtures, backends: ['webgpu'], tolerance: 1e-5, log: (l) => lines.push(l) });
    const skipped = lines.find((l) => l.startsWith('skipping backend webgpu'));
    if (skipped !== undefined) {
      // On CI the WebGPU stack is installed (.ci/webgpu-deps.sh), so a missing piece is a failure.
      if (process.env['CI'] === 'true') throw new Error(`[@gnnjs/parity] ${skipped}`);
      ctx.skip(`webgpu parity: ${skipped.replace('skipping backend webgpu: ', '')}`);
    }
    expect(rows.length).toBeGreaterThanOrEqual(9);
    expect(new Set(rows.map((r) => r.backend))).toEqual(new Set(['webgpu']));
    expect(lines.join('\n')).toMatch(/gcnconv\s+webgpu\s+\S+\s+-\s+\S+\s+ok/);
    expect(exitCode).toBe(0);
  }, 120_000);

  it('runs any mix of layers from several folders, and fails (never skips) a fixture it cannot read or has no builder for', async () => {
    const mixed = await mkdtemp(path.join(tmpdir(), 'gnnjs-parity-mixed-'));
    for (const f of ['sageconv_max', 'transformerconv_h2_edge3_noroot', 'batchnorm', 'ginconv_train_eps']) {
      await copyFile(path.join(shared, 'pyg-v2', `${f}.json`), path.join(mixed, `${f}.json`));
    }
    await copyFile(path.join(fixtures, 'gcnconv.json'), path.join(mixed, 'gcnconv.json'));
    const broken = await mkdtemp(path.join(tmpdir(), 'gnnjs-parity-broken-'));
    await writeFile(path.join(broken, 'truncated.json'), '{"layer": "GCNConv", "constructor_a');
    const unknown = JSON.parse(await readFile(path.join(shared, 'pyg-v2', 'sageconv_mean.json'), 'utf8')) as { layer: string };
    await writeFile(path.join(broken, 'fancy.json'), JSON.stringify({ ...unknown, layer: 'FancyConv' }));
    const lines: string[] = [];
    const { rows, exitCode } = await runParity({ dirs: [mixed, broken], backends: ['cpu'], tolerance: 1e-5, log: (l) => lines.push(l) });
    const status = Object.fromEntries(rows.map((r) => [r.fixture.split('/')[1], r.result !== null && r.result.maxError <= 1e-5 && r.result.problems.length === 0]));
    expect(status).toEqual({ batchnorm: true, gcnconv: true, ginconv_train_eps: true, sageconv_max: true, transformerconv_h2_edge3_noroot: true, fancy: false, truncated: false });
    expect(exitCode).toBe(1);
    const table = lines.join('\n');
    expect(table).toMatch(new RegExp(`${path.basename(broken)}/fancy\\s+cpu\\s+-\\s+-\\s+-\\s+FAIL no builder for layer FancyConv`));
    expect(table).toMatch(/truncated\s+cpu\s+-\s+-\s+-\s+FAIL truncated\.json: not JSON/);
    expect(table).toMatch(/transformerconv_h2_edge3_noroot\s+cpu\s+\S+\s+\S+e-\d+\s+\S+\s+ok/);
    expect(table).toContain('5/7 passed');
  }, 60_000);

  it('refuses a backend name it does not know, listing the known ones', async () => {
    const lines: string[] = [];
    const { exitCode } = await runParity({ dir: fixtures, backends: ['cpu', 'tpu'], tolerance: 1e-5, log: (l) => lines.push(l) });
    expect(exitCode).toBe(1);
    expect(lines).toEqual(['unknown backend tpu (known: webgpu, node-gpu, node, wasm, cpu)']);
  });

  it('fails when the directory has no fixtures', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gnnjs-parity-empty-'));
    expect((await runParity({ dir, tolerance: 1e-5, log: () => {} })).exitCode).toBe(1);
  });
});
