import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProgressReporter } from './progress.js';

const wasTTY = process.stderr.isTTY;
afterEach(() => {
  process.stderr.isTTY = wasTTY;
  vi.restoreAllMocks();
});

describe('defaultProgressReporter', () => {
  it('writes one self-overwriting line when stderr is a terminal', () => {
    process.stderr.isTTY = true;
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const report = defaultProgressReporter()!;
    report({ file: 'ind.cora.x', received: 11264, total: 22528 });
    report({ file: 'ind.cora.x', received: 22528, total: 22528 });
    expect(write.mock.calls.map((c) => c[0])).toEqual(['\rdownloading ind.cora.x: 50% of 22 kB', '\rdownloading ind.cora.x: 100% of 22 kB\n']);
  });

  it('stays silent when stderr is not a terminal', () => {
    process.stderr.isTTY = false;
    expect(defaultProgressReporter()).toBeUndefined();
  });
});
