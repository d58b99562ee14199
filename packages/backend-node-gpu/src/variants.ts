/**
 * The two native variants this package serves and the npm packages behind
 * them. Both packages register one tfjs backend, `tensorflow`, so at most one
 * of them can own it in a process.
 */

/** `node-gpu`: TensorFlow with CUDA; `node`: TensorFlow on the CPU. */
export type NodeVariant = 'node' | 'node-gpu';

/** The npm packages that ship a TensorFlow binding for Node.js. */
export type TfjsNodePackage = '@tensorflow/tfjs-node' | '@tensorflow/tfjs-node-gpu';

/** The tfjs backend name both packages register. */
export const TENSORFLOW_BACKEND = 'tensorflow';

/** The libtensorflow release tfjs-node 4.22 downloads and links against. */
export const LIBTENSORFLOW_VERSION = '2.9.1';

/**
 * Packages tried for each variant, best first. `node` accepts the GPU package
 * too: without a visible GPU it runs TensorFlow's CPU kernels.
 */
export const PACKAGES_OF_VARIANT: Readonly<Record<NodeVariant, readonly TfjsNodePackage[]>> = {
  'node-gpu': ['@tensorflow/tfjs-node-gpu'],
  node: ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
};

/** True for the package built against CUDA. */
export function isGpuPackage(packageName: TfjsNodePackage): boolean {
  return packageName === '@tensorflow/tfjs-node-gpu';
}
