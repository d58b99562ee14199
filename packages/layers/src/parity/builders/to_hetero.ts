import type * as tf from '@tensorflow/tfjs-core';
import { GraphSequential, type GraphStep, type StepModule } from '../../hetero/graph_sequential.js';
import type { ToHeteroAggregation } from '../../hetero/group.js';
import { toHetero, type ToHeteroModule } from '../../hetero/to_hetero.js';
import { elu, relu } from '../../nn/activations.js';
import { defineBuilder, isModuleBuilder, loadBuilder } from '../builder.js';
import { pygOptions } from '../constructor_args.js';
import { FixtureError, type PygFixture } from '../fixture.js';
import { need } from '../inputs.js';
import { buildContext } from '../describe_module.js';
import { heteroWidths } from './heteroconv.js';

const FUNCTIONS: Record<string, (x: tf.Tensor2D) => tf.Tensor2D> = { ELU: elu, ReLU: relu };

/**
 * One step of `constructor_args.module`: `{name, layer, constructor_args}`
 * (a layer, built by its own builder, once per copy) or `{type: 'ELU'}` (a
 * function of the features, as PyG's `x.elu()`).
 */
async function step(d: unknown, k: number): Promise<GraphStep> {
  const description = d as { name?: unknown; layer?: unknown; constructor_args?: unknown; type?: unknown };
  if (typeof description.type === 'string') {
    const fn = FUNCTIONS[description.type];
    if (fn === undefined) throw new FixtureError(`to_hetero: module[${k}]: unknown function ${description.type} (known: ${Object.keys(FUNCTIONS).join(', ')})`);
    return fn;
  }
  if (typeof description.name !== 'string' || typeof description.layer !== 'string') {
    throw new FixtureError(`to_hetero: module[${k}] must be {name, layer, constructor_args} or {type}`);
  }
  const builder = await loadBuilder(description.layer);
  if (!isModuleBuilder(builder)) throw new FixtureError(`to_hetero: module[${k}]: ${description.layer} is not a module`);
  const nested = { layer: description.layer, constructor_args: description.constructor_args ?? {}, output: [] } as unknown as PygFixture;
  const make = (): StepModule => {
    const built = builder.build(nested, buildContext);
    if (built instanceof Promise) throw new FixtureError(`to_hetero: module[${k}]: ${description.layer} builds asynchronously`);
    return built as StepModule;
  };
  return [description.name, make];
}

/** `to_hetero(module, metadata, aggr)` of a model described step by step (`constructor_args.module`). */
export default defineBuilder<ToHeteroModule>({
  async build(fixture) {
    const { aggr } = pygOptions(fixture, ['aggr'], ['module']);
    const described = fixture.constructor_args['module'];
    if (!Array.isArray(described)) throw new FixtureError("to_hetero: 'module' must list the model's steps");
    if (fixture.metadata === undefined) throw new FixtureError("to_hetero needs 'metadata' in the fixture");
    const model = new GraphSequential(await Promise.all(described.map(step)));
    const hetero = toHetero(model, [fixture.metadata.node_types, fixture.metadata.edge_types], aggr === undefined ? {} : { aggr: aggr as ToHeteroAggregation });
    model.dispose();
    return hetero.materialize(heteroWidths(fixture));
  },
  forward(model, inputs) {
    return { output: model.forward(need(inputs, 'xDict'), need(inputs, 'edgeIndexDict')) };
  },
});
