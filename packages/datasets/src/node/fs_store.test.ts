import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawDir } from './fs_store.js';

const saved = { root: process.env['GNNJS_DATA_ROOT'], xdg: process.env['XDG_CACHE_HOME'] };
afterEach(() => {
  for (const [key, value] of [['GNNJS_DATA_ROOT', saved.root], ['XDG_CACHE_HOME', saved.xdg]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('rawDir', () => {
  it('prefers root, then GNNJS_DATA_ROOT, then XDG_CACHE_HOME, then ~/.cache', () => {
    process.env['GNNJS_DATA_ROOT'] = '/data';
    process.env['XDG_CACHE_HOME'] = '/xdg';
    expect(rawDir('planetoid', 'Cora', '/r')).toBe(join('/r', 'Cora', 'raw'));
    expect(rawDir('planetoid', 'Cora', undefined)).toBe(join('/data', 'planetoid', 'Cora', 'raw'));
    delete process.env['GNNJS_DATA_ROOT'];
    expect(rawDir('planetoid', 'Cora', undefined)).toBe(join('/xdg', 'gnnjs', 'planetoid', 'Cora', 'raw'));
    delete process.env['XDG_CACHE_HOME'];
    expect(rawDir('planetoid', 'PubMed', undefined)).toBe(join(homedir(), '.cache', 'gnnjs', 'planetoid', 'PubMed', 'raw'));
  });
});
