/**
 * From the eight raw files' bytes to a `PlanetoidData` (no I/O, browser-safe).
 */
import { DatasetError } from '../errors.js';
import { PLANETOID_PARTS, rawFileName, type PlanetoidName, type PlanetoidPart } from './names.js';
import type { PlanetoidData } from './planetoid_data.js';
import { processPlanetoid, type PlanetoidRawParts } from './process.js';
import { parseFeatureFile, parseGraphFile, parseIndexFile, parseLabelFile } from './raw_parts.js';

/** Parses one raw file, checking that it holds what its part should (used as the structure check). */
export function parsePlanetoidPart(part: PlanetoidPart, bytes: Uint8Array, file: string): unknown {
  switch (part) {
    case 'x':
    case 'tx':
    case 'allx':
      return parseFeatureFile(bytes, file);
    case 'y':
    case 'ty':
    case 'ally':
      return parseLabelFile(bytes, file);
    case 'graph':
      return parseGraphFile(bytes, file);
    case 'test.index':
      return parseIndexFile(bytes, file);
  }
}

/**
 * Parses and processes the raw files of a Planetoid dataset, given as bytes by
 * file name (`ind.cora.x`, ...), into PyG's public split.
 *
 * @example
 * ```ts
 * const data = parsePlanetoidFiles('Cora', files); // files: Map<string, Uint8Array>
 * data.numNodes; // 2708
 * ```
 */
export function parsePlanetoidFiles(name: PlanetoidName, files: ReadonlyMap<string, Uint8Array>): PlanetoidData {
  const bytesOf = (part: PlanetoidPart): Uint8Array => {
    const file = rawFileName(name, part);
    const bytes = files.get(file);
    if (bytes === undefined) throw new DatasetError('raw file is missing', file);
    return bytes;
  };
  for (const part of PLANETOID_PARTS) bytesOf(part);
  const feature = (part: 'x' | 'tx' | 'allx') => parseFeatureFile(bytesOf(part), rawFileName(name, part));
  const labels = (part: 'y' | 'ty' | 'ally') => parseLabelFile(bytesOf(part), rawFileName(name, part));
  const raw: PlanetoidRawParts = {
    x: feature('x'),
    tx: feature('tx'),
    allx: feature('allx'),
    y: labels('y'),
    ty: labels('ty'),
    ally: labels('ally'),
    graph: parseGraphFile(bytesOf('graph'), rawFileName(name, 'graph')),
    testIndex: parseIndexFile(bytesOf('test.index'), rawFileName(name, 'test.index')),
  };
  return processPlanetoid(name, raw);
}
