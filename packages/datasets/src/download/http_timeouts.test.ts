import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError, DownloadTimeoutError } from '../errors.js';
import { loadPlanetoidData } from '../planetoid/load_data.js';
import { listFiles } from '../testing/mirror_copy.js';
import { startMirrorServer, type MirrorServer } from '../testing/mirror_server.js';
import { tempDir } from '../testing/paths.js';
import { DEFAULT_DOWNLOAD_TIMEOUTS } from './http.js';

let server: MirrorServer;
let tmp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  server = await startMirrorServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  tmp = await tempDir('http-timeouts');
});
afterEach(async () => {
  await tmp.cleanup();
});

/** The error of `promise`, and how long it took to come. */
async function timed(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - start };
}

describe('downloads are bounded in time', () => {
  it('a server that accepts and never answers: the connect timeout, naming the URL', async () => {
    const { error, ms } = await timed(loadPlanetoidData('Cora', { mirror: `${server.url}/hang`, root: tmp.dir, timeouts: { connectMs: 300 } }));
    expect(error).toBeInstanceOf(DownloadTimeoutError);
    expect(error).toBeInstanceOf(DatasetError);
    const e = error as DownloadTimeoutError;
    expect([e.url, e.timeout, e.limitMs, e.file]).toEqual([`${server.url}/hang/ind.cora.x`, 'connect', 300, 'ind.cora.x']);
    expect(e.message).toBe(`ind.cora.x: download of ${server.url}/hang/ind.cora.x timed out: no response within 300 ms (the connect timeout)`);
    expect(ms).toBeLessThan(5_000);
    expect(await listFiles(tmp.dir)).toEqual([]);
  });

  it('a body that stops coming: the idle timeout', async () => {
    const { error, ms } = await timed(loadPlanetoidData('Cora', { mirror: `${server.url}/stall`, root: tmp.dir, timeouts: { idleMs: 300 } }));
    expect(error).toBeInstanceOf(DownloadTimeoutError);
    const e = error as DownloadTimeoutError;
    expect([e.url, e.timeout, e.limitMs]).toEqual([`${server.url}/stall/ind.cora.x`, 'idle', 300]);
    expect(e.message).toMatch(/timed out: no data within 300 ms \(the idle timeout\) \(\d+ bytes received\)$/);
    expect(ms).toBeLessThan(5_000);
    expect(await listFiles(tmp.dir)).toEqual([]);
  });

  it('a body that keeps coming, each piece within the idle limit, too slowly: the total timeout', async () => {
    const { error, ms } = await timed(loadPlanetoidData('Cora', { mirror: `${server.url}/trickle`, root: tmp.dir, timeouts: { idleMs: 1_000, totalMs: 2_500 } }));
    expect(error).toBeInstanceOf(DownloadTimeoutError);
    const e = error as DownloadTimeoutError;
    expect([e.url, e.timeout, e.limitMs]).toEqual([`${server.url}/trickle/ind.cora.x`, 'total', 2500]);
    expect(e.message).toMatch(/timed out: not complete within 2500 ms \(the total timeout\)/);
    expect(ms).toBeLessThan(5_000);
  });

  it('downloads within the limits as before', async () => {
    const data = await loadPlanetoidData('Cora', { mirror: `${server.url}/ok`, root: tmp.dir, timeouts: { connectMs: 10_000, idleMs: 10_000, totalMs: 60_000 } });
    expect(data.numNodes).toBe(2708);
  });

  it('has documented defaults and refuses limits that are not finite positive numbers', async () => {
    expect(DEFAULT_DOWNLOAD_TIMEOUTS).toEqual({ connectMs: 30_000, idleMs: 30_000, totalMs: 600_000 });
    for (const [key, value] of [
      ['connectMs', 0],
      ['idleMs', -1],
      ['totalMs', Number.POSITIVE_INFINITY],
      ['connectMs', Number.NaN],
    ] as const) {
      const { error } = await timed(loadPlanetoidData('Cora', { mirror: `${server.url}/ok`, root: tmp.dir, timeouts: { [key]: value } }));
      expect(error).toBeInstanceOf(DatasetError);
      expect((error as Error).message).toBe(`timeouts.${key} must be a finite number of milliseconds above 0, got ${String(value)}`);
    }
  });
});
