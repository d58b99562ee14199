/**
 * PyTorch weights in: `gat_cora.pt`, written by `torch.save(model.state_dict())`
 * after training PyG's GAT on Cora, loads into `@gnnjs/layers`' GAT through
 * `@gnnjs/io` and reproduces PyG's eval-mode logits within 1e-5 and its
 * predicted classes exactly, on every backend.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '@gnnjs/core';
import { loadTorchStateDict } from '@gnnjs/io';
import { GAT } from '@gnnjs/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBackends } from '../support/backends.js';
import { GAT_CORA_PT, compareLogits, gatCoraExpected, inputFacts, loadCora } from './gat_cora_fixture.js';

const expected = gatCoraExpected();
const backends = await availableBackends(['cpu', 'wasm', 'webgpu']);
let cora: Graph;

beforeAll(async () => {
  await tf.setBackend('cpu');
  cora = await loadCora();
}, 120_000);

afterAll(() => cora?.dispose());

it('loads Cora as PyG did for the fixture (input_checks)', async () => {
  const facts = await inputFacts(cora);
  const { x_sum: xSum, ...rest } = facts;
  const { x_sum: wantSum, ...wantRest } = expected.input_checks;
  // Edges included, in PyG's order (sorted by target, then source): [[633, 1862, 2582, 2, …], [0, 0, 0, 1, …]].
  expect(rest).toEqual(wantRest);
  expect(Math.abs(xSum - wantSum)).toBeLessThan(1e-3);
});

describe.each(backends)('gat_cora.pt on %s', (backend) => {
  it("reproduces PyG's logits within 1e-5 and its predictions exactly", async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    const before = tf.memory().numTensors;
    const model = new GAT(1433, 7, { hiddenChannels: 8, heads: 8 });
    const dict = loadTorchStateDict(new Uint8Array(readFileSync(GAT_CORA_PT)), { file: 'gat_cora.pt' });
    model.loadStateDict(dict);
    tf.dispose(Object.values(dict));
    model.eval();
    // Inputs made on 'cpu' are copied to this backend by tfjs on first use.
    const logits = model.forward(cora.x!, cora.edgeIndex);
    const { maxError, predMismatches } = compareLogits(await logits.data(), expected);
    logits.dispose();
    model.dispose();
    console.info(`[@gnnjs/e2e] gat_cora.pt on ${backend}: max |logit - PyG| = ${maxError.toExponential(2)}`);
    expect(maxError).toBeLessThanOrEqual(1e-5);
    expect(predMismatches).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
