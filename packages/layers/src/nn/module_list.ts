import { Module, ShapeError } from '@gnnjs/core';

/**
 * `torch.nn.ModuleList`: modules held in order and named `0`, `1`, …, so
 * that their parameters read `lins.0.weight`, `norms.1.module.bias`. It has
 * no `forward`; its owner calls the modules.
 *
 * @example
 * ```ts
 * const lins = new ModuleList([new Linear(4, 8), new Linear(8, 2)]);
 * lins.namedParameters().map(([k]) => k); // ['0.weight', '0.bias', '1.weight', '1.bias']
 * ```
 */
export class ModuleList<M extends Module = Module> extends Module {
  readonly modules: readonly M[];
  constructor(modules: readonly M[]) {
    super();
    this.modules = modules.map((m, k) => this.registerModule(String(k), m));
  }
  /** Number of modules. */
  get length(): number {
    return this.modules.length;
  }
  /** The module at `index`. */
  at(index: number): M {
    const m = this.modules.at(index);
    if (m === undefined) throw new ShapeError('index', `ModuleList has ${this.modules.length} modules, no index ${index}`);
    return m;
  }
  [Symbol.iterator](): Iterator<M> {
    return this.modules[Symbol.iterator]();
  }
}
