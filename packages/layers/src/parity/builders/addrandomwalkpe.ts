import * as tf from '@tensorflow/tfjs-core';
import { randomWalkPE } from '@gnnjs/core';
import { defineBuilder } from '../builder.js';
import { intArg, pygOptions } from '../constructor_args.js';
import { FixtureError } from '../fixture.js';
import { fixtureTensor } from '../inputs.js';
import { maxAbsError } from '../result.js';
import { summarize } from '../run_fixture.js';

/** `AddRandomWalkPE(walk_length=K)`: core's `randomWalkPE` (what `@gnnjs/datasets`' transform adds) against PyG's `[N, K]`. */
export default defineBuilder({
  async run(fixture) {
    pygOptions(fixture, ['attr_name'], ['walk_length']);
    if (fixture.edge_index === undefined) throw new FixtureError('AddRandomWalkPE needs edge_index');
    const edgeIndex = fixtureTensor(fixture.edge_index, 'int32') as tf.Tensor2D;
    const pe = randomWalkPE(edgeIndex, { walkLength: intArg(fixture, 'walk_length'), numNodes: fixture.num_nodes });
    try {
      const output = await maxAbsError(pe, fixture.output as Parameters<typeof maxAbsError>[1]);
      const errors = { output, loss: null, attention: null, gcnNorm: null, gradX: null, grads: {}, extra: {} };
      return summarize(fixture.layer, { expected: null, actual: null }, errors, []);
    } finally {
      tf.dispose([edgeIndex, pe]);
    }
  },
});
