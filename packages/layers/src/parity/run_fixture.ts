import * as tf from '@tensorflow/tfjs-core';
import { gcnNorm } from '@gnnjs/core';
import type { AttentionWeights } from '../conv/attention.js';
import { GCNConv } from '../conv/gcn_conv.js';
import { buildLayer, type FixtureLayer } from './build_layer.js';
import { flatData, type FixtureTensor, type PygFixture } from './fixture.js';

/** Max absolute errors of one fixture run against PyG (`null`: not part of this fixture). */
export interface FixtureErrors {
  output: number;
  loss: number;
  attention: number | null;
  gcnNorm: number | null;
  gradX: number;
  /** Per parameter, by PyG name. */
  grads: Record<string, number>;
}

/** The outcome of {@link runFixture} on the active backend. */
export interface FixtureResult {
  layer: string;
  repr: { expected: string; actual: string };
  errors: FixtureErrors;
  /** Largest of all numeric errors (Infinity on a shape or index mismatch). */
  maxError: number;
  /** Largest gradient error (x and every parameter). */
  maxGradError: number;
  /** Structural mismatches: repr, parameter names, state-dict keys, shapes. */
  problems: string[];
}

const toTensor = (t: FixtureTensor, dtype: 'float32' | 'int32' = 'float32') => tf.tensor(flatData(t), t.shape, dtype);

/**
 * Max |ours - theirs|, or Infinity when the shapes differ. Reads `ours`
 * asynchronously (so it works on WebGPU in Node); the caller still owns it.
 */
export async function maxAbsError(ours: tf.Tensor, theirs: FixtureTensor): Promise<number> {
  if (!tf.util.arraysEqual(ours.shape, theirs.shape)) return Infinity;
  const a = await ours.data();
  const b = flatData(theirs);
  let worst = 0;
  for (let k = 0; k < b.length; k += 1) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
  return Number.isNaN(worst) ? Infinity : worst;
}

/** The tensors one fixture run produces, read back after the `tidy` that made them. */
interface FixtureOutputs {
  output: tf.Tensor;
  loss: tf.Scalar;
  grads: tf.NamedTensorMap;
  attention?: AttentionWeights;
  gcnNorm?: { edgeIndex: tf.Tensor; edgeWeight: tf.Tensor };
}

/** Loads the fixture's parameters into `layer` and reports structural differences from PyG. */
function prepareLayer(layer: FixtureLayer, fixture: PygFixture, problems: string[]): void {
  layer.eval();
  if (layer.toString() !== fixture.repr) problems.push(`repr '${layer.toString()}' != '${fixture.repr}'`);
  const ourNames = layer.namedParameters().map(([k]) => k);
  const theirNames = Object.keys(fixture.params);
  if (ourNames.join() !== theirNames.join()) problems.push(`parameters [${ourNames}] != PyG [${theirNames}]`);
  const stateKeys = Object.keys(layer.stateDict());
  if ([...stateKeys].sort().join() !== [...fixture.state_dict_keys].sort().join()) {
    problems.push(`state dict keys [${stateKeys}] != PyG [${fixture.state_dict_keys}]`);
  }
  const params = Object.fromEntries(Object.entries(fixture.params).map(([k, v]) => [k, toTensor(v)]));
  try {
    layer.loadStateDict(params, { strict: false });
  } finally {
    tf.dispose(Object.values(params));
  }
}

/** Forward with attention, `loss = Σ output · R` and its gradients, inside one `tidy` that keeps only the results. */
function evaluate(layer: FixtureLayer, fixture: PygFixture, x: tf.Variable): FixtureOutputs {
  return tf.tidy(() => {
    const edgeIndex = toTensor(fixture.edge_index, 'int32') as tf.Tensor2D;
    const edgeAttr = fixture.edge_attr === undefined ? undefined : toTensor(fixture.edge_attr);
    const R = toTensor(fixture.R);
    let output: tf.Tensor2D | undefined;
    let attention: AttentionWeights | undefined;
    const { value, grads } = tf.variableGrads(() => {
      if (layer instanceof GCNConv) {
        output = tf.keep(layer.forward(x as tf.Tensor2D, edgeIndex));
      } else {
        const res = layer.forward(x as tf.Tensor2D, edgeIndex, {
          returnAttentionWeights: true,
          ...(edgeAttr === undefined ? {} : { edgeAttr }),
        });
        output = tf.keep(res.output);
        attention = { edgeIndex: tf.keep(res.attention.edgeIndex), alpha: tf.keep(res.attention.alpha) };
      }
      return tf.sum(tf.mul(output, R));
    }, [x, ...layer.namedParameters().map(([, v]) => v)]);
    const outputs: FixtureOutputs = { output: output!, loss: value, grads, ...(attention === undefined ? {} : { attention }) };
    if (fixture.gcn_norm !== undefined && layer instanceof GCNConv) {
      const { improved, addSelfLoops } = layer;
      outputs.gcnNorm = gcnNorm(edgeIndex, { numNodes: fixture.num_nodes, improved, addSelfLoops });
    }
    // Everything returned here is kept (tf.keep'd tensors included) and disposed by the caller.
    return outputs as unknown as tf.TensorContainer;
  }) as unknown as FixtureOutputs;
}

