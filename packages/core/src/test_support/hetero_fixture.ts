/** The graph of the PyG heterogeneous fixtures, and PyG's answers about it (test/fixtures/hetero_pyg.json). */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { GraphValidationError } from '../errors.js';
import { HeteroGraph } from '../graph/hetero_graph.js';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Tensor {
  shape: number[];
  data: number[] | number[][];
}

/** The parts of `shared/fixtures/pyg-hetero/*.json` that describe the graph. */
export interface HeteroFixtureGraph {
  metadata: { node_types: string[]; edge_types: [string, string, string][] };
  num_nodes_dict: Record<string, number>;
  x_dict: Record<string, Tensor>;
  edge_index_dict: Record<string, Tensor>;
}

export const heteroFixture: HeteroFixtureGraph = JSON.parse(
  readFileSync(path.resolve(here, '../../../../../shared/fixtures/pyg-hetero/heteroconv_sage_mean.json'), 'utf8'),
) as HeteroFixtureGraph;

/** What PyG 2.6.1 computed on that graph (written by test/fixtures/hetero_pyg.py). */
export const pygHetero = JSON.parse(readFileSync(path.resolve(here, '../../test/fixtures/hetero_pyg.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;

/** The fixture graph; `forwardOnly` leaves out the `rev_` relations. */
export function fixtureGraph(options: { forwardOnly?: boolean } = {}): HeteroGraph {
  const f = heteroFixture;
  const nodes = Object.fromEntries(
    f.metadata.node_types.map((t) => [t, { x: tf.tensor2d(f.x_dict[t]!.data as number[][]), numNodes: f.num_nodes_dict[t] }]),
  );
  const edges = f.metadata.edge_types
    .filter((et) => !(options.forwardOnly && et[1].startsWith('rev_')))
    .map((et) => ({ type: et, edgeIndex: f.edge_index_dict[et.join('__')]!.data as number[][] }));
  return new HeteroGraph({ nodes, edges });
}

/** The field named by the GraphValidationError that `build` throws. */
export function failingField(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphValidationError);
    return (error as GraphValidationError).field;
  }
  throw new Error('expected a GraphValidationError');
}
