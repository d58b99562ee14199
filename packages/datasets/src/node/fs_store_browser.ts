/**
 * Browser stand-in for `fs_store.ts` (swapped in through the `browser` field
 * of package.json, so bundlers never see `node:` imports). Loaders only reach
 * it under Node, so these never run in a browser; they fail loudly if they do.
 */
import { DatasetError } from '../errors.js';
import type { RawFileStore } from './fs_store.js';

function unavailable(): never {
  throw new DatasetError('file-system caching and mirror folders need Node.js; in a browser use an http(s) mirror');
}

export function rawDir(_collection: string, _name: string, _root: string | undefined): string {
  return unavailable();
}

export function namedDataRoot(_root: string | undefined): string | undefined {
  return unavailable();
}

export async function ensureDataRoot(_root: string): Promise<void> {
  return unavailable();
}

export async function openRawFileStore(_dir: string): Promise<RawFileStore> {
  return unavailable();
}

export async function readMirrorFile(_mirror: string, _file: string): Promise<Uint8Array> {
  return unavailable();
}
