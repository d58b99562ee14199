// Types of the generated module next to this file (see scripts/vendor-tfjs-gradients.mjs).
import type { GradConfig } from '@tensorflow/tfjs-core';

/** The gradient configs of tfjs-core's own kernels, as its register_all_gradients.js lists them. */
export declare const tfjsGradConfigs: readonly GradConfig[];
