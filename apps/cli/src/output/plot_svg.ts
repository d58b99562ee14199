import type { NodeClassificationEpoch } from '@gnnjs/train';

interface Series {
  label: string;
  color: string;
  values: readonly number[];
}

const PANEL_W = 420;
const PANEL_H = 260;
const MARGIN = { left: 50, right: 16, top: 28, bottom: 36 };

/**
 * A two-panel SVG of the training history: losses on the left, accuracies on
 * the right, with the best-validation epoch marked. Self-contained (no fonts
 * or scripts), so it opens in any browser.
 *
 * @example
 * ```ts
 * await writeFile('history.svg', historySvg(result.history, result.bestEpoch, 'cora · gat'));
 * ```
 */
export function historySvg(history: readonly NodeClassificationEpoch[], bestEpoch: number, title: string): string {
  const epochs = history.map((r) => r.epoch);
  const lossPanel = panel(
    'loss',
    epochs,
    [
      { label: 'train loss', color: '#1f77b4', values: history.map((r) => r.loss) },
      { label: 'val loss', color: '#ff7f0e', values: history.map((r) => r.valLoss) },
    ],
    bestEpoch,
  );
  const accPanel = panel(
    'accuracy',
    epochs,
    [
      { label: 'train', color: '#1f77b4', values: history.map((r) => r.trainAcc) },
      { label: 'val', color: '#ff7f0e', values: history.map((r) => r.valAcc) },
      { label: 'test', color: '#2ca02c', values: history.map((r) => r.testAcc) },
    ],
    bestEpoch,
    [0, 1],
  );
  const width = 2 * PANEL_W;
  const height = PANEL_H + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="16" text-anchor="middle" font-size="13">${escapeXml(title)}</text>`,
    `<g transform="translate(0,24)">${lossPanel}</g>`,
    `<g transform="translate(${PANEL_W},24)">${accPanel}</g>`,
    '</svg>',
    '',
  ].join('\n');
}

function panel(
  name: string,
  epochs: readonly number[],
  series: readonly Series[],
  bestEpoch: number,
  fixedRange?: readonly [number, number],
): string {
  const plotW = PANEL_W - MARGIN.left - MARGIN.right;
  const plotH = PANEL_H - MARGIN.top - MARGIN.bottom;
  const finite = series.flatMap((s) => s.values.filter(Number.isFinite));
  let [lo, hi] = fixedRange ?? [Math.min(0, ...finite), Math.max(...finite, 1e-9)];
  if (!(hi > lo)) [lo, hi] = [lo - 1, lo + 1];
  const firstEpoch = epochs[0] ?? 1;
  const lastEpoch = Math.max(epochs[epochs.length - 1] ?? 1, firstEpoch + 1);
  const sx = (e: number): number => MARGIN.left + ((e - firstEpoch) / (lastEpoch - firstEpoch)) * plotW;
  const sy = (v: number): number => MARGIN.top + (1 - (v - lo) / (hi - lo)) * plotH;
  const parts: string[] = [
    `<text x="${MARGIN.left}" y="${MARGIN.top - 10}" font-size="12">${name}</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    const y = sy(v).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    parts.push(`<text x="${MARGIN.left - 4}" y="${y}" text-anchor="end" dominant-baseline="middle">${fmt(v)}</text>`);
  }
  parts.push(
    `<text x="${MARGIN.left}" y="${PANEL_H - 14}">${firstEpoch}</text>`,
    `<text x="${MARGIN.left + plotW}" y="${PANEL_H - 14}" text-anchor="end">${lastEpoch}</text>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${PANEL_H - 4}" text-anchor="middle">epoch</text>`,
  );
  const bx = sx(bestEpoch).toFixed(1);
  parts.push(
    `<line x1="${bx}" x2="${bx}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#888" stroke-dasharray="3,3"/>`,
  );
  for (const s of series) {
    const points = s.values
      .map((v, i) => (Number.isFinite(v) ? `${sx(epochs[i] ?? i + 1).toFixed(1)},${sy(v).toFixed(1)}` : ''))
      .filter((p) => p !== '')
      .join(' ');
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${points}"/>`);
  }
  // The legend goes last, on a white box, so that curves never cover it.
  const legendX = MARGIN.left + plotW - 96;
  parts.push(
    `<rect x="${legendX}" y="${MARGIN.top + 3}" width="92" height="${14 * series.length + 4}" fill="white" fill-opacity="0.9" stroke="#ddd"/>`,
  );
  series.forEach((s, k) => {
    const ly = MARGIN.top + 12 + 14 * k;
    const lx = legendX + 6;
    parts.push(
      `<line x1="${lx}" x2="${lx + 16}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${lx + 20}" y="${ly}" dominant-baseline="middle">${escapeXml(s.label)}</text>`,
    );
  });
  return parts.join('\n');
}

function fmt(v: number): string {
  return Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(2);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}
