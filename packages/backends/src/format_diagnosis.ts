import type { BackendDiagnosis } from './backend_row.js';

/**
 * The doctor's text: one row per backend, what `'auto'` takes and why, then
 * the fix for each backend that does not load.
 *
 * @example
 * ```ts
 * process.stdout.write(formatBackendDiagnosis(await diagnoseBackends()));
 * ```
 */
export function formatBackendDiagnosis(diagnosis: BackendDiagnosis): string {
  const rows = diagnosis.backends.map((r) => [r.backend, r.available ? 'ok' : 'unavailable', r.detail]);
  const header = ['backend', 'status', 'detail'];
  const widths = [0, 1].map((k) => Math.max(header[k]!.length, ...rows.map((row) => row[k]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, k) => (k < 2 ? cell.padEnd(widths[k]!) : cell)).join('  ').trimEnd();
  const fixes = diagnosis.backends.flatMap((r) => (!r.available && r.fix !== undefined ? [`  ${r.backend}: ${r.fix}`] : []));
  return (
    [
      line(header),
      ...rows.map(line),
      '',
      `auto → ${diagnosis.auto ?? 'none'}. Why: ${diagnosis.autoReason}`,
      ...(fixes.length > 0 ? ['', 'To fix:', ...fixes] : []),
    ].join('\n') + '\n'
  );
}
