/**
 * How the parity runner learns a layer: one builder per PyG layer name, in
 * `builders/<layer in lower case>.ts` (`GINConv` → `builders/ginconv.ts`,
 * `to_hetero` → `builders/to_hetero.ts`), found by that name when a fixture
 * asks for the layer. **Adding a layer to `pnpm parity` is one new file**
 * there, whose default export is a {@link FixtureBuilder} made with
 * {@link defineBuilder}:
 *
 * - a module builder (`build` + `forward`): the runner loads `params` and
 *   `buffers` by PyG name, checks repr, parameter and state-dict names, runs
 *   `forward` on the fixture's inputs in eval mode, and compares output,
 *   attention and the gradients of `Σ output · R` w.r.t. `x` (or each
 *   `x_dict` entry) and every parameter (a parameter without gradient
 *   counts as zeros, as the fixture stores for `unused_params`);
 * - a custom builder (`run`): checks what it likes and returns the
 *   {@link FixtureResult} itself (transforms without parameters, say).
 *
 * A fixture whose layer has no builder file fails with
 * "no builder for layer X".
 */
import { existsSync } from 'node:fs';
import type * as tf from '@tensorflow/tfjs-core';
import type { Module } from '@gnnjs/core';
import type { AttentionWeights } from '../conv/attention.js';
import { FixtureError, type PygFixture } from './fixture.js';
import type { FixtureInputs } from './inputs.js';
import type { FixtureResult } from './result.js';

/** What a module builder's `forward` returns: the output (per node type, for heterogeneous layers) and attention. */
export interface BuilderOutput {
  output: tf.Tensor | Record<string, tf.Tensor>;
  attention?: AttentionWeights | Record<string, AttentionWeights>;
}

/** Helpers a builder gets: sub-modules from their JSON descriptions (see `describe_module.ts`). */
export interface BuildContext {
  /** A `torch.nn` description (list = Sequential, `{type: 'Linear', …}`) or a nested layer `{layer, constructor_args}`. */
  module(description: unknown, argument: string): Promise<Module>;
}

/** A builder that makes a module and runs it; the runner does the rest. */
export interface ModuleBuilder<M extends Module = Module> {
  /** Builds the module from `fixture.layer` and `fixture.constructor_args` (throw {@link FixtureError} on what it cannot). */
  build(fixture: PygFixture, context: BuildContext): M | Promise<M>;
  /** Runs the module on the fixture's inputs, inside the runner's gradient tape. */
  forward(module: M, inputs: FixtureInputs): BuilderOutput;
  /** Extra comparisons (e.g. GCNConv's normalised edges): name → max abs error; may read tensors, must free them. */
  extraErrors?(module: M, inputs: FixtureInputs): Promise<Record<string, number>>;
}

/** A builder that checks the fixture on its own (layers without parameters or gradients). */
export interface CustomBuilder {
  run(fixture: PygFixture): Promise<FixtureResult>;
}

export type FixtureBuilder = ModuleBuilder | CustomBuilder;

/** Types a builder file's default export. */
export function defineBuilder<M extends Module>(builder: ModuleBuilder<M>): FixtureBuilder;
export function defineBuilder(builder: CustomBuilder): FixtureBuilder;
export function defineBuilder(builder: FixtureBuilder): FixtureBuilder {
  return builder;
}

/** `builders/<name>` for a layer, or null when the name cannot be a file name. */
function builderFile(layer: string): string | null {
  return /^[A-Za-z0-9_]+$/.test(layer) ? `./builders/${layer.toLowerCase()}` : null;
}

const cache = new Map<string, Promise<FixtureBuilder>>();

/**
 * The builder of `layer`; throws {@link FixtureError} "no builder for layer
 * X" when `builders/<x>.ts` does not exist.
 */
export function loadBuilder(layer: string): Promise<FixtureBuilder> {
  let found = cache.get(layer);
  if (found === undefined) {
    found = importBuilder(layer);
    cache.set(layer, found);
    found.catch(() => cache.delete(layer));
  }
  return found;
}

async function importBuilder(layer: string): Promise<FixtureBuilder> {
  const file = builderFile(layer);
  // Sources (.ts, run by tsx or vitest) or the built package (.js); imported by
  // the name that exists, as a computed specifier is not mapped from .js to .ts.
  const ext = file === null ? undefined : ['.ts', '.js'].find((e) => existsSync(new URL(`${file}${e}`, import.meta.url)));
  if (file === null || ext === undefined) {
    throw new FixtureError(`no builder for layer ${layer} (a builder is one file, packages/layers/src/parity/builders/${layer.toLowerCase()}.ts: see parity/builder.ts)`);
  }
  const loaded = (await import(`${file}${ext}`)) as { default?: FixtureBuilder };
  if (loaded.default === undefined) throw new FixtureError(`${file}.ts has no default export (export default defineBuilder({...}))`);
  return loaded.default;
}

/** Whether a builder runs modules (else it checks fixtures itself). */
export function isModuleBuilder(builder: FixtureBuilder): builder is ModuleBuilder {
  return 'build' in builder;
}
