/**
 * The live training chart: loss (left axis, from 0 to its largest value) and
 * train / validation / test accuracy (right axis, 0–1) per epoch, drawn on a
 * canvas. `data-epochs` on the canvas counts the epochs drawn (for tests).
 */
import type { NodeClassificationEpoch } from '@gnnjs/train';

const SERIES = [
  { key: 'loss', label: 'train loss', color: '#d1495b', axis: 'loss' },
  { key: 'trainAcc', label: 'train acc', color: '#66a182', axis: 'acc' },
  { key: 'valAcc', label: 'val acc', color: '#00798c', axis: 'acc' },
  { key: 'testAcc', label: 'test acc', color: '#edae49', axis: 'acc' },
] as const;

const PAD = { left: 44, right: 40, top: 26, bottom: 26 };

export class TrainingChart {
  private records: NodeClassificationEpoch[] = [];
  private epochs = 1;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.reset(1);
  }

  /** Clears the chart for a run of `epochs` epochs (the x axis). */
  reset(epochs: number): void {
    this.records = [];
    this.epochs = Math.max(1, epochs);
    this.draw();
  }

  push(record: NodeClassificationEpoch): void {
    this.records.push(record);
    this.draw();
  }

  private draw(): void {
    const dpr = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth || 560;
    const height = this.canvas.clientHeight || 240;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.dataset['epochs'] = String(this.records.length);
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '11px system-ui, sans-serif';

    const plotW = width - PAD.left - PAD.right;
    const plotH = height - PAD.top - PAD.bottom;
    const maxLoss = Math.max(1e-6, ...this.records.map((r) => (Number.isFinite(r.loss) ? r.loss : 0)));
    const x = (epoch: number): number => PAD.left + (this.epochs === 1 ? 0 : ((epoch - 1) / (this.epochs - 1)) * plotW);
    const y = (value: number, axis: 'loss' | 'acc'): number => PAD.top + plotH * (1 - (axis === 'loss' ? value / maxLoss : value));

    // Frame, grid and axis labels.
    ctx.strokeStyle = '#ddd';
    ctx.fillStyle = '#555';
    for (let i = 0; i <= 4; i++) {
      const gy = PAD.top + (plotH * i) / 4;
      ctx.beginPath();
      ctx.moveTo(PAD.left, gy);
      ctx.lineTo(PAD.left + plotW, gy);
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.fillText((maxLoss * (1 - i / 4)).toFixed(2), PAD.left - 4, gy + 4);
      ctx.textAlign = 'left';
      ctx.fillText((1 - i / 4).toFixed(2), PAD.left + plotW + 4, gy + 4);
    }
    ctx.textAlign = 'center';
    ctx.fillText(`epoch (${this.records.length}/${this.epochs})`, PAD.left + plotW / 2, height - 6);

    for (const s of SERIES) {
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      this.records.forEach((r, i) => {
        const px = x(r.epoch);
        const py = y(r[s.key], s.axis);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      });
      ctx.stroke();
    }

    // Legend.
    let lx = PAD.left;
    ctx.textAlign = 'left';
    for (const s of SERIES) {
      ctx.fillStyle = s.color;
      ctx.fillRect(lx, 8, 12, 4);
      ctx.fillStyle = '#333';
      ctx.fillText(s.label, lx + 16, 14);
      lx += ctx.measureText(s.label).width + 32;
    }
  }
}
