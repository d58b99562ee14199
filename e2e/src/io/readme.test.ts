/**
 * `@gnnjs/io`'s README example "Load a PyG model's weights", run as written:
 * it stacks io with `@gnnjs/layers` and `@gnnjs/datasets`, which stand above
 * it, so it lives here and not in io's own README test (which leaves blocks
 * whose first line names an e2e/ test to that test). Only the path of
 * `gat_cora.pt` is rewritten (to the shared fixture); Cora comes from the
 * Planetoid mirror into a temporary data root. The logits it computes are
 * checked against PyG's, as its comment says.
 */
import '@gnnjs/backend-cpu';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, expect, it, vi } from 'vitest';
import { PLANETOID_MIRROR, REPO_ROOT } from '../support/paths.js';
import { GAT_CORA_PT, compareLogits, gatCoraExpected } from './gat_cora_fixture.js';

const HEADING = "\n## Load a PyG model's weights";

/** The first ```ts block under the heading. */
function example(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'packages/io/README.md'), 'utf8');
  const at = readme.indexOf(HEADING);
  if (at < 0) throw new Error(`packages/io/README.md has no heading "${HEADING.trim()}"`);
  const code = /```ts\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
  if (code === undefined) throw new Error(`packages/io/README.md has no \`\`\`ts block under "${HEADING.trim()}"`);
  return code;
}

const dataRoot = mkdtempSync(path.join(tmpdir(), 'gnnjs-e2e-io-readme-'));
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dataRoot, { recursive: true, force: true });
});

it("runs the io README's GAT example: PyG's logits within 1e-5, every tensor freed", async () => {
  const code = example();
  expect(code).toContain("readFile('gat_cora.pt')");
  expect(code).toContain('tf.dispose(logits);');
  const dir = path.join(REPO_ROOT, 'e2e', '.vitest', 'readme');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'io_gat_example.ts');
  writeFileSync(
    file,
    code
      .replace("readFile('gat_cora.pt')", `readFile(${JSON.stringify(GAT_CORA_PT)})`)
      // Hand the logits to the test before the example frees them.
      .replace('tf.dispose(logits);', '(globalThis as { __ioReadmeLogits?: unknown }).__ioReadmeLogits = await logits.data();\ntf.dispose(logits);'),
  );
  vi.stubEnv('GNNJS_DATASETS_MIRROR', PLANETOID_MIRROR);
  vi.stubEnv('GNNJS_DATA_ROOT', dataRoot);
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  await import(/* @vite-ignore */ file);
  const logits = (globalThis as { __ioReadmeLogits?: Float32Array }).__ioReadmeLogits;
  delete (globalThis as { __ioReadmeLogits?: unknown }).__ioReadmeLogits;
  expect(logits).toBeInstanceOf(Float32Array);
  const { maxError, predMismatches } = compareLogits(logits!, gatCoraExpected());
  expect(maxError).toBeLessThanOrEqual(1e-5);
  expect(predMismatches).toEqual([]);
  expect(tf.memory().numTensors).toBe(before);
}, 120_000);
