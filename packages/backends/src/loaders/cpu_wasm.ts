/** cpu and wasm load alike everywhere: importing the package registers the backend. */
import type { BackendEnvironment } from '@gnnjs/core';
import type { BackendLoader } from '../backend_row.js';
import { importBackendPackage } from '../import_package.js';
import { factsOf } from './facts_of.js';

/** `@gnnjs/backend-cpu`: tfjs's JavaScript backend with GNN.js's kernels. */
export function cpuLoader(environment: BackendEnvironment): BackendLoader {
  return async () => {
    await importBackendPackage(factsOf('cpu'), environment, () => import('@gnnjs/backend-cpu'));
    return { detail: 'JavaScript on the CPU (tfjs-backend-cpu)' };
  };
}

/** `@gnnjs/backend-wasm`: tfjs's WebAssembly backend with GNN.js's SIMD kernels. */
export function wasmLoader(environment: BackendEnvironment): BackendLoader {
  return async () => {
    await importBackendPackage(factsOf('wasm'), environment, () => import('@gnnjs/backend-wasm'));
    return { detail: 'WebAssembly on the CPU (tfjs-backend-wasm)' };
  };
}
