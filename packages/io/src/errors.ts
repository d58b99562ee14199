import { GnnError } from '@gnnjs/core';

/**
 * A pickle could not be read: truncated, malformed, or naming a Python global
 * outside the allow-list it was read with. `file` names the pickle (for a
 * PyTorch checkpoint: the archive and its `data.pkl` entry).
 */
export class PickleError extends GnnError {
  override readonly name: string = 'PickleError';
  /** The pickle at fault. */
  readonly file: string;
  /** What is wrong, without the file name (`message` is `file: reason`). */
  readonly reason: string;
  constructor(reason: string, file: string) {
    super(`${file}: ${reason}`);
    this.file = file;
    this.reason = reason;
  }
}

/** Where in a weights file a {@link WeightsFormatError} was found. */
export interface WeightsErrorPlace {
  /** The tensor (state-dict key) at fault, e.g. `conv1.lin.weight`. */
  readonly key?: string;
  /** The archive entry at fault, e.g. `gat_cora/data/3`. */
  readonly entry?: string;
  /** The error this one explains (e.g. a {@link PickleError}). */
  readonly cause?: unknown;
}

/**
 * A weights file (`.pt` state dict or `.safetensors`) cannot be read or
 * written as asked: not a zip, truncated, a lying header, an unsupported dtype,
 * a disallowed pickle global, int64 values that do not fit int32, ... The
 * message names the file and, where there is one, the tensor key or the
 * archive entry.
 */
export class WeightsFormatError extends GnnError {
  override readonly name: string = 'WeightsFormatError';
  /** The file at fault (as given by the caller's `file` option, or a default name). */
  readonly file: string;
  /** The tensor at fault, when the error is about one tensor. */
  readonly key: string | undefined;
  /** The archive entry at fault, when the error is about one entry of a zip. */
  readonly entry: string | undefined;
  /** What is wrong, without the file name. */
  readonly reason: string;
  constructor(reason: string, file: string, place: WeightsErrorPlace = {}) {
    const where = [place.entry !== undefined ? `entry '${place.entry}'` : '', place.key !== undefined ? `tensor '${place.key}'` : '']
      .filter(Boolean)
      .join(', ');
    super(`${file}: ${where ? `${where}: ` : ''}${reason}`, place.cause === undefined ? undefined : { cause: place.cause });
    this.file = file;
    this.key = place.key;
    this.entry = place.entry;
    this.reason = reason;
  }
}
