// The "Heterogeneous graphs" example of packages/core/README.md, run as written.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import * as core from '@gnnjs/core';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

it('runs the README example of "Heterogeneous graphs" without leaking a tensor', () => {
  const section = readme.slice(readme.indexOf('## Heterogeneous graphs'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code).toContain('HeteroGraph.fromArrays');
  const imports = /^import \{ ([^}]+) \} from '@gnnjs\/core';$/m.exec(code!)![1]!.split(',').map((name) => name.trim());
  const body = code!.replace(/^import .*$/gm, '');
  const before = tf.memory().numTensors;
  // The example is plain JavaScript (no type annotations), so it runs as written, with @gnnjs/core's exports in scope.
  new Function(...imports, body)(...imports.map((name) => (core as Record<string, unknown>)[name]));
  expect(tf.memory().numTensors).toBe(before);
});
