/**
 * tfjs's CPU backend, which this package extends: importing it registers the
 * `'cpu'` backend and tfjs's own kernels, which ours then replace or add to.
 */
import '@tensorflow/tfjs-backend-cpu';

export { MathBackendCPU, version_cpu } from '@tensorflow/tfjs-backend-cpu';
