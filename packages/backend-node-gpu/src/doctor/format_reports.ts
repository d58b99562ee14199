import type { BackendReport } from './backend_report.js';

/**
 * The doctor's table: one row per backend, then the fix for each one that
 * does not load.
 *
 * @example
 * ```ts
 * process.stdout.write(formatBackendReports(await diagnoseBackends()));
 * ```
 */
export function formatBackendReports(reports: readonly BackendReport[]): string {
  const rows = reports.map((r) => [r.backend, r.available ? 'ok' : 'unavailable', r.detail]);
  const header = ['backend', 'status', 'detail'];
  const widths = [0, 1].map((k) => Math.max(header[k]!.length, ...rows.map((row) => row[k]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, k) => (k < 2 ? cell.padEnd(widths[k]!) : cell)).join('  ').trimEnd();
  const fixes = reports.filter((r) => !r.available && r.fix !== undefined).map((r) => `  ${r.backend}: ${r.fix}`);
  return [line(header), ...rows.map(line), ...(fixes.length > 0 ? ['', 'To fix:', ...fixes] : [])].join('\n') + '\n';
}
