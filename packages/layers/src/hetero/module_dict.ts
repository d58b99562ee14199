import { Module } from '@gnnjs/core';

/**
 * Modules by name, as `torch.nn.ModuleDict`: each child's parameters are
 * prefixed by its key (`lins.account.weight`, `conv1.account__pays__merchant.bias`).
 * The keys are kept in insertion order; `toString` prints PyTorch's repr.
 *
 * @example
 * ```ts
 * const lins = new ModuleDict({ account: new Linear(5, 8), merchant: new Linear(16, 8) });
 * lins.get('account').forward(xAccount);
 * lins.namedParameters().map(([k]) => k); // ['account.weight', 'account.bias', 'merchant.weight', 'merchant.bias']
 * ```
 */
export class ModuleDict<M extends Module = Module> extends Module {
  readonly #modules = new Map<string, M>();

  constructor(modules: Readonly<Record<string, M>> | Iterable<readonly [string, M]> = {}) {
    super();
    const entries = Symbol.iterator in modules ? [...(modules as Iterable<readonly [string, M]>)] : Object.entries(modules);
    for (const [key, module] of entries) this.#modules.set(key, this.registerModule(key, module));
  }

  /** The module under `key`, or `undefined`. */
  get(key: string): M | undefined {
    return this.#modules.get(key);
  }

  /** Whether `key` is present. */
  has(key: string): boolean {
    return this.#modules.has(key);
  }

  /** Keys in insertion order. */
  keys(): string[] {
    return [...this.#modules.keys()];
  }

  /** `[key, module]` pairs in insertion order. */
  entries(): Array<[string, M]> {
    return [...this.#modules.entries()];
  }

  /** Number of modules. */
  get size(): number {
    return this.#modules.size;
  }
}
