/**
 * When a temporary file or folder left by a killed write may be removed: the
 * rule of every cache in this package (Planetoid's raw files, PaymentsFraud's
 * dataset folders). A write names its temporary with its writer's PID; a
 * later load removes it when that process no longer runs on this machine, or
 * when nothing in it changed for {@link STALE_TEMP_MS} (a writer on another
 * machine sharing the folder).
 */
import { errorCode } from './bounded_fs.js';

/** How long a temporary must be unchanged before any load may remove it, whoever wrote it. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/** Whether a process with this PID runs on this machine (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Whether a temporary written by `pid` and last changed at `modifiedMs` may go:
 * its writer (another process) is gone, or it is older than {@link STALE_TEMP_MS}.
 */
export function isStaleTemp(pid: number, modifiedMs: number, now: number = Date.now()): boolean {
  const writerGone = pid !== process.pid && !isRunning(pid);
  return writerGone || now - modifiedMs > STALE_TEMP_MS;
}
