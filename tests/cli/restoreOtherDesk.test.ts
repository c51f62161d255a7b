// A backup of another desk of the same CRESS — a seccional's over the head office's — would make this
// desk that one, and both would send Implanta different lotes under the same names and numbers: the
// restore is refused unless --other-desk confirms it, naming both desks; a desk only set up (a
// reinstall) restores it without asking, and is told which desk it became.
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, cliOn, initDesk, registrationsIn } from './command';

/** The head office's desk (Ana), with a correction of its own. */
const sede = cliDesk('cress-cli-other-desk-', (d) => {
  initDesk(d, { operator: 'Ana Souza', professionals: 3, seed: 7 });
  const [registration] = registrationsIn(d.store);
  expect(d.run('correct', registration as string, '--field', 'email', '--value', 'sede.caixa@gmail.com', '--reason', 'Pedido no balcão').code).toBe(0);
});
/** The seccional Campinas's desk (Bia), and one only set up (a reinstall), in the same folder. */
const campinas = cliOn(() => join(sede.dir, 'campinas.sqlite'));
const fresh = cliOn(() => join(sede.dir, 'nova.sqlite'));

function campinasBackup(): string {
  const folder = join(sede.dir, 'backups-campinas');
  mkdirSync(folder, { recursive: true });
  if (readdirSync(folder).length === 0) {
    expect(campinas.run('init', '--region', '9', '--seccional', 'Campinas', '--operator', 'Bia Lima').code).toBe(0);
    expect(campinas.run('demo', '--professionals', '4', '--seed', '8').code).toBe(0);
    expect(campinas.run('backup', 'create', '--out', folder).code).toBe(0);
  }
  return join(folder, readdirSync(folder)[0] as string);
}

const restoresOf = (prefix: string) => readdirSync(sede.dir).filter((name) => name.startsWith(prefix) && name.includes('restore'));

describe("restoring another desk's backup of the same CRESS", () => {
  it('names the seccional in the backup file, as its lotes are named', () => {
    // A demo desk: marked as its lotes are, `CRESS09-DEMONSTRACAO-campinas-lote-…`.
    expect(basename(campinasBackup())).toMatch(/^CRESS09-DEMONSTRACAO-campinas-backup-\d{8}-\d{6}\.zip$/);
  });

  it('is refused with --yes alone, naming both desks; nothing changes', () => {
    const file = campinasBackup();
    const refused = sede.run('backup', 'restore', file, '--yes');
    expect(refused.code, refused.stdout).toBe(1);
    expect(refused.stderr).toContain('[BACKUP_OTHER_DESK]');
    expect(refused.stderr).toMatch(/Este backup é da mesa configurada por Bia Lima em [\d/: ]+ \(seccional Campinas, CRESS 9ª Região\); esta mesa foi configurada por Ana Souza em [\d/: ]+ \(sede, CRESS 9ª Região\)\./);
    expect(refused.stderr).toContain('lotes diferentes com os mesmos nomes e números: nada foi alterado. Para restaurar assim mesmo, use --other-desk.');
    expect(sede.json('info').body.settings).toMatchObject({ region: 9, seccional: null });
    expect(restoresOf('desk')).toEqual([]);
  });

  it('is restored with --other-desk, and says which desk this one now is', () => {
    const restored = sede.json('backup', 'restore', campinasBackup(), '--yes', '--other-desk');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.body).toMatchObject({ otherRegion: false, otherDesk: true, deskChanges: true, desk: { seccional: 'Campinas', operator: 'Bia Lima' }, previousDesk: { seccional: null, operator: 'Ana Souza' } });
    expect(sede.json('info').body.settings).toMatchObject({ region: 9, seccional: 'Campinas' });
    const text = sede.run('backup', 'restore', campinasBackup(), '--yes');
    // Now the same desk as the backup's: no question of desks any more.
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toContain('passou a ser');
  });
});

describe('a desk only set up (a reinstall) restoring a backup of another desk', () => {
  it('restores it without --other-desk, and is told which desk it became', () => {
    expect(fresh.run('init', '--region', '9', '--operator', 'Carla Dias').code).toBe(0);
    const restored = fresh.run('backup', 'restore', campinasBackup(), '--yes');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Atenção: Esta mesa passou a ser a mesa configurada por Bia Lima em [\d/: ]+ \(seccional Campinas, CRESS 9ª Região\)/);
    expect(fresh.json('info').body.settings).toMatchObject({ seccional: 'Campinas' });
  });
});
