/**
 * Downloads one file with the platform's `fetch` (Node ≥ 20 or a browser),
 * reporting progress and refusing short or failed responses.
 */
import { DatasetError } from '../errors.js';
import { mirrorHint } from './mirror_hint.js';
import type { ProgressCallback } from './progress.js';

/** Fetches `url` fully into memory; `file` names it in errors and progress. */
export async function fetchBytes(url: string, file: string, onProgress: ProgressCallback | undefined): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new DatasetError(`could not download ${url} (${errorText(cause)}). ${mirrorHint()}`, file);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new DatasetError(`download of ${url} failed with HTTP ${response.status} ${response.statusText}`, file);
  }
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const announced = Number(response.headers.get('content-length') ?? NaN);
  const total = !encoded && Number.isFinite(announced) ? announced : undefined;
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    if (response.body === null) throw new Error('empty response body');
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress?.({ file, received, total });
    }
  } catch (cause) {
    throw new DatasetError(`download of ${url} broke off after ${received} bytes (${errorText(cause)})`, file);
  }
  if (total !== undefined && received !== total) {
    throw new DatasetError(`download of ${url} is truncated: ${received} of ${total} bytes`, file);
  }
  if (received === 0) onProgress?.({ file, received, total });
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
