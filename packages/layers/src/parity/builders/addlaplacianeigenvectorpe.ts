import * as tf from '@tensorflow/tfjs-core';
import { laplacianEigenvectorPE } from '@gnnjs/core';
import { defineBuilder } from '../builder.js';
import { intArg, pygOptions } from '../constructor_args.js';
import { FixtureError, flatData } from '../fixture.js';
import { fixtureTensor } from '../inputs.js';
import { maxAbsError, maxAbsErrorUpToSign } from '../result.js';
import { summarize } from '../run_fixture.js';

/**
 * `AddLaplacianEigenvectorPE(k=K)`: core's `laplacianEigenvectorPE` (what
 * `@gnnjs/datasets`' transform adds) against PyG's `[N, K]`, each column up
 * to sign (PyG flips them at random), and the eigenvalues.
 */
export default defineBuilder({
  async run(fixture) {
    const options = pygOptions(fixture, ['attr_name', 'is_undirected'], ['k']);
    if (fixture.edge_index === undefined) throw new FixtureError('AddLaplacianEigenvectorPE needs edge_index');
    const edgeIndex = fixtureTensor(fixture.edge_index, 'int32') as tf.Tensor2D;
    const isUndirected = options['isUndirected'] === true;
    const { pe, eigenvalues } = laplacianEigenvectorPE(edgeIndex, { k: intArg(fixture, 'k'), numNodes: fixture.num_nodes, isUndirected });
    try {
      const expected = fixture.output as Parameters<typeof maxAbsError>[1];
      const output = fixture.sign_invariant === true ? await maxAbsErrorUpToSign(pe, expected) : await maxAbsError(pe, expected);
      const extra: Record<string, number> = {};
      if (fixture.eigenvalues !== undefined) {
        const theirs = flatData(fixture.eigenvalues);
        extra['eigenvalues'] = theirs.length === eigenvalues.length ? Math.max(...theirs.map((v, i) => Math.abs(v - eigenvalues[i]!))) : Infinity;
      }
      const errors = { output, loss: null, attention: null, gcnNorm: null, gradX: null, grads: {}, extra };
      return summarize(fixture.layer, { expected: null, actual: null }, errors, []);
    } finally {
      tf.dispose([edgeIndex, pe]);
    }
  },
});
