// "Verificar um pacote…" in Lotes: a sound package is "Pacote íntegro"; a damaged one is titled as
// failing and lists the check's own Portuguese sentences; a backup of the desk chosen by mistake is
// "not a lote package" in one sentence that sends the clerk to Backups, never as the lote format's
// missing files.
import { describe, expect, it } from 'vitest';
import { BACKUP_NOT_LOTE } from '../../../db/batches/package';
import { BATCHES_TEXT, isBackupZip } from '../../../renderer/screens/batches.text';

const t = BATCHES_TEXT.verifyDialog;
const NAME = 'CRESS09-lote-2026-0001.zip';

/** What batches:verify answers for a desk's backup: one problem of its own. */
const BACKUP_PROBLEMS = [BACKUP_NOT_LOTE];

describe('the verdict on a lote package', () => {
  it('titles a sound package "Pacote íntegro" and names the file', () => {
    expect(t.title(true, [])).toBe('Pacote íntegro');
    expect(t.validIntro(NAME)).toMatch(/^CRESS09-lote-2026-0001\.zip está completo e sem alteração/);
  });

  it('titles a damaged package as failing and lists the check\'s sentences as they are', () => {
    const truncated = [{ code: 'ZIP_NOT_A_ZIP', message: 'O arquivo não é um zip válido ou está incompleto (o índice do zip não foi encontrado no fim do arquivo).' }];
    expect(t.title(false, truncated)).toBe('Este pacote não passou na verificação');
    expect(t.problems(truncated)).toEqual([truncated[0]!.message]);
    expect(t.invalidIntro(NAME)).toMatch(/^Não envie CRESS09-lote-2026-0001\.zip à Implanta\./);
  });

  it('tells a backup given by mistake in one sentence that sends the clerk to Backups', () => {
    expect(isBackupZip(BACKUP_PROBLEMS)).toBe(true);
    expect(t.title(false, BACKUP_PROBLEMS)).toBe('Este arquivo não é um pacote de lote');
    const said = t.problems(BACKUP_PROBLEMS);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^Este arquivo é um backup do CRESS Desk, não um pacote de lote para a Implanta/);
    expect(said[0]).toContain('tela Backups');
    expect(said[0]).not.toMatch(/bag-info|data\/|cress-desk\.sqlite/);
  });

  it('keeps a lote package missing a file as a damaged package, not a backup', () => {
    const missing = [{ code: 'BATCH_FILE_MISSING', message: 'Falta o arquivo data/summary.json do formato de lote.', path: 'data/summary.json' }];
    expect(isBackupZip(missing)).toBe(false);
    expect(t.title(false, missing)).toBe('Este pacote não passou na verificação');
  });
});
