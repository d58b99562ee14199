/**
 * `@gnnjs/layers/parity`: checks our layers against PyTorch Geometric's
 * numbers, using reference fixtures (see shared/fixtures/pyg/README.md).
 * Node-only (reads fixture files).
 */
export { runFixture, maxAbsError, type FixtureErrors, type FixtureResult } from './run_fixture.js';
export { buildLayer, type FixtureLayer } from './build_layer.js';
export { loadFixtureDir, type NamedFixture } from './load.js';
export { flatData, type FixtureTensor, type NestedNumbers, type PygFixture } from './fixture.js';
