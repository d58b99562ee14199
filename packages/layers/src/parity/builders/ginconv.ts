import type { Module } from '@gnnjs/core';
import { GINConv, type GINConvOptions } from '../../conv/gin_conv.js';
import type { UnaryModule } from '../../nn/sequential.js';
import { defineBuilder } from '../builder.js';
import { pygOptions } from '../constructor_args.js';
import { FixtureError, type PygFixture } from '../fixture.js';
import { need } from '../inputs.js';

/** The `nn` argument, built from its description; a module with a one-tensor `forward`. */
export async function networkArg(fixture: PygFixture, module: (d: unknown, argument: string) => Promise<Module>, key = 'nn'): Promise<UnaryModule> {
  if (!(key in fixture.constructor_args)) throw new FixtureError(`${fixture.layer}: constructor_args has no '${key}'`);
  const built = await module(fixture.constructor_args[key], key);
  if (typeof (built as unknown as Partial<UnaryModule>).forward !== 'function') throw new FixtureError(`${fixture.layer}: '${key}' has no forward`);
  return built as UnaryModule;
}

/** `GINConv(nn=..., eps=..., train_eps=...)`. */
export default defineBuilder<GINConv>({
  async build(fixture, context) {
    const options = pygOptions(fixture, ['eps', 'train_eps'], ['nn']);
    return new GINConv(await networkArg(fixture, context.module), options as GINConvOptions);
  },
  forward(conv, inputs) {
    return { output: conv.forward(need(inputs, 'x'), need(inputs, 'edgeIndex')) };
  },
});
