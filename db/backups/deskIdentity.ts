// Which desk a backup is of, against this one. Two desks of one CRESS — the head office and each
// seccional, or two set up apart — number their lotes alike: restored over another, a backup makes
// this desk that one, and both would send Implanta different lotes under one name. So a backup of
// another desk is restored only when the clerk confirms it, as another CRESS's is — unless this desk
// was only set up (no corrections, CEP changes, lotes or atendimentos): a reinstall, told which
// desk it becomes.
import type { Database } from 'better-sqlite3';
import type { DeskIdentity, RestorePrepared } from '../../shared/contract/backups';
import { otherDeskRefusal } from '../../shared/display/desks';
import { AppError } from '../../shared/errors';
import { seccionalTag } from '../../shared/regions';

/** The desk a store (or a backup's copy) is, from its settings row; null when it has none. */
export function deskIdentityOf(db: Database): DeskIdentity | null {
  const hasSettings = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'settings'").get() !== undefined;
  if (!hasSettings) return null;
  const row = db.prepare('SELECT region, seccional, operator, created_at AS since FROM settings WHERE id = 1').get() as DeskIdentity | undefined;
  return row ?? null;
}

/** Whether the store holds no work of its own yet: only set up (and its registry loaded). */
function onlySetUp(db: Database): boolean {
  const tables = ['corrections', 'cep_changes', 'batches', 'contacts'].filter(
    (name) => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined,
  );
  return tables.every((table) => db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get() === undefined);
}

/** Two identities are one desk: the same set-up, and a seccional lote names tell alike. */
function sameDesk(a: DeskIdentity, b: DeskIdentity): boolean {
  return a.since === b.since && seccionalTag(a.seccional) === seccionalTag(b.seccional);
}

/** The backup's desk against the store's: whether it changes, and whether that needs confirming (another region is confirmed on its own). */
export function deskChange(copy: Database, store: Database, otherRegion: boolean): Pick<RestorePrepared, 'desk' | 'currentDesk' | 'deskChanges' | 'otherDesk'> {
  const desk = deskIdentityOf(copy);
  const currentDesk = deskIdentityOf(store);
  const deskChanges = desk !== null && currentDesk !== null && !sameDesk(desk, currentDesk);
  return { desk, currentDesk, deskChanges, otherDesk: deskChanges && !otherRegion && !onlySetUp(store) };
}

/** Refuses, changing nothing, a backup of another desk the clerk did not confirm. */
export function refuseOtherDesk(prepared: RestorePrepared, confirmed: boolean): void {
  if (!prepared.otherDesk || confirmed || !prepared.desk || !prepared.currentDesk) return;
  throw new AppError(
    'BACKUP_OTHER_DESK',
    `${otherDeskRefusal(prepared.desk, prepared.currentDesk)}. Confirme para restaurar assim mesmo. Nada foi alterado.`,
    { details: { desk: prepared.desk, currentDesk: prepared.currentDesk } },
  );
}
