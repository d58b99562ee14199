import type { FixtureResult } from '@gnnjs/layers/parity';

/** One printed row: a fixture on a backend. */
export interface ParityRow {
  fixture: string;
  backend: string;
  result: FixtureResult | null;
  /** Set when the run threw. */
  error?: string;
}

const fmt = (v: number | null) => (v === null ? '-' : Number.isFinite(v) ? v.toExponential(1) : 'MISMATCH');

/** True when the row is within `tolerance` and structurally identical to PyG. */
export function rowPasses(row: ParityRow, tolerance: number): boolean {
  return row.result !== null && row.result.maxError <= tolerance && row.result.problems.length === 0;
}

/** A fixed-width table with max abs errors of output, attention and gradients (`-`: not in the fixture). */
export function formatTable(rows: readonly ParityRow[], tolerance: number): string {
  const header = ['fixture', 'backend', 'output', 'attention', 'gradients', 'status'];
  const body = rows.map((row) => [
    row.fixture,
    row.backend,
    fmt(row.result?.errors.output ?? null),
    fmt(row.result?.errors.attention ?? null),
    fmt(row.result?.maxGradError ?? null),
    rowPasses(row, tolerance) ? 'ok' : `FAIL ${row.error ?? row.result?.problems.join('; ') ?? ''}`.trim(),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((r) => r[k]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padEnd(widths[k]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
