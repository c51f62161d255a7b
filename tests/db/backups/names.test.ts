// Backup names and the default folder on each system.
import { describe, expect, it } from 'vitest';
import { backupFileName, defaultBackupFolder, parseBackupFileName } from '../../../db/backups/names';

describe('backup names', () => {
  it('carry the region and the local time, and read back', () => {
    const at = new Date(2026, 10, 24, 15, 30, 0);
    expect(backupFileName(9, at)).toBe('CRESS09-backup-20261124-153000.zip');
    expect(backupFileName(27, at)).toBe('CRESS27-backup-20261124-153000.zip');
    expect(parseBackupFileName('CRESS09-backup-20261124-153000.zip')).toEqual({ region: 9, createdAt: at });
    for (const other of ['CRESS09-backup-20261324-153000.zip', 'CRESS09-backup-20261124-153000.zip.partial-0123456789ab', 'notas.zip', 'CRESS9-backup-20261124-153000.zip']) {
      expect(parseBackupFileName(other)).toBeNull();
    }
  });

  it("carry a seccional desk's mark, as its lotes do, and read back", () => {
    const at = new Date(2026, 10, 24, 15, 30, 0);
    expect(backupFileName(9, at, false, 'Campinas')).toBe('CRESS09-campinas-backup-20261124-153000.zip');
    expect(backupFileName(9, at, true, 'São José do Rio Preto')).toBe('CRESS09-DEMONSTRACAO-sao-jose-do-rio-preto-backup-20261124-153000.zip');
    expect(backupFileName(9, at, false, null)).toBe('CRESS09-backup-20261124-153000.zip');
    expect(parseBackupFileName('CRESS09-campinas-backup-20261124-153000.zip')).toEqual({ region: 9, createdAt: at });
    expect(parseBackupFileName('CRESS09-DEMONSTRACAO-sao-jose-do-rio-preto-backup-20261124-153000.zip')).toEqual({ region: 9, createdAt: at });
    for (const other of ['CRESS09-Campinas-backup-20261124-153000.zip', 'CRESS09--backup-20261124-153000.zip', 'CRESS09-campinas-para-implanta-20261124-153000.zip']) {
      expect(parseBackupFileName(other)).toBeNull();
    }
  });

  it('go by default to Documents/CRESS Desk/Backups', () => {
    expect(defaultBackupFolder('win32', { USERPROFILE: 'C:\\Users\\ana' }, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\Documents\\CRESS Desk\\Backups');
    expect(defaultBackupFolder('darwin', {}, '/Users/ana')).toBe('/Users/ana/Documents/CRESS Desk/Backups');
    expect(defaultBackupFolder('linux', {}, '/home/ana')).toBe('/home/ana/Documents/CRESS Desk/Backups');
    expect(defaultBackupFolder('linux', { XDG_DOCUMENTS_DIR: '/home/ana/Documentos' }, '/home/ana')).toBe('/home/ana/Documentos/CRESS Desk/Backups');
  });
});
