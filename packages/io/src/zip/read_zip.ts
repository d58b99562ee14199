/**
 * A strict reader of zip archives whose entries are stored (not compressed),
 * as `torch.save` writes them. Entries are zero-copy views of the input; the
 * central directory is checked against the file's bounds and every local
 * header, and an entry's CRC-32 is verified when it is read. Anything that
 * does not add up is a {@link WeightsFormatError} naming the entry.
 */
import { WeightsFormatError } from '../errors.js';
import { crc32 } from './crc32.js';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

/** One stored entry of a zip archive. */
export interface ZipEntry {
  readonly name: string;
  /** Byte length of the entry's data. */
  readonly size: number;
  /** The entry's bytes (a view of the archive), after checking their CRC-32. */
  read(): Uint8Array;
}

/** The entries of a zip archive, by name. */
export type ZipArchive = ReadonlyMap<string, ZipEntry>;

/**
 * Reads the central directory of the zip archive `bytes`.
 *
 * @param file - the archive's name, for error messages.
 * @example
 * ```ts
 * const zip = readZip(bytes, 'model.pt');
 * zip.get('model/data.pkl')?.read();
 * ```
 */
export function readZip(bytes: Uint8Array, file: string): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: string, entry?: string): never => {
    throw new WeightsFormatError(reason, file, entry === undefined ? {} : { entry });
  };
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u64 = (at: number): number => {
    const value = view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(`zip64 field ${value} at byte ${at} is out of range`);
    return Number(value);
  };

  const eocd = findEndOfCentralDirectory(bytes, view);
  if (eocd < 0) {
    fail(bytes.length >= 4 && u32(0) === LOCAL ? 'truncated zip archive (no end-of-central-directory record)' : 'not a zip archive');
  }
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) fail('multi-disk zip archives are not supported');
  let count = u16(eocd + 10);
  if (u16(eocd + 8) !== count) fail('multi-disk zip archives are not supported');
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  let cdLimit = eocd;

  const locator = eocd - 20;
  if (locator >= 0 && u32(locator) === ZIP64_LOCATOR) {
    const record = u64(locator + 8);
    if (record + 56 > locator || u32(record) !== ZIP64_EOCD) fail('zip64 end-of-central-directory record is missing or misplaced');
    if (u32(record + 16) !== 0 || u32(record + 20) !== 0) fail('multi-disk zip archives are not supported');
    const total = u64(record + 32);
    if (u64(record + 24) !== total) fail('multi-disk zip archives are not supported');
    // The 32-bit fields either agree with the zip64 ones or hold their "see zip64" marker.
    const agrees = (small: number, big: number, marker: number): boolean => small === marker || small === big;
    const size64 = u64(record + 40);
    const offset64 = u64(record + 48);
    if (!agrees(count, total, U16_MAX) || !agrees(cdSize, size64, U32_MAX) || !agrees(cdOffset, offset64, U32_MAX)) {
      fail('zip and zip64 end-of-central-directory records disagree');
    }
    count = total;
    cdSize = size64;
    cdOffset = offset64;
    cdLimit = record;
  }
  if (cdOffset + cdSize > cdLimit) fail(`central directory [${cdOffset}, ${cdOffset + cdSize}) runs past its end record at ${cdLimit}`);
  if (count * 46 > cdSize) fail(`central directory of ${cdSize} bytes cannot hold ${count} entries`);

  const names = new TextDecoder('utf-8', { fatal: true });
  const entries = new Map<string, ZipEntry>();
  let at = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdEnd || u32(at) !== CENTRAL) fail(`central directory entry ${i} at byte ${at} is malformed`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    let packed = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let local = u32(at + 42);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > cdEnd) fail(`central directory entry ${i} runs past the directory`);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    let name = '';
    try {
      name = names.decode(nameBytes);
    } catch {
      fail(`central directory entry ${i} has a name that is not UTF-8`);
    }
    if (entries.has(name)) fail('the archive holds this entry twice', name);
    if (flags & 1) fail('encrypted entries are not supported', name);
    if (packed === U32_MAX || size === U32_MAX || local === U32_MAX) {
      ({ packed, size, local } = zip64Extra(view, at + 46 + nameLength, extraLength, { packed, size, local }, (r) => fail(r, name)));
    }
    if (method !== 0) fail(`entry is compressed (method ${method}); only stored entries are read (torch.save writes them so)`, name);
    if (packed !== size) fail(`stored entry declares ${packed} packed and ${size} unpacked bytes`, name);
    if (local + 30 > cdOffset || u32(local) !== LOCAL) fail(`local header at byte ${local} is missing`, name);
    const localName = bytes.subarray(local + 30, local + 30 + u16(local + 26));
    if (!sameBytes(localName, nameBytes)) fail('local header names a different entry', name);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + size > cdOffset) fail(`data [${start}, ${start + size}) runs past the central directory at ${cdOffset}`, name);
    entries.set(name, storedEntry(bytes, name, start, size, crc, fail));
    at = next;
  }
  if (at !== cdEnd) fail(`central directory holds ${cdEnd - at} bytes after its ${count} entries`);
  return entries;
}

function storedEntry(
  bytes: Uint8Array,
  name: string,
  start: number,
  size: number,
  crc: number,
  fail: (reason: string, entry?: string) => never,
): ZipEntry {
  let checked = false;
  return {
    name,
    size,
    read() {
      const data = bytes.subarray(start, start + size);
      if (!checked) {
        const actual = crc32(data);
        if (actual !== crc) fail(`CRC-32 mismatch (stored ${hex(crc)}, data has ${hex(actual)}): the file is corrupted`, name);
        checked = true;
      }
      return data;
    },
  };
}

/** The end-of-central-directory record: the last one that ends exactly at the end of the file with its comment. */
function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, bytes.length - 22 - U16_MAX);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD && at + 22 + view.getUint16(at + 20, true) === bytes.length) return at;
  }
  return -1;
}

/** Replaces the 32-bit fields that hold 0xFFFFFFFF by the zip64 extra field's 64-bit values, in the spec's order. */
function zip64Extra(
  view: DataView,
  start: number,
  length: number,
  fields: { packed: number; size: number; local: number },
  fail: (reason: string) => never,
): { packed: number; size: number; local: number } {
  const end = start + length;
  for (let at = start; at + 4 <= end; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) !== 1) continue;
    const blockEnd = at + 4 + view.getUint16(at + 2, true);
    let p = at + 4;
    const take = (): number => {
      if (p + 8 > blockEnd || blockEnd > end) fail('zip64 extra field is too short');
      const value = view.getBigUint64(p, true);
      p += 8;
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(`zip64 field ${value} is out of range`);
      return Number(value);
    };
    const size = fields.size === U32_MAX ? take() : fields.size;
    const packed = fields.packed === U32_MAX ? take() : fields.packed;
    const local = fields.local === U32_MAX ? take() : fields.local;
    return { packed, size, local };
  }
  return fail('sizes marked as zip64 but no zip64 extra field');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
