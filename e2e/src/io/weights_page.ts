/**
 * Entry of the browser page of `browser_weights.test.ts` (bundled with
 * esbuild): fetches `gat_cora.pt` and Cora's inputs from the test server,
 * loads the weights with `@gnnjs/io` into `@gnnjs/layers`' GAT and returns
 * the logits, as a web app serving a PyG-trained model would.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@gnnjs/backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { describeWebGPUAdapter } from '@gnnjs/backend-webgpu';
import { loadTorchStateDict, readSafetensors, toHostTensors, writeSafetensors } from '@gnnjs/io';
import { GAT } from '@gnnjs/layers';

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const api = {
  /** Whether this browser offers a WebGPU adapter. */
  async hasWebGPU(): Promise<boolean> {
    return (await describeWebGPUAdapter()) !== undefined;
  },

  /** GAT logits `[N × C]` (row-major) on `backend` from `/gat_cora.pt`, `/x.bin` (`[N, F]` float32) and `/edge_index.bin` (`[2, E]` int32). */
  async gatLogits(backend: string, numNodes: number, numFeatures: number): Promise<{ logits: number[]; leaked: number }> {
    if (!(await tf.setBackend(backend))) throw new Error(`backend '${backend}' failed to initialise`);
    const [pt, xBytes, edgeBytes] = await Promise.all([fetchBytes('/gat_cora.pt'), fetchBytes('/x.bin'), fetchBytes('/edge_index.bin')]);
    const before = tf.memory().numTensors;
    const x = tf.tensor2d(new Float32Array(xBytes.buffer), [numNodes, numFeatures]);
    const edges = new Int32Array(edgeBytes.buffer);
    const edgeIndex = tf.tensor2d(edges, [2, edges.length / 2], 'int32');
    const model = new GAT(numFeatures, 7, { hiddenChannels: 8, heads: 8 });
    const dict = loadTorchStateDict(pt, { file: 'gat_cora.pt' });
    model.loadStateDict(dict);
    tf.dispose(Object.values(dict));
    model.eval();
    const out = model.forward(x, edgeIndex);
    const logits = Array.from(await out.data());
    tf.dispose([out, x, edgeIndex]);
    model.dispose();
    return { logits, leaked: tf.memory().numTensors - before };
  },

  /** The loaded weights written as safetensors and read back, compared value for value. */
  async safetensorsRoundTrip(): Promise<{ keys: string[]; equal: boolean }> {
    await tf.setBackend('cpu');
    const dict = loadTorchStateDict(await fetchBytes('/gat_cora.pt'));
    const host = await toHostTensors(dict);
    tf.dispose(Object.values(dict));
    const back = readSafetensors(writeSafetensors(host, { metadata: { format: 'pt' } })).tensors;
    const equal = Object.keys(host).every((k) => {
      const a = host[k]!.data;
      const b = back[k]!.data;
      return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
    });
    return { keys: Object.keys(back), equal };
  },
};

export type WeightsPageApi = typeof api;

(globalThis as { gnnWeights?: WeightsPageApi }).gnnWeights = api;
