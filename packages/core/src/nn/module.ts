import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { assertArgumentsLive, assertModuleLive } from './disposed.js';
import { StateDictError } from './state_dict_error.js';

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /** Fail on keys the module lacks or the dict lacks (default `true`), as PyTorch's `strict`. */
  strict?: boolean;
  /**
   * Refuse NaN and infinite values with a {@link StateDictError} naming the key
   * (default `true`). The check reads each float tensor back synchronously:
   * pass `false` to skip it, e.g. for tensors that live on the GPU under
   * WebGPU (whose synchronous reads need a browser canvas) or when loading
   * known-good weights in a hot loop.
   */
  checkFinite?: boolean;
}

/** What {@link Module.loadStateDict} left out when `strict` is `false`. */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * Letters, digits and `_`, plus what heterogeneous models need so that
 * PyG's names load as they are: `<`, `>` of `ModuleDict` keys
 * `<src___rel___dst>` (HeteroConv's `convs.<account___pays___merchant>.bias`),
 * `#` (PyG's stand-in for a dot inside a type name) and `-` (type names such
 * as `credit-card`). Dots join nested names.
 */
const NAME_PATTERN = /^[A-Za-z0-9_<>#-]+$/;

/** How many `forward` calls are running (nested); the outermost one checks its module's parameters. */
let forwardDepth = 0;

/**
 * Base class of every layer and model: a tree of named, trainable
 * `tf.Variable`s with PyTorch's naming, so that a PyG `state_dict` loads by
 * name (`lin.weight`, `att_src`, `conv1.lin.weight`).
 *
 * As in PyTorch, a module lists its own parameters first, in registration
 * order, then those of its children (`att_src, att_dst, bias, lin.weight`).
 * Buffers ({@link registerBuffer}) are non-trainable state such as
 * BatchNorm's running statistics: in the state dict after the module's own
 * parameters, never in {@link parameters}.
 *
 * @example
 * ```ts
 * class Affine extends Module {
 *   readonly weight = this.registerParameter('weight', tf.variable(tf.ones([3])));
 *   forward(x: tf.Tensor) { return x.mul(this.weight); }
 * }
 * const m = new Affine();
 * m.namedParameters(); // [['weight', Variable]]
 * ```
 */
export class Module {
  private readonly ownParameters = new Map<string, tf.Variable>();
  private readonly ownBuffers = new Map<string, tf.Variable>();
  private readonly childModules = new Map<string, Module>();
  private isTraining = true;

  /**
   * Guards the subclass's `forward` (when it is a method): a disposed
   * parameter (checked at the outermost `forward` of a call, over the whole
   * tree) or a disposed tensor argument throws a `DisposedError` naming
   * it, instead of tfjs's `TypeError` from deep inside an op.
   */
  constructor() {
    const forward: unknown = (this as { forward?: unknown }).forward;
    if (typeof forward !== 'function') return;
    Object.defineProperty(this, 'forward', {
      configurable: true,
      writable: true,
      value: (...args: unknown[]): unknown => {
        assertArgumentsLive(`${this.constructor.name}.forward`, args);
        if (forwardDepth === 0) assertModuleLive(this);
        forwardDepth++;
        try {
          return (forward as (...a: unknown[]) => unknown).apply(this, args);
        } finally {
          forwardDepth--;
        }
      },
    });
  }

  /** Adds a trainable parameter under `name` (no dots) and returns it. */
  registerParameter<V extends tf.Variable>(name: string, variable: V): V {
    this.assertFreeName(name);
    this.ownParameters.set(name, variable);
    return variable;
  }

  /**
   * Adds a buffer under `name` and returns it: state that is saved and loaded
   * with the parameters but not trained (PyTorch's `register_buffer`), e.g.
   * BatchNorm's `running_mean`. Pass a non-trainable variable,
   * `tf.variable(value, false)`, so that optimizers and `tf.variableGrads`
   * leave it alone; the module updates it with `assign`.
   *
   * @example
   * ```ts
   * class Counter extends Module {
   *   readonly count = this.registerBuffer('count', tf.variable(tf.scalar(0, 'int32'), false));
   * }
   * new Counter().stateDict(); // { count: Variable }, and no parameters
   * ```
   */
  registerBuffer<V extends tf.Variable>(name: string, variable: V): V {
    this.assertFreeName(name);
    if (variable.trainable) {
      throw new StateDictError([], [], `buffer '${name}' must be a non-trainable variable: tf.variable(value, false)`);
    }
    this.ownBuffers.set(name, variable);
    return variable;
  }

  /** Every buffer with its dotted name (own first, then children's), each once. */
  namedBuffers(): Array<[string, tf.Variable]> {
    const seen = new Set<tf.Variable>();
    return this.namedBuffersWithDuplicates().filter(([, v]) => {
      if (seen.has(v)) return false;
      seen.add(v);
      return true;
    });
  }

  /** Adds a child module under `name`; its parameters get the prefix `name.`. */
  registerModule<M extends Module>(name: string, module: M): M {
    this.assertFreeName(name);
    this.childModules.set(name, module);
    module.train(this.isTraining);
    return module;
  }

  /** Direct children with their names, in registration order. */
  namedChildren(): Array<[string, Module]> {
    return [...this.childModules.entries()];
  }

  /**
   * Every parameter with its dotted name. A variable shared by two children
   * (e.g. GATv2's `lin_r` = `lin_l`) is listed once, under its first name.
   */
  namedParameters(): Array<[string, tf.Variable]> {
    const seen = new Set<tf.Variable>();
    return this.namedParametersWithDuplicates().filter(([, v]) => {
      if (seen.has(v)) return false;
      seen.add(v);
      return true;
    });
  }

  /** The distinct parameters, e.g. for `optimizer.minimize(f, false, model.parameters())`. */
  parameters(): tf.Variable[] {
    return this.namedParameters().map(([, v]) => v);
  }

  /** Whether the module is in training mode (dropout active). */
  get training(): boolean {
    return this.isTraining;
  }

  /** Sets training mode on this module and every descendant. */
  train(mode = true): this {
    this.isTraining = mode;
    for (const child of this.childModules.values()) child.train(mode);
    return this;
  }

  /** Same as `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /**
   * Every parameter and buffer by dotted name, shared ones under each of
   * their names, in PyTorch's order (a module's parameters, its buffers, then
   * its children's), as PyTorch's `state_dict()`. The values are the live
   * variables, not copies: read them (`await t.array()`) or `tf.clone` them
   * to keep a snapshot.
   */
  stateDict(): Record<string, tf.Tensor> {
    return Object.fromEntries(this.namedStateWithDuplicates());
  }

  /**
   * Copies values into the parameters and buffers by name (cast to each
   * variable's dtype: an int64 `num_batches_tracked` loads into an int32
   * buffer). Throws {@link ShapeError}
   * naming the key on a shape mismatch, and a {@link StateDictError} on a NaN
   * or infinite value (unless `checkFinite: false`) and, in strict mode, one
   * listing missing and unexpected keys. Nothing is assigned unless every
   * check passes.
   */
  loadStateDict(
    dict: Readonly<Record<string, tf.Tensor>>,
    { strict = true, checkFinite = true }: LoadStateDictOptions = {},
  ): LoadStateDictResult {
    const own = this.namedStateWithDuplicates();
    const ownKeys = new Set(own.map(([k]) => k));
    const missingKeys = own.map(([k]) => k).filter((k) => !(k in dict));
    const unexpectedKeys = Object.keys(dict).filter((k) => !ownKeys.has(k));
    if (strict && (missingKeys.length > 0 || unexpectedKeys.length > 0)) {
      throw new StateDictError(missingKeys, unexpectedKeys);
    }
    for (const [key, variable] of own) {
      const value = dict[key];
      if (value === undefined) continue;
      if (!tf.util.arraysEqual(value.shape, variable.shape)) {
        throw new ShapeError(key, `expected shape [${variable.shape.join(', ')}], got [${value.shape.join(', ')}]`);
      }
      if (checkFinite && value.dtype === 'float32') {
        const values = value.dataSync();
        const bad = values.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) {
          throw new StateDictError([], [], `'${key}': value ${values[bad]} at flat index ${bad} is not finite (pass checkFinite: false to load it anyway)`);
        }
      }
    }
    for (const [key, variable] of own) {
      const value = dict[key];
      if (value === undefined || value === variable) continue;
      tf.tidy(() => variable.assign(value.dtype === variable.dtype ? value : tf.cast(value, variable.dtype)));
    }
    return { missingKeys, unexpectedKeys };
  }

  /**
   * Throws a `DisposedError` naming the first parameter or buffer (of
   * this module or a descendant) that `dispose()` freed. `forward` runs it by
   * itself; call it at the start of other entry points.
   *
   * @example
   * ```ts
   * forwardType(x: tf.Tensor2D, type: number): tf.Tensor2D {
   *   this.assertNotDisposed();
   *   return tf.matMul(x, tf.gather(this.weight, type));
   * }
   * ```
   */
  assertNotDisposed(): void {
    assertModuleLive(this);
  }

  /** Frees every parameter and buffer of this module and its descendants. */
  dispose(): void {
    for (const [, v] of this.namedStateWithDuplicates()) {
      if (!v.isDisposed) v.dispose();
    }
    for (const child of this.childModules.values()) child.dispose();
  }

  /** Options shown between the parentheses of {@link toString}; override in layers. */
  protected extraRepr(): string {
    return '';
  }

  /** PyTorch's `repr`: `Name(extra)` or, with children, one indented line per child. */
  toString(): string {
    const name = this.constructor.name;
    if (this.childModules.size === 0) return `${name}(${this.extraRepr()})`;
    const lines = [...this.childModules.entries()].map(
      ([key, child]) => `  (${key}): ${child.toString().split('\n').join('\n  ')}`,
    );
    const extra = this.extraRepr();
    return `${name}(\n${extra ? `  ${extra}\n` : ''}${lines.join('\n')}\n)`;
  }

  private namedParametersWithDuplicates(prefix = ''): Array<[string, tf.Variable]> {
    const out: Array<[string, tf.Variable]> = [];
    for (const [name, v] of this.ownParameters) out.push([prefix + name, v]);
    for (const [name, child] of this.childModules) {
      out.push(...child.namedParametersWithDuplicates(`${prefix}${name}.`));
    }
    return out;
  }

  /** Parameters and buffers in PyTorch's `state_dict` order. */
  private namedStateWithDuplicates(prefix = ''): Array<[string, tf.Variable]> {
    const out: Array<[string, tf.Variable]> = [];
    for (const [name, v] of this.ownParameters) out.push([prefix + name, v]);
    for (const [name, v] of this.ownBuffers) out.push([prefix + name, v]);
    for (const [name, child] of this.childModules) {
      out.push(...child.namedStateWithDuplicates(`${prefix}${name}.`));
    }
    return out;
  }

  private namedBuffersWithDuplicates(prefix = ''): Array<[string, tf.Variable]> {
    const out: Array<[string, tf.Variable]> = [];
    for (const [name, v] of this.ownBuffers) out.push([prefix + name, v]);
    for (const [name, child] of this.childModules) {
      out.push(...child.namedBuffersWithDuplicates(`${prefix}${name}.`));
    }
    return out;
  }

  private assertFreeName(name: string): void {
    if (!NAME_PATTERN.test(name)) {
      throw new StateDictError([], [], `name '${name}' must be letters, digits, '_', '-', '<', '>' or '#' (dots join nested names)`);
    }
    if (this.ownParameters.has(name) || this.ownBuffers.has(name) || this.childModules.has(name)) {
      throw new StateDictError([], [], `name '${name}' is already registered on ${this.constructor.name}`);
    }
  }
}
