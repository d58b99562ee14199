/**
 * A user's project holds one copy of tfjs-core and of each tfjs backend: two
 * copies of tfjs-core mean two engines (`Platform node has already been set`,
 * tensors one engine does not know), two of a backend register its kernels
 * twice. So every published package takes them as peer dependencies (the
 * user's copy), never as dependencies (a copy of its own), and a package
 * that depends on another GNN.js package also peers what that one requires
 * as a peer (optional peers, such as tfjs-node, stay the user's choice), so
 * that the user is told to install it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/** Packages of which a process must load one copy. */
const SINGLE = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
];

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const manifests: Manifest[] = ['packages', 'apps'].flatMap((group) =>
  readdirSync(path.join(REPO_ROOT, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      try {
        return [JSON.parse(readFileSync(path.join(REPO_ROOT, group, entry.name, 'package.json'), 'utf8')) as Manifest];
      } catch {
        return [];
      }
    }),
);
const published = manifests.filter((m) => m.private !== true);
const byName = new Map(manifests.map((m) => [m.name, m]));

describe('published packages share the user\'s tfjs', () => {
  it('are found', () => {
    expect(published.map((m) => m.name)).toEqual(expect.arrayContaining(['@gnnjs/core', '@gnnjs/backend-cpu', '@gnnjs/cli']));
  });

  it.each(published.map((m) => [m.name, m]))('%s peers @tensorflow/tfjs-core and depends on no copy of tfjs', (_, manifest) => {
    expect(Object.keys(manifest.peerDependencies ?? {})).toContain('@tensorflow/tfjs-core');
    expect(Object.keys(manifest.dependencies ?? {}).filter((d) => SINGLE.includes(d))).toEqual([]);
  });

  it.each(published.map((m) => [m.name, m]))('%s peers whatever its GNN.js dependencies require as peers', (_, manifest) => {
    const own = new Set(Object.keys(manifest.peerDependencies ?? {}));
    const missing = Object.keys(manifest.dependencies ?? {})
      .filter((d) => d.startsWith('@gnnjs/'))
      .flatMap((d) => {
        const dependency = byName.get(d);
        const required = Object.keys(dependency?.peerDependencies ?? {}).filter((p) => dependency?.peerDependenciesMeta?.[p]?.optional !== true);
        return required.filter((p) => SINGLE.includes(p) && !own.has(p)).map((p) => `${p} (for ${d})`);
      });
    expect(missing).toEqual([]);
  });
});
