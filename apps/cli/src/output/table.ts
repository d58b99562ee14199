/**
 * Renders rows as an aligned plain-text table: a header, a rule, then rows;
 * columns after the first are right-aligned (they hold numbers).
 *
 * @example
 * ```ts
 * formatTable(['seed', 'test'], [['0', '81.9'], ['1', '82.4']]);
 * ```
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
