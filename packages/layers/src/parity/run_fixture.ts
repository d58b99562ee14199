import * as tf from '@tensorflow/tfjs-core';
import type { Module } from '@gnnjs/core';
import type { AttentionWeights } from '../conv/attention.js';
import { isModuleBuilder, loadBuilder, type BuilderOutput, type ModuleBuilder } from './builder.js';
import { buildContext } from './describe_module.js';
import type { FixtureAttention, FixtureTensors, PygFixture } from './fixture.js';
import { fixtureTensor, makeInputs, type MadeInputs } from './inputs.js';
import { maxAbsError, maxAbsErrorOf, type FixtureErrors, type FixtureResult } from './result.js';

/** The tensors one fixture run produces, read back after the `tidy` that made them. */
interface RunOutputs extends BuilderOutput {
  loss: tf.Scalar | null;
  grads: tf.NamedTensorMap;
}

const isTensor = (v: FixtureTensors): boolean => 'shape' in v && Array.isArray(v.shape);

/** Loads the fixture's parameters and buffers into `module` and reports structural differences from PyG. */
function prepareModule(module: Module, fixture: PygFixture, problems: string[]): void {
  module.eval();
  if (fixture.repr !== undefined && module.toString() !== fixture.repr) problems.push(`repr '${module.toString()}' != '${fixture.repr}'`);
  const ourNames = module.namedParameters().map(([k]) => k);
  const theirNames = Object.keys(fixture.params ?? {});
  if (ourNames.join() !== theirNames.join()) problems.push(`parameters [${ourNames}] != PyG [${theirNames}]`);
  if (fixture.state_dict_keys !== undefined) {
    const stateKeys = Object.keys(module.stateDict());
    if ([...stateKeys].sort().join() !== [...fixture.state_dict_keys].sort().join()) {
      problems.push(`state dict keys [${stateKeys}] != PyG [${fixture.state_dict_keys}]`);
    }
  }
  const values = { ...fixture.params, ...fixture.buffers };
  const dict = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fixtureTensor(v)]));
  try {
    module.loadStateDict(dict, { strict: false });
  } finally {
    tf.dispose(Object.values(dict));
  }
}

/** `Σ output · R` (summed over node types). */
function lossOf(output: BuilderOutput['output'], R: FixtureTensors): tf.Scalar {
  if (output instanceof tf.Tensor) return tf.sum(tf.mul(output, fixtureTensor(R as never)));
  const r = R as Record<string, never>;
  return Object.entries(output).reduce<tf.Scalar>((acc, [k, v]) => {
    if (r[k] === undefined) throw new Error(`R has no entry for output '${k}'`);
    return tf.add(acc, tf.sum(tf.mul(v, fixtureTensor(r[k])))) as tf.Scalar;
  }, tf.scalar(0));
}

/** Forward (and, when the fixture has `R`, `loss = Σ output · R` with its gradients) inside one `tidy` that keeps only the results. */
function evaluate(builder: ModuleBuilder, module: Module, fixture: PygFixture, made: MadeInputs): RunOutputs {
  return tf.tidy(() => {
    let result: BuilderOutput | undefined;
    const run = () => {
      result = builder.forward(module, made.inputs);
      for (const t of result.output instanceof tf.Tensor ? [result.output] : Object.values(result.output)) tf.keep(t);
      const attention = result.attention;
      if (attention !== undefined) {
        const list: AttentionWeights[] = 'alpha' in attention ? [attention as AttentionWeights] : Object.values(attention);
        for (const a of list) {
          tf.keep(a.alpha);
          tf.keep(a.edgeIndex);
        }
      }
      return result.output;
    };
    if (fixture.R === undefined) {
      run();
      return { ...result!, loss: null, grads: {} } as unknown as tf.TensorContainer;
    }
    const vars = [...made.variables.map(([, v]) => v), ...module.namedParameters().map(([, v]) => v)];
    const { value, grads } = tf.variableGrads(() => lossOf(run(), fixture.R!), vars);
    // Everything returned here is kept (tf.keep'd tensors included) and disposed by the caller.
    return { ...result!, loss: value, grads } as unknown as tf.TensorContainer;
  }) as unknown as RunOutputs;
}

/** A gradient, or zeros of the variable's shape where autograd gave none (PyG's fixtures store zeros then). */
async function gradError(grads: tf.NamedTensorMap, variable: tf.Variable, expected: FixtureTensors | undefined): Promise<number> {
  if (expected === undefined) return Infinity;
  const grad = grads[variable.name];
  if (grad !== undefined) return maxAbsErrorOf(grad, expected);
  const zeros = tf.zerosLike(variable);
  try {
    return await maxAbsErrorOf(zeros, expected);
  } finally {
    zeros.dispose();
  }
}

