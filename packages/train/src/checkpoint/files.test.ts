import '@tensorflow/tfjs-backend-cpu';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '@gnnjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors.js';
import { isAtomicTemp, writeFileAtomic } from './atomic_write.js';
import { loadCheckpoint, readCheckpoint, saveCheckpoint } from './files.js';
import { CONFIG_FILE, WEIGHTS_FILE } from './format.js';

/** A user's own model: nothing the CLI knows about. */
class Custom extends Module {
  readonly w = this.registerParameter('w', tf.variable(tf.tensor2d([[0.1, -2.5e-8, 3], [4, 5, Math.PI]])));
  readonly inner = this.registerModule('inner', new Inner());
}
class Inner extends Module {
  readonly b = this.registerParameter('bias', tf.variable(tf.tensor1d([7, -1])));
}

async function values(m: Module): Promise<Record<string, number[]>> {
  return Object.fromEntries(await Promise.all(Object.entries(m.stateDict()).map(async ([k, t]) => [k, Array.from(await t.data())] as const)));
}

/** Rewrites weights.json through `edit`, optionally fixing the checksum in config.json. */
async function tamper(dir: string, edit: (text: string) => string, fixChecksum: boolean): Promise<void> {
  const text = edit(await readFile(join(dir, WEIGHTS_FILE), 'utf8'));
  await writeFile(join(dir, WEIGHTS_FILE), text);
  if (!fixChecksum) return;
  const config = JSON.parse(await readFile(join(dir, CONFIG_FILE), 'utf8')) as { weights: { sha256: string } };
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  config.weights.sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  await writeFile(join(dir, CONFIG_FILE), JSON.stringify(config));
}

describe('checkpoints of any Module', () => {
  let root: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    root = await mkdtemp(join(tmpdir(), 'gnnjs-ckpt-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('round-trips a custom model and its meta exactly, and leaves no temporary file', async () => {
    const dir = join(root, 'roundtrip');
    const saved = new Custom();
    await saveCheckpoint(dir, saved, { meta: { epoch: 3, note: 'mine', nested: [1, null] } });
    expect((await readdir(dir)).sort()).toEqual([CONFIG_FILE, WEIGHTS_FILE]);
    const loaded = new Custom();
    for (const v of loaded.parameters()) v.assign(tf.zerosLike(v));
    const { meta } = await loadCheckpoint(dir, loaded);
    expect(meta).toEqual({ epoch: 3, note: 'mine', nested: [1, null] });
    expect(await values(loaded)).toEqual(await values(saved));
    const read = await readCheckpoint(dir);
    expect(read.weights['inner.bias']).toEqual({ shape: [2], data: [7, -1] });
    saved.dispose();
    loaded.dispose();
  });

  it('refuses a weight replaced by 1e309 (infinite) even with a matching checksum', async () => {
    const dir = join(root, 'infinite');
    const m = new Custom();
    await saveCheckpoint(dir, m);
    await tamper(dir, (t) => t.replace('"data":[7,-1]', '"data":[1e309,-1]'), true);
    await expect(readCheckpoint(dir)).rejects.toThrow(CheckpointError);
    await expect(loadCheckpoint(dir, m)).rejects.toThrow(/entry 'inner\.bias' value Infinity at flat index 0 is not a finite number/);
    m.dispose();
  });

  it('reports a flipped digit as a checksum mismatch', async () => {
    const dir = join(root, 'flipped');
    const m = new Custom();
    await saveCheckpoint(dir, m);
    await tamper(dir, (t) => t.replace('"data":[7,-1]', '"data":[8,-1]'), false);
    await expect(readCheckpoint(dir)).rejects.toThrow(/weights\.json: checksum mismatch/);
    m.dispose();
  });

  it('reports shapes and names that differ from the manifest or from the model', async () => {
    const dir = join(root, 'shapes');
    const m = new Custom();
    await saveCheckpoint(dir, m);
    await tamper(dir, (t) => t.replace('{"shape":[2],"data":[7,-1]}', '{"shape":[1,2],"data":[7,-1]}'), true);
    await expect(readCheckpoint(dir)).rejects.toThrow(/entry 'inner\.bias' has shape \[1, 2\] but .*config\.json records \[2\]/);

    class Other extends Module {
      readonly w = this.registerParameter('w', tf.variable(tf.zeros([3, 2])));
    }
    await saveCheckpoint(dir, m);
    const other = new Other();
    await expect(loadCheckpoint(dir, other)).rejects.toThrow(/weights\.json: does not fit the model: unexpected keys: inner\.bias/);
    other.dispose();
    m.dispose();
  });

  it('refuses to save NaN weights, and names unreadable or foreign files', async () => {
    const m = new Custom();
    m.w.assign(tf.fill([2, 3], Number.NaN));
    await expect(saveCheckpoint(join(root, 'nan'), m)).rejects.toThrow(/w: value NaN at flat index 0 is not finite/);
    m.dispose();
    const dir = join(root, 'broken');
    await expect(readCheckpoint(dir)).rejects.toThrow(/config\.json: no such file/);
    await saveCheckpoint(dir, new Custom());
    await writeFile(join(dir, CONFIG_FILE), '{"format": "something else"}');
    await expect(readCheckpoint(dir)).rejects.toThrow(/not a GNN\.js checkpoint/);
    await writeFile(join(dir, CONFIG_FILE), '{"format": "gnnjs-checkpoint", "version": 1, "dataset": "karate"}');
    await expect(readCheckpoint(dir)).rejects.toThrow(/version 1 checkpoint/);
    await writeFile(join(dir, CONFIG_FILE), 'not json');
    await expect(readCheckpoint(dir)).rejects.toThrow(/config\.json: not valid JSON/);
  });
});

describe('writeFileAtomic', () => {
  it('a writer killed mid-write leaves the old file whole and only a *.tmp beside it', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gnnjs-atomic-'));
    const path = join(dir, 'big.json');
    await writeFileAtomic(path, 'old\n');
    const size = 300e6;
    const script = `import { writeFileAtomic } from ${JSON.stringify(new URL('./atomic_write.ts', import.meta.url).pathname)};
      await writeFileAtomic(${JSON.stringify(path)}, 'x'.repeat(${size}));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'inherit' });
    const exited = new Promise((r) => child.once('close', r));
    let running = true;
    void exited.then(() => (running = false));
    // Kill it as soon as its temporary file appears (bounded: the child ends by itself).
    let killedMidWrite = false;
    while (running && !killedMidWrite) {
      if ((await readdir(dir)).some(isAtomicTemp)) killedMidWrite = child.kill('SIGKILL');
      else await new Promise((r) => setTimeout(r, 2));
    }
    await exited;
    const { size: written } = await stat(path);
    if (killedMidWrite) {
      expect(await readFile(path, 'utf8')).toBe('old\n');
      expect((await readdir(dir)).filter((n) => n !== 'big.json').every(isAtomicTemp)).toBe(true);
    } else {
      // The write finished before it could be caught: then it is whole.
      expect(written).toBe(size);
    }
    // Never a part of the new file.
    expect([4, size]).toContain(written);
    await rm(dir, { recursive: true, force: true });
  });
});
