/** What the loaders need of a raw-file cache (implemented on Node's file system in `node/fs_store.ts`). */

/** A folder of verified raw files. */
export interface RawFileStore {
  readonly dir: string;
  /** The cached file, or `undefined` when it is not there; a `DatasetError` when it is there but unreadable. */
  read(file: string): Promise<Uint8Array | undefined>;
  /** Writes `bytes` atomically: a temporary file in the same folder, then a rename. */
  write(file: string, bytes: Uint8Array): Promise<void>;
  remove(file: string): Promise<void>;
}
