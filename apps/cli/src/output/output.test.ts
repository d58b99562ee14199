import { describe, expect, it } from 'vitest';
import { type NodeClassificationEpoch, aggregateRuns, type RunMetrics } from '@gnnjs/train';
import { historyCsv } from './history_csv.js';
import { historySvg } from './plot_svg.js';
import { ProgressBar } from './progress_bar.js';
import { formatSummary } from './summary.js';

const history: NodeClassificationEpoch[] = [1, 2, 3].map((epoch) => ({
  epoch,
  loss: 2 / epoch,
  trainAcc: 0.3 * epoch,
  valAcc: 0.25 * epoch,
  testAcc: 0.2 * epoch,
  valLoss: 1.5 / epoch,
  ms: 10 + epoch,
}));

const run = (seed: number, test: number): RunMetrics => ({
  seed,
  testAccBestVal: test,
  testAccLast: test - 0.01,
  valAccBest: 0.8,
  valAccLast: 0.79,
  trainAccBestVal: 1,
  trainAccLast: 1,
  bestEpoch: 100,
  epochs: 200,
  msPerEpoch: 42,
});

describe('outputs', () => {
  it('writes one CSV row per epoch', () => {
    const lines = historyCsv(history).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('1,2,0.3,0.25,0.2,1.5,11.000');
  });

  it('draws a standalone SVG with one polyline per series and the best epoch marked', () => {
    const svg = historySvg(history, 2, 'cora & <gat>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(5);
    expect(svg).toContain('cora &amp; &lt;gat&gt;');
    expect(svg).toContain('stroke-dasharray');
  });

  it('summarises runs with mean ± std (population) and a headline', () => {
    const runs = [run(0, 0.8), run(1, 0.84)];
    const text = formatSummary({ dataset: 'cora', model: 'gat', backend: 'wasm', runs, ...aggregateRuns(runs) });
    expect(text).toMatch(/^seed\s+train@best\s+val@best\s+test@best/);
    expect(text).toContain('82.0 ± 2.0');
    expect(text).toContain('cora · gat · backend wasm · 2 runs: test accuracy 82.0 ± 2.0% at best validation');
  });

  it('redraws the progress bar in place and ends the line when done', () => {
    let written = '';
    const bar = new ProgressBar({ write: (t) => ((written += t), true), columns: 60 }, 4, 'seed 0', 0);
    bar.update(2, 'loss 1.0');
    bar.done('ok');
    const frames = written.split('\r').filter(Boolean);
    expect(frames[0]).toMatch(/^seed 0 \[#+-+\] 2\/4  loss 1\.0/);
    expect(frames[1]).toMatch(/^seed 0 \[#+\] 4\/4  ok\s*\n$/);
    expect(frames.every((f) => f.trimEnd().length <= 59)).toBe(true);
  });
});