/** Compares every result with PyG's, reading each tensor asynchronously. */
async function measureErrors(layer: FixtureLayer, fixture: PygFixture, x: tf.Variable, outputs: FixtureOutputs, problems: string[]): Promise<FixtureErrors> {
  const errors: FixtureErrors = {
    output: await maxAbsError(outputs.output, fixture.output),
    loss: Math.abs((await outputs.loss.data())[0]! - fixture.loss),
    attention: null,
    gcnNorm: null,
    gradX: await maxAbsError(outputs.grads[x.name]!, fixture.grad_x),
    grads: {},
  };
  for (const [name, v] of layer.namedParameters()) {
    const expected = fixture.grads[name];
    errors.grads[name] = expected === undefined ? Infinity : await maxAbsError(outputs.grads[v.name]!, expected);
  }
  if (fixture.attention !== undefined) {
    const { attention } = outputs;
    const sameEdges = attention !== undefined && (await maxAbsError(attention.edgeIndex, fixture.attention.edge_index)) === 0;
    if (!sameEdges) problems.push('attention edge_index differs from PyG');
    errors.attention = sameEdges ? await maxAbsError(attention!.alpha, fixture.attention.alpha) : Infinity;
  }
  if (outputs.gcnNorm !== undefined && fixture.gcn_norm !== undefined) {
    const sameEdges = (await maxAbsError(outputs.gcnNorm.edgeIndex, fixture.gcn_norm.edge_index)) === 0;
    if (!sameEdges) problems.push('gcn_norm edge_index differs from PyG');
    errors.gcnNorm = sameEdges ? await maxAbsError(outputs.gcnNorm.edgeWeight, fixture.gcn_norm.edge_weight) : Infinity;
  }
  return errors;
}

/**
 * Runs one PyG fixture on the active tfjs backend: builds the layer from
 * `layer`/`constructor_args`, loads `params` by PyG name, runs forward (with
 * attention for GAT-style layers), and differentiates `loss = Σ output · R`
 * w.r.t. `x` and every parameter. Works for any fixture of the documented
 * format and on any backend (results are read with `await tensor.data()`,
 * so WebGPU in Node works too); frees every tensor it makes.
 *
 * @example
 * ```ts
 * const result = await runFixture(JSON.parse(fs.readFileSync('gatconv_h2_concat.json', 'utf8')));
 * result.maxError < 1e-5;
 * ```
 */
export async function runFixture(fixture: PygFixture): Promise<FixtureResult> {
  const problems: string[] = [];
  const layer = buildLayer(fixture);
  const x = tf.tidy(() => tf.variable(toTensor(fixture.x), true));
  try {
    prepareLayer(layer, fixture, problems);
    const outputs = evaluate(layer, fixture, x);
    let errors: FixtureErrors;
    try {
      errors = await measureErrors(layer, fixture, x, outputs, problems);
    } finally {
      tf.dispose(outputs as unknown as tf.TensorContainer);
    }
    const maxGradError = Math.max(errors.gradX, ...Object.values(errors.grads));
    const numeric = [errors.output, errors.loss, errors.attention ?? 0, errors.gcnNorm ?? 0, maxGradError];
    const repr = { expected: fixture.repr, actual: layer.toString() };
    return { layer: fixture.layer, repr, errors, maxError: Math.max(...numeric), maxGradError, problems };
  } finally {
    x.dispose();
    layer.dispose();
  }
}
