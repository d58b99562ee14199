// Shared vitest settings for every package of the monorepo.
// Packages resolve their @gnnjs/* siblings to TypeScript sources through the
// "@gnnjs/source" export condition, so tests never need a prior build.
import { defineConfig } from 'vitest/config';
import { SkipReasonsReporter } from './skip_reasons.js';

const conditions = ['@gnnjs/source', 'module', 'node', 'import', 'default'];

/**
 * tfjs's stock CPU backend greets Node once per process ("Hi, looks like you
 * are running TensorFlow.js in Node.js …"): tests that use it as the
 * reference backend would print it in every file. Our backends never print
 * it (the CLI's quiet-output test checks a real process, which this filter
 * does not reach).
 * @param {string} log
 */
export function isTfjsNodeBanner(log) {
  return log.includes('Hi, looks like you are running TensorFlow.js in Node.js');
}

/**
 * @param {{ name: string, testTimeout?: number, include?: string[] }} options
 */
export function defineGnnProject(options) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@gnnjs/source'] } },
    test: {
      name: options.name,
      include: options.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: options.testTimeout ?? 60_000,
      hookTimeout: 120_000,
      pool: 'forks',
      onConsoleLog: (log) => (isTfjsNodeBanner(log) ? false : undefined),
      // The JSON report and the skipped tests' reasons feed scripts/test-summary.mjs.
      reporters: ['default', 'json', new SkipReasonsReporter('.vitest/skips.json')],
      outputFile: { json: '.vitest/results.json' },
    },
  });
}
