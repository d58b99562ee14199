/**
 * Wraps the factory a tfjs backend was registered with, so that a backend
 * package can adjust every instance tfjs creates (e.g. silence a console note
 * or undo a global side effect of its initialisation) without registering a
 * second backend of the same name. The priority is kept.
 */
import { engine, type KernelBackend } from '@tensorflow/tfjs-core';

/** A tfjs backend factory, as `registerBackend` takes it. */
export type BackendFactory = () => KernelBackend | Promise<KernelBackend>;

/**
 * Replaces the factory of the registered backend `name` by `wrap(factory)`;
 * false when no backend of that name is registered. An instance created
 * before the call is not affected.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-cpu';
 * wrapBackendFactory('cpu', (create) => () => {
 *   const backend = create(); // tfjs's own
 *   return backend;
 * });
 * ```
 */
export function wrapBackendFactory(name: string, wrap: (factory: BackendFactory) => BackendFactory): boolean {
  const entry = engine().registryFactory[name];
  if (entry === undefined) return false;
  engine().registryFactory[name] = { factory: wrap(entry.factory), priority: entry.priority };
  return true;
}
