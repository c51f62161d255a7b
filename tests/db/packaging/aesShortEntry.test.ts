// An encrypted entry too short to hold even its salt, password check and authentication code is a
// damaged file. Reading past its end, into the next entry, made the password check fail: a backup
// or lote cut short was reported as "wrong passphrase — without it nothing can be recovered".
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZipReader } from '../../../db/packaging';
import { tempDir, type TempDir } from '../fixtures';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

interface RawEntry {
  name: string;
  data: Buffer;
  /** The size it had before encryption, as the directory declares it. */
  size: number;
}

/** A zip of AES-256 (AE-2, stored) entries whose data is given as it is, however short. */
function aesZip(entries: RawEntry[]): Buffer {
  const extra = Buffer.alloc(11);
  extra.writeUInt16LE(0x9901, 0);
  extra.writeUInt16LE(7, 2);
  extra.writeUInt16LE(2, 4);
  extra.write('AE', 6, 'latin1');
  extra.writeUInt8(3, 8);
  extra.writeUInt16LE(0, 9);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(51, 4);
    local.writeUInt16LE(0x0801, 6); // encrypted, UTF-8 name
    local.writeUInt16LE(99, 8);
    local.writeUInt32LE(0, 14); // AE-2 keeps no CRC
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(51, 4);
    central.writeUInt16LE(51, 6);
    central.writeUInt16LE(0x0801, 8);
    central.writeUInt16LE(99, 10);
    central.writeUInt32LE(0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    const part = Buffer.concat([local, name, extra, entry.data]);
    locals.push(part);
    centrals.push(Buffer.concat([central, name, extra]));
    offset += part.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('an encrypted entry cut short', () => {
  it('is called damaged, not a wrong passphrase', async () => {
    const path = dir.file('cortado.zip');
    const filler = Buffer.alloc(200, 7);
    writeFileSync(
      path,
      aesZip([
        { name: 'bag/bagit.txt', data: Buffer.from([1, 2, 3]), size: 54 },
        { name: 'bag/data/x.bin', data: filler, size: filler.length - 28 },
      ]),
    );
    const zip = await ZipReader.open(path, { password: 'senha certa' });
    try {
      await expect(zip.read('bag/bagit.txt')).rejects.toMatchObject({ code: 'ZIP_CORRUPT' });
    } finally {
      await zip.close();
    }
  });
});
