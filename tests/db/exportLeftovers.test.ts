// A file the clerk asked for (the recovery key, the audit trail) is written under a hidden partial
// name beside its final one, then renamed. A process killed outright (or a power cut) between the
// two leaves that partial file — a copy of the key, or of the trail — in the clerk's folder. The
// next file written there removes such leftovers whose process is gone; those of a process still
// running, and anything else in the folder, stay.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeExportFile } from '../../db/exportFile';
import { ownerTag, processStart } from '../../db/leftovers';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The id of a process that has just ended (as a killed desk's would be). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('partial files of a killed export', () => {
  it('are removed by the next file written in the folder, when their process is gone; a live one’s and other files stay', () => {
    dir = mkdtempSync(join(tmpdir(), 'cress-export-leftovers-'));
    const dead = deadPid();
    const killed = `.cress-desk-${dead}-${processStart(process.pid)}-1764800000000.partial`;
    const live = `.cress-desk-${ownerTag()}-1764800000001.partial`;
    // An older version's name (process id and time only): removed once untouched for a day.
    const olderStale = `.cress-desk-${dead}-1764700000000.partial`;
    const olderRecent = `.cress-desk-${dead}-1764700000001.partial`;
    for (const name of [killed, live, olderStale, olderRecent, 'notas.txt', '.cress-desk.partial']) writeFileSync(join(dir, name), 'CRESS Desk store key 1\n');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(join(dir, olderStale), twoDaysAgo, twoDaysAgo);
    writeExportFile(join(dir, 'chave-de-recuperacao.key'), 'CRESS Desk store key 1\n', { replace: false });
    const left = readdirSync(dir).sort();
    expect(left).toEqual(['.cress-desk.partial', live, olderRecent, 'chave-de-recuperacao.key', 'notas.txt'].sort());
    expect(existsSync(join(dir, killed))).toBe(false);
  });

  it('a file written now leaves no partial of its own', () => {
    dir = mkdtempSync(join(tmpdir(), 'cress-export-leftovers-'));
    writeExportFile(join(dir, 'auditoria.xlsx'), Buffer.from('PK'), { replace: false });
    expect(readdirSync(dir)).toEqual(['auditoria.xlsx']);
  });
});
