import * as tf from '@tensorflow/tfjs-core';
import { FixtureError, flatData, type FixtureTensor, type PygFixture } from './fixture.js';

/**
 * A fixture's inputs as tensors, for a builder's `forward`. `x` (and each
 * `xDict` entry) is a variable: the runner differentiates w.r.t. it.
 */
export interface FixtureInputs {
  readonly fixture: PygFixture;
  readonly x?: tf.Tensor2D;
  readonly xDict?: Readonly<Record<string, tf.Tensor2D>>;
  readonly edgeIndex?: tf.Tensor2D;
  readonly edgeIndexDict?: Readonly<Record<string, tf.Tensor2D>>;
  readonly edgeAttr?: tf.Tensor2D;
  readonly edgeWeight?: tf.Tensor1D;
  readonly batch?: tf.Tensor1D;
  readonly numGraphs?: number;
  readonly numNodes?: number;
}

/** A fixture tensor as a tfjs tensor (float32, or int32 for indices). */
export function fixtureTensor(t: FixtureTensor, dtype: 'float32' | 'int32' = 'float32'): tf.Tensor {
  return tf.tensor(flatData(t), t.shape, dtype);
}

/** `inputs[key]`, or a {@link FixtureError} saying the layer needs it. */
export function need<K extends keyof FixtureInputs>(inputs: FixtureInputs, key: K): NonNullable<FixtureInputs[K]> {
  const value = inputs[key];
  if (value === undefined || value === null) throw new FixtureError(`${inputs.fixture.layer} needs '${String(key)}' in the fixture`);
  return value as NonNullable<FixtureInputs[K]>;
}

/** The inputs with the variables to differentiate w.r.t. (by fixture key: `x`, or the node types of `x_dict`). */
export interface MadeInputs {
  inputs: FixtureInputs;
  variables: ReadonlyArray<readonly [string, tf.Variable]>;
  dispose(): void;
}

/** Makes every input the fixture has; the caller disposes them. */
export function makeInputs(fixture: PygFixture): MadeInputs {
  const made: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => {
    made.push(t);
    return t;
  };
  const variable = (t: FixtureTensor) => keep(tf.tidy(() => tf.variable(fixtureTensor(t), true)));
  const variables: Array<[string, tf.Variable]> = [];
  const inputs: { -readonly [K in keyof FixtureInputs]: FixtureInputs[K] } = { fixture };
  if (fixture.x !== undefined) {
    inputs.x = variable(fixture.x) as tf.Variable<tf.Rank.R2>;
    variables.push(['x', inputs.x as tf.Variable]);
  }
  if (fixture.x_dict !== undefined) {
    const dict: Record<string, tf.Tensor2D> = {};
    for (const [type, t] of Object.entries(fixture.x_dict)) {
      dict[type] = variable(t) as tf.Variable<tf.Rank.R2>;
      variables.push([type, dict[type] as tf.Variable]);
    }
    inputs.xDict = dict;
  }
  if (fixture.edge_index !== undefined) inputs.edgeIndex = keep(fixtureTensor(fixture.edge_index, 'int32') as tf.Tensor2D);
  if (fixture.edge_index_dict !== undefined) {
    inputs.edgeIndexDict = Object.fromEntries(
      Object.entries(fixture.edge_index_dict).map(([k, t]) => [k, keep(fixtureTensor(t, 'int32') as tf.Tensor2D)]),
    );
  }
  if (fixture.edge_attr !== undefined) inputs.edgeAttr = keep(fixtureTensor(fixture.edge_attr) as tf.Tensor2D);
  if (fixture.edge_weight !== undefined) inputs.edgeWeight = keep(fixtureTensor(fixture.edge_weight) as tf.Tensor1D);
  if (fixture.batch !== undefined) inputs.batch = keep(fixtureTensor(fixture.batch, 'int32') as tf.Tensor1D);
  if (fixture.num_graphs !== undefined) inputs.numGraphs = fixture.num_graphs;
  if (fixture.num_nodes !== undefined) inputs.numNodes = fixture.num_nodes;
  return { inputs, variables, dispose: () => tf.dispose(made) };
}
