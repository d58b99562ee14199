/**
 * Sub-modules described in a fixture's `constructor_args` (README,
 * "Version 2"): a **list** is a `torch.nn.Sequential` of
 * `{"type": "Linear", "in": F, "out": C, "bias": true}`, `{"type": "ReLU"}`, …
 * (parameters named by position: `nn.0.weight`); an **object** with `type`
 * is that module itself (`gate_nn.weight`); an object with `layer` is a
 * nested layer, built by that layer's builder.
 */
import type { Module } from '@gnnjs/core';
import { ELU, LeakyReLU, ReLU } from '../nn/activations.js';
import { Dropout } from '../nn/dropout.js';
import { Identity } from '../nn/identity.js';
import { Sequential, type UnaryModule } from '../nn/sequential.js';
import { TorchLinear } from '../nn/torch_linear.js';
import { isModuleBuilder, loadBuilder, type BuildContext } from './builder.js';
import { FixtureError, type PygFixture } from './fixture.js';

type Description = Record<string, unknown>;

function torchModule(d: Description, argument: string): UnaryModule {
  const number = (key: string): number => {
    const v = d[key];
    if (typeof v !== 'number') throw new FixtureError(`${argument}: ${String(d['type'])} needs a number '${key}', got ${JSON.stringify(v)}`);
    return v;
  };
  switch (d['type']) {
    case 'Linear':
      return new TorchLinear(number('in'), number('out'), { bias: d['bias'] !== false });
    case 'ReLU':
      return new ReLU();
    case 'ELU':
      return new ELU();
    case 'LeakyReLU':
      return new LeakyReLU(typeof d['negative_slope'] === 'number' ? d['negative_slope'] : 0.01);
    case 'Dropout':
      return new Dropout(typeof d['p'] === 'number' ? d['p'] : 0.5);
    case 'Identity':
      return new Identity();
    default:
      throw new FixtureError(`${argument}: unknown module type ${JSON.stringify(d['type'])} (known: Linear, ReLU, ELU, LeakyReLU, Dropout, Identity)`);
  }
}

/** Builds the module a description stands for; `argument` names it in errors (`nn`, `conv.nn[2]`). */
export async function describedModule(description: unknown, argument: string): Promise<Module> {
  if (Array.isArray(description)) {
    const layers = description.map((d, k) => {
      if (typeof d !== 'object' || d === null || !('type' in d)) throw new FixtureError(`${argument}[${k}]: expected {"type": ...}`);
      return torchModule(d as Description, `${argument}[${k}]`);
    });
    return new Sequential(...layers);
  }
  if (typeof description === 'object' && description !== null) {
    const d = description as Description;
    if ('type' in d) return torchModule(d, argument);
    if (typeof d['layer'] === 'string') {
      const nested = { layer: d['layer'], constructor_args: (d['constructor_args'] ?? {}) as Record<string, unknown>, output: [] } as unknown as PygFixture;
      const builder = await loadBuilder(nested.layer);
      if (!isModuleBuilder(builder)) throw new FixtureError(`${argument}: layer ${nested.layer} is not a module`);
      return builder.build(nested, buildContext);
    }
  }
  throw new FixtureError(`${argument}: expected a list (Sequential), {"type": ...} or {"layer": ...}, got ${JSON.stringify(description)}`);
}

/** What builders get to build their sub-modules. */
export const buildContext: BuildContext = { module: describedModule };
