/**
 * Downloads one file with the platform's `fetch` (Node ≥ 20 or a browser),
 * reporting progress and refusing short or failed responses. Every wait is
 * bounded: until the response arrives, between two pieces of the body, and
 * for the whole file; a limit that runs out aborts the request.
 */
import { DatasetError, DownloadTimeoutError, type DownloadTimeoutKind } from '../errors.js';
import { mirrorHint } from './mirror_hint.js';
import type { ProgressCallback } from './progress.js';

/** Limits of one file's download, in milliseconds (each finite and positive). */
export interface DownloadTimeouts {
  /** From sending the request until the response headers arrive (connecting included). Default 30 000 (30 s). */
  readonly connectMs?: number | undefined;
  /** The longest wait for the next piece of the body. Default 30 000 (30 s). */
  readonly idleMs?: number | undefined;
  /** The whole file, from the request to its last byte. Default 600 000 (10 min). */
  readonly totalMs?: number | undefined;
}

/** Every limit of a download, in milliseconds. */
export interface ResolvedDownloadTimeouts {
  connectMs: number;
  idleMs: number;
  totalMs: number;
}

/** The limits a download gets unless `timeouts` says otherwise. */
export const DEFAULT_DOWNLOAD_TIMEOUTS: Readonly<ResolvedDownloadTimeouts> = Object.freeze({
  connectMs: 30_000,
  idleMs: 30_000,
  totalMs: 600_000,
});

/** `timeouts` over the defaults, checked: a `DatasetError` naming a limit that is not a finite positive number. */
export function resolveDownloadTimeouts(timeouts: DownloadTimeouts | undefined): ResolvedDownloadTimeouts {
  const out = { ...DEFAULT_DOWNLOAD_TIMEOUTS };
  for (const key of ['connectMs', 'idleMs', 'totalMs'] as const) {
    const value = timeouts?.[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new DatasetError(`timeouts.${key} must be a finite number of milliseconds above 0, got ${String(value)}`);
    }
    out[key] = value;
  }
  return out;
}

const WAITING_FOR: Record<DownloadTimeoutKind, string> = {
  connect: 'no response',
  idle: 'no data',
  total: 'not complete',
};

/**
 * Fetches `url` fully into memory; `file` names it in errors and progress.
 * `timeouts` must be resolved (see {@link resolveDownloadTimeouts}).
 */
export async function fetchBytes(
  url: string,
  file: string,
  onProgress: ProgressCallback | undefined,
  timeouts: Readonly<ResolvedDownloadTimeouts> = DEFAULT_DOWNLOAD_TIMEOUTS,
): Promise<Uint8Array> {
  const controller = new AbortController();
  let expired: DownloadTimeoutKind | undefined;
  const expire = (kind: DownloadTimeoutKind): void => {
    expired ??= kind;
    controller.abort();
  };
  const timeoutError = (kind: DownloadTimeoutKind, received: number): DownloadTimeoutError => {
    const limit = timeouts[`${kind}Ms`];
    const after = kind === 'connect' ? '' : ` (${received} bytes received)`;
    return new DownloadTimeoutError(url, kind, limit, `download of ${url} timed out: ${WAITING_FOR[kind]} within ${limit} ms (the ${kind} timeout)${after}`, file);
  };
  const total = setTimeout(() => expire('total'), timeouts.totalMs);
  let idle = setTimeout(() => expire('connect'), timeouts.connectMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal });
    } catch (cause) {
      if (expired !== undefined) throw timeoutError(expired, 0);
      throw new DatasetError(`could not download ${url} (${errorText(cause)}). ${mirrorHint()}`, file);
    }
    clearTimeout(idle);
    idle = setTimeout(() => expire('idle'), timeouts.idleMs);
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new DatasetError(`download of ${url} failed with HTTP ${response.status} ${response.statusText}`, file);
    }
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    const announced = Number(response.headers.get('content-length') ?? NaN);
    const totalBytes = !encoded && Number.isFinite(announced) ? announced : undefined;
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      if (response.body === null) throw new Error('empty response body');
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        clearTimeout(idle);
        idle = setTimeout(() => expire('idle'), timeouts.idleMs);
        chunks.push(value);
        received += value.length;
        onProgress?.({ file, received, total: totalBytes });
      }
    } catch (cause) {
      if (expired !== undefined) throw timeoutError(expired, received);
      throw new DatasetError(`download of ${url} broke off after ${received} bytes (${errorText(cause)})`, file);
    }
    if (totalBytes !== undefined && received !== totalBytes) {
      throw new DatasetError(`download of ${url} is truncated: ${received} of ${totalBytes} bytes`, file);
    }
    if (received === 0) onProgress?.({ file, received, total: totalBytes });
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
