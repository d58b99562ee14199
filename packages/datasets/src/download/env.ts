/** An environment variable in Node; `undefined` in a browser or when unset/empty. */
export function readEnv(name: string): string | undefined {
  const value = typeof process === 'undefined' ? undefined : process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** True when running under Node.js (file-system caching is available). */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** The environment variable that points loaders at a mirror of the raw files. */
export const MIRROR_ENV = 'GNNJS_DATASETS_MIRROR';
/** The environment variable that moves the data cache. */
export const DATA_ROOT_ENV = 'GNNJS_DATA_ROOT';
