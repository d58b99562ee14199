/** The slice of a TTY stream the bar draws on. */
export interface BarStream {
  write(text: string): boolean;
  columns?: number;
}

/**
 * A one-line progress bar redrawn in place with `\r` (stderr on a TTY), e.g.
 * `seed 0 [########------------]  80/200  loss 0.6123  val 78.2%`.
 * Redraws at most every `minIntervalMs` so that fast epochs are not slowed by
 * terminal writes.
 *
 * @example
 * ```ts
 * const bar = new ProgressBar(process.stderr, 200, 'seed 0');
 * bar.update(1, 'loss 1.9460');
 * bar.done('done in 3.2 s');
 * ```
 */
export class ProgressBar {
  private lastDraw = -Infinity;
  private lastWidth = 0;

  constructor(
    private readonly stream: BarStream,
    private readonly total: number,
    private readonly label: string,
    private readonly minIntervalMs = 80,
  ) {}

  update(current: number, info: string): void {
    const now = performance.now();
    if (current < this.total && now - this.lastDraw < this.minIntervalMs) return;
    this.lastDraw = now;
    this.draw(current, info);
  }

  /** Draws the final state and ends the line. */
  done(info: string): void {
    this.draw(this.total, info);
    this.stream.write('\n');
  }

  private draw(current: number, info: string): void {
    const columns = this.stream.columns ?? 80;
    const digits = String(this.total).length;
    const counter = `${String(current).padStart(digits)}/${this.total}`;
    const fixed = this.label.length + counter.length + info.length + 6;
    const barWidth = Math.max(10, Math.min(30, columns - fixed - 1));
    const filled = Math.round((barWidth * Math.min(current, this.total)) / Math.max(1, this.total));
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
    let line = `${this.label} ${bar} ${counter}  ${info}`;
    if (line.length > columns - 1) line = line.slice(0, Math.max(0, columns - 1));
    const pad = Math.max(0, this.lastWidth - line.length);
    this.lastWidth = line.length;
    this.stream.write(`\r${line}${' '.repeat(pad)}`);
  }
}
