import { describe, expect, it } from 'vitest';
import { weightsError } from '../test_support/expect.js';
import { fixture } from '../test_support/paths.js';
import { writeStoredZip } from '../testing/zip_writer.js';
import { crc32 } from './crc32.js';
import { readZip } from './read_zip.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readZip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('lists the entries of a torch.save archive as zero-copy views', () => {
    const bytes = fixture('views.pt');
    const zip = readZip(bytes, 'views.pt');
    expect([...zip.keys()]).toEqual(['views/data.pkl', ...[0, 1, 2, 3, 4, 5, 6].map((i) => `views/data/${i}`), 'views/version']);
    const version = zip.get('views/version')!.read();
    expect(new TextDecoder().decode(version)).toBe('3\n');
    expect(version.buffer).toBe(bytes.buffer);
  });

  it('reads archives without zip64 records, without alignment, with a comment', () => {
    const plain = writeStoredZip([['a/x', utf8('hello')]], { zip64: false, align: 0 });
    const commented = new Uint8Array(plain.length + 3);
    commented.set(plain);
    commented.set(utf8('hey'), plain.length);
    new DataView(commented.buffer).setUint16(plain.length - 2, 3, true);
    expect(new TextDecoder().decode(readZip(commented, 'c.zip').get('a/x')!.read())).toBe('hello');
  });

  it('reads sizes and offsets from a zip64 extra field', () => {
    const plain = writeStoredZip([['x', utf8('abc')]], { zip64: false, align: 0 });
    // Rebuild the central entry with 0xFFFFFFFF sizes and offset plus a zip64 extra block.
    const view = new DataView(plain.buffer);
    const cdOffset = view.getUint32(plain.length - 22 + 16, true);
    const head = plain.subarray(0, cdOffset);
    const entry = plain.slice(cdOffset, cdOffset + 46 + 1);
    const ev = new DataView(entry.buffer);
    ev.setUint32(20, 0xffffffff, true);
    ev.setUint32(24, 0xffffffff, true);
    ev.setUint32(42, 0xffffffff, true);
    ev.setUint16(30, 28, true);
    const extra = new Uint8Array(28);
    const xv = new DataView(extra.buffer);
    xv.setUint16(0, 1, true);
    xv.setUint16(2, 24, true);
    xv.setBigUint64(4, 3n, true);
    xv.setBigUint64(12, 3n, true);
    xv.setBigUint64(20, 0n, true);
    const eocd = new Uint8Array(22);
    const dv = new DataView(eocd.buffer);
    dv.setUint32(0, 0x06054b50, true);
    dv.setUint16(8, 1, true);
    dv.setUint16(10, 1, true);
    dv.setUint32(12, entry.length + extra.length, true);
    dv.setUint32(16, cdOffset, true);
    const bytes = Uint8Array.from([...head, ...entry, ...extra, ...eocd]);
    expect(new TextDecoder().decode(readZip(bytes, 'z.zip').get('x')!.read())).toBe('abc');
  });

  it('refuses local headers that disagree with the central directory, encrypted entries and bad counts', () => {
    const bytes = writeStoredZip([['a/x', utf8('hello')]]);
    const renamed = bytes.slice();
    renamed[30] = 'b'.charCodeAt(0);
    expect(weightsError(() => readZip(renamed, 'r.zip')).message).toBe("r.zip: entry 'a/x': local header names a different entry");
    const encrypted = bytes.slice();
    const cd = new DataView(encrypted.buffer).getUint32(encrypted.length - 22 + 16, true);
    encrypted[cd + 8]! |= 1;
    expect(weightsError(() => readZip(encrypted, 'e.zip')).message).toBe("e.zip: entry 'a/x': encrypted entries are not supported");
    const many = bytes.slice();
    new DataView(many.buffer).setUint16(many.length - 22 + 10, 9, true);
    new DataView(many.buffer).setUint16(many.length - 22 + 8, 9, true);
    expect(() => readZip(many, 'm.zip')).toThrow(/zip and zip64 end-of-central-directory records disagree/);
  });
});
