import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Batch, Graph, ShapeError } from '@gnnjs/core';
import { AddLaplacianEigenvectorPE } from './add_laplacian_eigenvector_pe.js';
import { AddRandomWalkPE } from './add_random_walk_pe.js';
import { Compose } from './transform.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A 4-cycle, both directions, with 2 features per node. */
const cycle = () => new Graph({ edgeIndex: [[0, 1, 1, 2, 2, 3, 3, 0], [1, 0, 2, 1, 3, 2, 0, 3]], x: tf.ones([4, 2]) });

describe('positional-encoding transforms', () => {
  it('AddRandomWalkPE appends K columns to x and leaves the input graph intact', () => {
    const graph = cycle();
    const out = new AddRandomWalkPE({ walkLength: 3 }).apply(graph);
    expect(out.x!.shape).toEqual([4, 5]);
    expect((out.x!.arraySync() as number[][])[0]!.map((v) => Number(v.toFixed(6)))).toEqual([1, 1, 0, 0.5, 0]);
    expect(graph.x!.shape).toEqual([4, 2]);
    out.dispose();
    graph.dispose();
  });

  it('AddLaplacianEigenvectorPE becomes x when the graph has none; encode gives the matrix alone', () => {
    const graph = new Graph({ edgeIndex: [[0, 1, 1, 2], [1, 0, 2, 1]] });
    const t = new AddLaplacianEigenvectorPE({ k: 2 });
    const out = t.apply(graph);
    expect(out.x!.shape).toEqual([3, 2]);
    const pe = t.encode(graph);
    expect(pe.arraySync()).toEqual(out.x!.arraySync());
    expect(t.toString()).toBe('AddLaplacianEigenvectorPE(k=2)');
    tf.dispose([pe]);
    out.dispose();
    graph.dispose();
  });

  it('batches with the features (Compose, then Batch), and frees every intermediate', () => {
    const before = tf.memory().numTensors;
    const t = new Compose([new AddRandomWalkPE({ walkLength: 2 }), new AddLaplacianEigenvectorPE({ k: 1, isUndirected: true })]);
    const graphs = [cycle(), cycle()];
    const encoded = graphs.map((g) => t.apply(g));
    const batch = Batch.fromGraphs(encoded);
    expect(batch.x!.shape).toEqual([8, 5]);
    [...graphs, ...encoded, batch].forEach((g) => g.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an attribute name GNN.js graphs do not have, naming the option', () => {
    expect(() => new AddRandomWalkPE({ walkLength: 2, attrName: 'pe' as 'x' })).toThrow(ShapeError);
    expect(() => new AddLaplacianEigenvectorPE({ k: 2, attrName: 'random_walk_pe' as 'x' })).toThrow(/attrName/);
  });
});