async function attentionError(ours: AttentionWeights | undefined, theirs: FixtureAttention, what: string, problems: string[]): Promise<number> {
  const sameEdges = ours !== undefined && (await maxAbsError(ours.edgeIndex, theirs.edge_index)) === 0;
  if (!sameEdges) {
    problems.push(`${what} edge_index differs from PyG`);
    return Infinity;
  }
  return maxAbsError(ours.alpha, theirs.alpha);
}

/** Compares every result with PyG's, reading each tensor asynchronously. */
async function measureErrors(module: Module, fixture: PygFixture, made: MadeInputs, outputs: RunOutputs, problems: string[]): Promise<FixtureErrors> {
  const errors: FixtureErrors = {
    output: await maxAbsErrorOf(outputs.output, fixture.output),
    loss: outputs.loss === null || fixture.loss === undefined ? null : Math.abs((await outputs.loss.data())[0]! - fixture.loss),
    attention: null,
    gcnNorm: null,
    gradX: null,
    grads: {},
    extra: {},
  };
  if (outputs.loss !== null) {
    if (fixture.grad_x !== undefined) {
      const perInput = isTensor(fixture.grad_x) ? { x: fixture.grad_x } : (fixture.grad_x as Record<string, FixtureTensors>);
      let worst = 0;
      for (const [key, variable] of made.variables) worst = Math.max(worst, await gradError(outputs.grads, variable, perInput[key]));
      if (made.variables.length !== Object.keys(perInput).length) worst = Infinity;
      errors.gradX = worst;
    }
    for (const [name, v] of module.namedParameters()) errors.grads[name] = await gradError(outputs.grads, v, fixture.grads?.[name]);
  }
  if (fixture.attention !== undefined) {
    const ours = outputs.attention !== undefined && 'alpha' in outputs.attention ? (outputs.attention as AttentionWeights) : undefined;
    errors.attention = await attentionError(ours, fixture.attention, 'attention', problems);
  }
  if (fixture.attention_dict !== undefined) {
    const ours = outputs.attention !== undefined && !('alpha' in outputs.attention) ? (outputs.attention as Record<string, AttentionWeights>) : {};
    let worst = 0;
    for (const [key, theirs] of Object.entries(fixture.attention_dict)) {
      worst = Math.max(worst, await attentionError(ours[key], theirs, `attention_dict.${key}`, problems));
    }
    errors.attention = worst;
  }
  return errors;
}

/** The result's summary numbers from its errors. */
export function summarize(layer: string, repr: FixtureResult['repr'], errors: FixtureErrors, problems: string[]): FixtureResult {
  const gradients = [...(errors.gradX === null ? [] : [errors.gradX]), ...Object.values(errors.grads)];
  const maxGradError = gradients.length === 0 ? null : Math.max(...gradients);
  const numeric = [errors.output, errors.loss ?? 0, errors.attention ?? 0, errors.gcnNorm ?? 0, maxGradError ?? 0, ...Object.values(errors.extra)];
  return { layer, repr, errors, maxError: Math.max(...numeric), maxGradError, problems };
}

async function runModuleFixture(builder: ModuleBuilder, fixture: PygFixture): Promise<FixtureResult> {
  const problems: string[] = [];
  const module = await builder.build(fixture, buildContext);
  let made: MadeInputs | undefined;
  try {
    made = makeInputs(fixture);
    prepareModule(module, fixture, problems);
    const outputs = evaluate(builder, module, fixture, made);
    let errors: FixtureErrors;
    try {
      errors = await measureErrors(module, fixture, made, outputs, problems);
    } finally {
      tf.dispose(outputs as unknown as tf.TensorContainer);
    }
    if (builder.extraErrors !== undefined) errors.extra = await builder.extraErrors(module, made.inputs);
    errors.gcnNorm = errors.extra['gcnNorm'] ?? null;
    return summarize(fixture.layer, { expected: fixture.repr ?? null, actual: module.toString() }, errors, problems);
  } finally {
    made?.dispose();
    module.dispose();
  }
}

/**
 * Runs one PyG fixture on the active tfjs backend with the builder of its
 * `layer` (see `builder.ts`): builds the module from `constructor_args`,
 * loads `params` and `buffers` by PyG name, runs forward in eval mode (with
 * attention where the fixture has it), and differentiates
 * `loss = Σ output · R` w.r.t. `x` and every parameter. Results are read
 * with `await tensor.data()`, so WebGPU in Node works too; every tensor it
 * makes is freed. Throws a `FixtureError` for a layer without a builder or a
 * fixture its builder cannot read.
 *
 * @example
 * ```ts
 * const result = await runFixture(JSON.parse(fs.readFileSync('gatconv_h2_concat.json', 'utf8')));
 * result.maxError < 1e-5;
 * ```
 */
export async function runFixture(fixture: PygFixture): Promise<FixtureResult> {
  const builder = await loadBuilder(fixture.layer);
  if (!isModuleBuilder(builder)) return builder.run(fixture);
  return runModuleFixture(builder, fixture);
}
