/**
 * Entry of the browser test page (bundled with esbuild): exposes the GAT
 * training run and the conformance suite to Playwright as `window.gnnTest`.
 */
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core's ESM build registers no gradients of its own ops (the @tensorflow/tfjs bundle does).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import { GNN_KERNEL_NAMES, gatherRows, isCompositeKernel } from '@gnnjs/core';
import { conformanceCases } from '@gnnjs/core/testing';
import { describeWebGPUAdapter, isSoftwareAdapter } from '@gnnjs/backend-webgpu';
import { trainGatConv } from './gat_conv_training.js';
import { trainGat } from './gat_training.js';

export interface CaseOutcome {
  name: string;
  error?: string;
}

const api = {
  async adapter(): Promise<{ description: string; software: boolean } | null> {
    const info = await describeWebGPUAdapter();
    if (info === undefined) return null;
    return { description: `${info.vendor} ${info.architecture} ${info.description}`.trim(), software: isSoftwareAdapter(info) };
  },

  /** A GNN kernel's output read back both ways (synchronous reads work in browsers only). */
  async readBack(): Promise<{ sync: number[]; async: number[] }> {
    if (!(await tf.setBackend('webgpu'))) throw new Error("backend 'webgpu' failed to initialise");
    return tf.tidy(() => {
      const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
      return gatherRows(x, tf.tensor1d([1, 0, 1], 'int32'));
    }).data().then(async (values) => {
      const again = tf.tidy(() => gatherRows(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor1d([1, 0, 1], 'int32')));
      const sync = Array.from(again.dataSync());
      again.dispose();
      return { sync, async: Array.from(values) };
    });
  },

  async train(backend: string, steps: number): Promise<number[]> {
    if (!(await tf.setBackend(backend))) throw new Error(`backend '${backend}' failed to initialise`);
    return trainGat(steps);
  },

  /** GNN kernels that ran through core's composite fallback on `backend` (should be none). */
  compositeKernels(backend: string): string[] {
    return GNN_KERNEL_NAMES.filter((name) => isCompositeKernel(name, backend));
  },

  async trainGatConv(backend: string, steps: number): Promise<number[]> {
    if (!(await tf.setBackend(backend))) throw new Error(`backend '${backend}' failed to initialise`);
    return trainGatConv(steps);
  },

  async conformance(backend: string): Promise<CaseOutcome[]> {
    if (!(await tf.setBackend(backend))) throw new Error(`backend '${backend}' failed to initialise`);
    const outcomes: CaseOutcome[] = [];
    for (const c of conformanceCases()) {
      try {
        await c.run();
        outcomes.push({ name: c.name });
      } catch (error) {
        outcomes.push({ name: c.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return outcomes;
  },
};

export type GnnTestApi = typeof api;

(globalThis as { gnnTest?: GnnTestApi }).gnnTest = api;
