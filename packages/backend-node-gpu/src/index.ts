/**
 * @gnnjs/backend-node-gpu: TensorFlow's native kernels for GNN.js in Node.js,
 * through `@tensorflow/tfjs-node-gpu` (CUDA) or `@tensorflow/tfjs-node` (CPU),
 * both optional peer dependencies. Importing this module registers the GNN
 * kernels for tfjs-node's `tensorflow` backend and tries, once, to load the
 * TensorFlow binding (a guarded dynamic import: importing this package never
 * throws), then registers `node-gpu` and `node` with core's `setBackend`.
 * Selecting one that cannot run throws a `BackendUnavailableError` that names
 * the cause found and the fix.
 *
 * @example
 * ```ts
 * import { setBackend } from '@gnnjs/core';
 * import '@gnnjs/backend-node-gpu';
 * await setBackend('auto'); // 'node-gpu' when TensorFlow sees a CUDA GPU
 * ```
 */
import { registerNodeBackends } from './register_node_backends.js';

export { kernelConfigs } from './register_all_kernels.js';
export { registerNodeBackends, type NodeBackendStartup } from './register_node_backends.js';
export {
  loadNodeBackend,
  loadedNodePackage,
  type LoadNodeBackendOptions,
  type NodeBackendInfo,
} from './load_node_backend.js';
export { NodeBackendUnavailableError } from './node_backend_error.js';
export { diagnoseNodeInstall, CUDA_LIBRARIES, type InstallObservation } from './diagnosis/diagnose_install.js';
export type { InstallCause, InstallDiagnosis, InstallProbe } from './diagnosis/install_probe.js';
export { nodeInstallProbe } from './diagnosis/node_install_probe.js';
export {
  LIBTENSORFLOW_VERSION,
  PACKAGES_OF_VARIANT,
  TENSORFLOW_BACKEND,
  type NodeVariant,
  type TfjsNodePackage,
} from './variants.js';

await registerNodeBackends();
