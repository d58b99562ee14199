import { DatasetError } from '../errors.js';

/** The Planetoid datasets, spelled as PyG spells them. */
export type PlanetoidName = 'Cora' | 'CiteSeer' | 'PubMed';

/** The eight raw files of a Planetoid dataset, in PyG's order. */
export const PLANETOID_PARTS = ['x', 'tx', 'allx', 'y', 'ty', 'ally', 'graph', 'test.index'] as const;

/** One raw file's suffix: `ind.<name>.<part>`. */
export type PlanetoidPart = (typeof PLANETOID_PARTS)[number];

const NAMES: readonly PlanetoidName[] = ['Cora', 'CiteSeer', 'PubMed'];

/** Resolves a user-given name case-insensitively (`cora`, `CITESEER`, ...). */
export function canonicalPlanetoidName(name: string): PlanetoidName {
  const found = NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
  if (found === undefined) {
    throw new DatasetError(`unknown Planetoid dataset '${name}'; expected one of ${NAMES.join(', ')}`);
  }
  return found;
}

/** The raw file name PyG downloads, e.g. `ind.cora.x`. */
export function rawFileName(name: PlanetoidName, part: PlanetoidPart): string {
  return `ind.${name.toLowerCase()}.${part}`;
}
