/**
 * `@gnnjs/layers/parity`: checks layers against PyTorch Geometric's numbers,
 * using reference fixtures (see shared/fixtures/pyg/README.md). Each PyG
 * layer name has a builder in `builders/` (one file; see `builder.ts`).
 * Node-only (reads fixture files).
 */
export { runFixture, summarize } from './run_fixture.js';
export { maxAbsError, maxAbsErrorOf, maxAbsErrorUpToSign, type FixtureErrors, type FixtureResult } from './result.js';
export {
  defineBuilder,
  isModuleBuilder,
  loadBuilder,
  type BuildContext,
  type BuilderOutput,
  type CustomBuilder,
  type FixtureBuilder,
  type ModuleBuilder,
} from './builder.js';
export { describedModule } from './describe_module.js';
export { inChannelsArg, intArg, pygOptions } from './constructor_args.js';
export { fixtureTensor, makeInputs, need, type FixtureInputs, type MadeInputs } from './inputs.js';
export { loadFixtureDir, type NamedFixture } from './load.js';
export {
  FixtureError,
  flatData,
  parseFixture,
  validateFixture,
  type FixtureAttention,
  type FixtureTensor,
  type FixtureTensors,
  type NestedNumbers,
  type PygFixture,
} from './fixture.js';
