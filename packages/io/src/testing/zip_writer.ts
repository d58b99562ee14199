/**
 * A small writer of stored zip archives laid out as `torch.save` lays them out
 * (data aligned to 64 bytes with an `FB` padding field, CRC and sizes in a
 * data descriptor, zip64 end records), for tests that need a `.pt` file the
 * fixtures do not have: hostile pickles, odd dtypes, big-endian storages.
 */
import { crc32 } from '../zip/crc32.js';

/** Options of {@link writeStoredZip}. */
export interface StoredZipOptions {
  /** Pad each local header so that data starts at a multiple of this (torch: 64; default 64, 0 = none). */
  readonly align?: number;
  /** Write the zip64 end records as torch does (default `true`). */
  readonly zip64?: boolean;
}

/**
 * A zip archive of `entries` (name → bytes), stored, in the given order.
 *
 * @example
 * ```ts
 * const pt = writeStoredZip([['m/data.pkl', pickle], ['m/data/0', storage], ['m/version', utf8('3\n')]]);
 * ```
 */
export function writeStoredZip(entries: ReadonlyArray<readonly [string, Uint8Array]>, options: StoredZipOptions = {}): Uint8Array {
  const align = options.align ?? 64;
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const push = (part: Uint8Array): void => {
    parts.push(part);
    offset += part.length;
  };
  for (const [name, data] of entries) {
    const nameBytes = new TextEncoder().encode(name);
    const crc = crc32(data);
    const headerOffset = offset;
    let pad = 0;
    if (align > 0) {
      const bare = offset + 30 + nameBytes.length + 4;
      pad = (align - (bare % align)) % align;
    }
    const extra = new Uint8Array(align > 0 ? 4 + pad : 0);
    if (align > 0) {
      extra.set([0x46, 0x42, pad & 0xff, pad >> 8]);
      extra.fill(0x5a, 4);
    }
    const local = new Uint8Array(30);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(6, 0x0808, true); // data descriptor + UTF-8 names
    lv.setUint16(26, nameBytes.length, true);
    lv.setUint16(28, extra.length, true);
    push(local);
    push(nameBytes);
    push(extra);
    push(data);
    const descriptor = new Uint8Array(16);
    const dv = new DataView(descriptor.buffer);
    dv.setUint32(0, 0x08074b50, true);
    dv.setUint32(4, crc, true);
    dv.setUint32(8, data.length, true);
    dv.setUint32(12, data.length, true);
    push(descriptor);

    const entry = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(8, 0x0808, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, headerOffset, true);
    entry.set(nameBytes, 46);
    central.push(entry);
  }
  const cdOffset = offset;
  for (const entry of central) push(entry);
  const cdSize = offset - cdOffset;
  if (options.zip64 ?? true) {
    const recordOffset = offset;
    const record = new Uint8Array(56);
    const rv = new DataView(record.buffer);
    rv.setUint32(0, 0x06064b50, true);
    rv.setBigUint64(4, 44n, true);
    rv.setUint16(12, 0x031e, true);
    rv.setUint16(14, 45, true);
    rv.setBigUint64(24, BigInt(entries.length), true);
    rv.setBigUint64(32, BigInt(entries.length), true);
    rv.setBigUint64(40, BigInt(cdSize), true);
    rv.setBigUint64(48, BigInt(cdOffset), true);
    push(record);
    const locator = new Uint8Array(20);
    const locv = new DataView(locator.buffer);
    locv.setUint32(0, 0x07064b50, true);
    locv.setBigUint64(8, BigInt(recordOffset), true);
    locv.setUint32(16, 1, true);
    push(locator);
  }
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, cdOffset, true);
  push(eocd);
  const out = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
