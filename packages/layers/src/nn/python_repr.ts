/**
 * Python's spelling of values in reprs, so that `toString()` prints what
 * PyTorch prints: `repr(1e-5)` is `1e-05`, `repr(1.0)` is `1.0`, booleans are
 * `True`/`False`, `None` for null.
 */

/** Python's `repr(float)`: shortest round-trip digits, scientific below 1e-4 and from 1e16 on, always a `.` or an exponent. */
export function pyFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = value.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const fixed = String(value);
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/** Python's `repr(bool)`. */
export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}
