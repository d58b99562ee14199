import { MIRROR_ENV } from './env.js';

/** How to point a loader at a local copy when the network is missing. */
export function mirrorHint(): string {
  return (
    `No network? Download the raw files elsewhere and point the loader at them: ` +
    `pass { mirror: '/path/to/folder' } (a folder, a file: URL or an http(s) base URL) ` +
    `or set the environment variable ${MIRROR_ENV}=/path/to/folder.`
  );
}
