import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { loadPlanetoidData } from '../planetoid/load_data.js';
import { listFiles } from '../testing/mirror_copy.js';
import { startMirrorServer, type MirrorServer } from '../testing/mirror_server.js';
import { tempDir } from '../testing/paths.js';
import type { DownloadProgress } from './progress.js';

let server: MirrorServer;
let tmp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  server = await startMirrorServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  tmp = await tempDir('http');
});
afterEach(async () => {
  await tmp.cleanup();
});

async function failure(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe('downloads over HTTP', () => {
  it('downloads, verifies and caches every file, reporting progress', async () => {
    const events: DownloadProgress[] = [];
    const data = await loadPlanetoidData('CiteSeer', { mirror: `${server.url}/ok/`, root: tmp.dir, onProgress: (e) => events.push(e) });
    expect([data.numNodes, data.numEdges, data.numFeatures, data.numClasses]).toEqual([3327, 9104, 3703, 6]);
    const last = new Map(events.map((e) => [e.file, e]));
    expect(last.size).toBe(8);
    expect(last.get('ind.citeseer.allx')).toEqual({ file: 'ind.citeseer.allx', received: 595021, total: 595021 });
    expect(events.filter((e) => e.file === 'ind.citeseer.allx').length).toBeGreaterThan(1);
    expect((await listFiles(join(tmp.dir, 'CiteSeer', 'raw'))).length).toBe(8);

    // A second load is served from the cache: no new requests.
    const before = server.requests.length;
    await loadPlanetoidData('citeseer', { mirror: `${server.url}/ok`, root: tmp.dir });
    expect(server.requests.length).toBe(before);
  });

  it('reports HTTP errors', async () => {
    const error = await failure(loadPlanetoidData('Cora', { mirror: `${server.url}/missing`, root: tmp.dir }));
    expect(error.file).toBe('ind.cora.x');
    expect(error.message).toMatch(/HTTP 404/);
    expect(await listFiles(tmp.dir)).toEqual([]);
  });

  it('refuses a truncated body', async () => {
    const error = await failure(loadPlanetoidData('Cora', { mirror: `${server.url}/truncated`, root: tmp.dir }));
    expect(error.file).toBe('ind.cora.x');
    expect(error.message).toMatch(/broke off|truncated/);
    expect(await listFiles(tmp.dir)).toEqual([]);
  });

  it('refuses wrong bytes', async () => {
    const error = await failure(loadPlanetoidData('Cora', { mirror: `${server.url}/wrong`, root: tmp.dir }));
    expect(error.file).toBe('ind.cora.x');
    expect(error.message).toMatch(/SHA-256/);
    expect(await listFiles(tmp.dir)).toEqual([]);
  });

  it('explains how to use a mirror when the network is missing', async () => {
    const closed = await startMirrorServer();
    const url = closed.url;
    await closed.close();
    const error = await failure(loadPlanetoidData('Cora', { mirror: url, root: tmp.dir }));
    expect(error.message).toMatch(/could not download/);
    expect(error.message).toMatch(/mirror: /);
    expect(error.message).toMatch(/GNNJS_DATASETS_MIRROR/);
  });

  it('reads the mirror from GNNJS_DATASETS_MIRROR', async () => {
    const saved = process.env['GNNJS_DATASETS_MIRROR'];
    process.env['GNNJS_DATASETS_MIRROR'] = `${server.url}/ok`;
    try {
      const data = await loadPlanetoidData('Cora', { root: tmp.dir });
      expect(data.numNodes).toBe(2708);
      expect(server.requests.at(-1)).toBe('/ok/ind.cora.test.index');
    } finally {
      if (saved === undefined) delete process.env['GNNJS_DATASETS_MIRROR'];
      else process.env['GNNJS_DATASETS_MIRROR'] = saved;
    }
  });
});
