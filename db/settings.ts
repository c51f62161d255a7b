// The desk's configuration: which CRESS it serves and who set it up. One row, set up once; who
// works now is the session's operator (db/session.ts, db/operators.ts).
import type { Database } from 'better-sqlite3';
import type { Input, ParsedInput } from '../shared/contract';
import type { ContactSettings, Settings } from '../shared/contract/settings';
import type { Uf } from '../shared/domain';
import { AppError } from '../shared/errors';
import { regionUf } from '../shared/regions';
import { parseEmail } from '../shared/rules/email';
import { appendAudit, type AuditInput } from './audit';
import { insertOperator, storedName } from './operators';
import { adminPinDetail } from './adminPinTrail';
import { pinSetDetail } from './operatorPinTrail';
import { hashPin } from './pinHash';
import { hasOperators } from './trailDigest';
import { sessionEndedWhy, sessionOperator, sessionsRequired, setSession, signerOf } from './session';
import { writeTransaction } from './storeLock';

interface SettingsRow {
  region: number;
  uf: string;
  seccional: string | null;
  operator: string;
}

/** The settings, `operator` being the session's (db/session.ts), else the name the desk was set up with. */
export function getSettings(db: Database): Settings | null {
  const row = db.prepare('SELECT region, uf, seccional, operator FROM settings WHERE id = 1').get() as SettingsRow | undefined;
  const operator = sessionOperator(db) ?? row?.operator;
  return row && operator !== undefined
    ? { region: row.region, uf: row.uf as Uf, seccional: row.seccional, operator, ...(isDemoDesk(db) ? { demo: true } : {}) }
    : null;
}

/**
 * Who signs what the desk does by itself (an automatic backup, the roll-back of an interrupted
 * import): the session's operator, else — where sessions are required — nobody (`sistema`).
 */
export function unattendedOperator(db: Database): string | null {
  return db.name ? signerOf(db.name, getSettings(db)?.operator ?? null) : null;
}

/**
 * The registry holds demo professionals, so every file the desk writes for someone else says
 * DEMONSTRACAO in its name. They are never removed one by one: the registry holds them from the
 * first demo load (its audit entry, found through the entity index) for as long as the store lives.
 */
export function isDemoDesk(db: Database): boolean {
  return demoLoadedAt(db) !== null;
}

/** When demo data first came into the registry (ISO instant), or null on a real desk. */
export function demoLoadedAt(db: Database): string | null {
  const row = db
    .prepare("SELECT min(at) AS at FROM audit_log WHERE entity = 'registry' AND entity_id IS NULL AND action = 'registry.demo'")
    .get() as { at: string | null };
  return row.at;
}

/** The first package Schema-Version whose lotes a demo desk marks: older versions of the desk never did. */
const FIRST_MARKED_PACKAGE_VERSION = 4;

/**
 * A lote says DEMONSTRACAO when it was sealed (or, still open, is now) on a demo desk: a fact of
 * the lote, so a lote sealed before demo data came in — or by a version of the desk that had no
 * mark (package versions 1 to 3) — keeps its name and its package stays byte-identical when
 * exported again.
 */
export function isDemoBatch(db: Database, batch: { sealed_at: string | null; schema_version: number }): boolean {
  if (batch.schema_version < FIRST_MARKED_PACKAGE_VERSION) return false;
  const since = demoLoadedAt(db);
  return since !== null && (batch.sealed_at === null || batch.sealed_at >= since);
}

/**
 * Every write needs a configured desk, and the operator it records comes from here: the session's.
 * Where sessions are required (the app, the browser host, the command line) reading `operator`
 * without one is refused, so nothing is signed by a name nobody proved; reading the region is not.
 */
export function requireSettings(db: Database): Settings {
  const settings = getSettings(db);
  if (!settings) throw new AppError('SETUP_REQUIRED', 'Configure a mesa antes: escolha o CRESS e o nome do operador.');
  if (sessionOperator(db) !== null || !sessionsRequired()) return settings;
  return Object.defineProperty(settings, 'operator', {
    enumerable: true,
    get(): string {
      throw new AppError('SESSION_REQUIRED', (db.name && sessionEndedWhy(db.name)) || 'Escolha quem está atendendo (nome e PIN) antes de gravar.');
    },
  });
}

/**
 * The operator signed in at the desk (the desk's operator where sessions are not required):
 * SETUP_REQUIRED or SESSION_REQUIRED when there is none. The dispatcher asks it before every
 * channel that needs an operator (shared/contract/sessions.ts).
 */
export function requireOperator(db: Database): string {
  return requireSettings(db).operator;
}

/** Appends an audit entry signed by the session's operator (requireSettings). */
export function appendOperatorAudit(db: Database, at: string, entry: Omit<AuditInput, 'at' | 'operator'>): number {
  return appendAudit(db, { at, operator: requireSettings(db).operator, ...entry });
}

function blankToNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value.trim();
}

/** Inserts the settings row and its audit entry (the caller owns the transaction). */
export function setupSettings(db: Database, input: Omit<ParsedInput<'settings:setup'>, 'demoProfessionals'>, now: string): Settings {
  if (getSettings(db)) {
    throw new AppError('ALREADY_SET_UP', 'A mesa já está configurada. Para mudar o operador ou a seccional, use Configurações.');
  }
  const uf = regionUf(input.region);
  if (!uf) throw new AppError('REGION_INVALID', `Região ${input.region} desconhecida: escolha um CRESS da lista.`, { field: 'region' });
  const settings: Settings = { region: input.region, uf, seccional: blankToNull(input.seccional), operator: storedName(input.operator) };
  db.prepare(
    'INSERT INTO settings (id, region, uf, seccional, operator, created_at, updated_at) VALUES (1, @region, @uf, @seccional, @operator, @now, @now)',
  ).run({ ...settings, now });
  // The first operator (without a PIN now, its first session sets one) and the admin PIN. Stores
  // before migration 0013, which the migration tests build with this code, have neither.
  let first: { id: number } | null = null;
  if (hasOperators(db)) {
    first = insertOperator(db, settings.operator, input.pin ?? null, now);
    if (input.adminPin !== undefined) db.prepare('UPDATE settings SET admin_pin_hash = ? WHERE id = 1').run(hashPin(input.adminPin));
  }
  // The trail says which admin PIN the desk starts with (a keyed digest, or null for none): one put
  // in or cleared later outside the desk is seen (adminPinTrail.ts).
  const adminPin = first ? adminPinDetail(db) : {};
  appendAudit(db, { at: now, operator: settings.operator, action: 'settings.setup', entity: 'settings', entityId: null, detail: { ...settings, ...adminPin } });
  // The trail says the first operator has a PIN: one cleared later outside the desk is seen (operatorPinTrail.ts).
  if (first && input.pin) appendAudit(db, { at: now, operator: settings.operator, action: 'operator.pin_set', entity: 'operator', entityId: String(first.id), detail: { name: settings.operator, atSetup: true, ...pinSetDetail(db, first.id) } });
  setSession(db.name, settings.operator);
  return settings;
}

/** Changes the seccional (operators are kept in db/operators.ts); nothing is written when nothing changes. */
export function updateSettings(db: Database, input: Input<'settings:update'>, now: string): Settings {
  return writeTransaction(db, () => {
    const current = requireSettings(db);
    const seccional = input.seccional !== undefined ? blankToNull(input.seccional) : current.seccional;
    if (seccional === current.seccional) return current;
    const operator = current.operator;
    db.prepare('UPDATE settings SET seccional = @seccional, updated_at = @now WHERE id = 1').run({ seccional, now });
    appendAudit(db, { at: now, operator, action: 'settings.update', entity: 'settings', entityId: null, detail: { changes: { seccional: { from: current.seccional, to: seccional } } } });
    return { region: current.region, uf: current.uf, seccional, operator, ...(current.demo ? { demo: true } : {}) };
  });
}

/** The atendimentos' settings; before the council sets them: no address, 3 days. */
export function getContactSettings(db: Database): ContactSettings {
  const row = db.prepare('SELECT implanta_email AS implantaEmail, overdue_days AS overdueDays FROM contact_settings WHERE id = 1').get() as ContactSettings | undefined;
  return row ?? { implantaEmail: null, overdueDays: 3 };
}

/** Implanta's support address (checked like any e-mail; blank clears it) and the overdue days. */
export function updateContactSettings(db: Database, input: Input<'settings:updateContacts'>, now: string): ContactSettings {
  return writeTransaction(db, () => {
    const operator = requireSettings(db).operator;
    const current = getContactSettings(db);
    let implantaEmail = current.implantaEmail;
    if (input.implantaEmail !== undefined) {
      const typed = blankToNull(input.implantaEmail);
      if (typed === null) implantaEmail = null;
      else {
        const parsed = parseEmail(typed);
        if (!parsed.ok) throw new AppError(parsed.code, parsed.message, { field: 'implantaEmail' });
        implantaEmail = parsed.value;
      }
    }
    const next: ContactSettings = { implantaEmail, overdueDays: input.overdueDays ?? current.overdueDays };
    if (next.implantaEmail === current.implantaEmail && next.overdueDays === current.overdueDays) return current;
    db.prepare(
      `INSERT INTO contact_settings (id, implanta_email, overdue_days, updated_at) VALUES (1, @implantaEmail, @overdueDays, @now)
       ON CONFLICT (id) DO UPDATE SET implanta_email = excluded.implanta_email, overdue_days = excluded.overdue_days, updated_at = excluded.updated_at`,
    ).run({ ...next, now });
    appendAudit(db, { at: now, operator, action: 'settings.contacts', entity: 'settings', entityId: null, detail: { before: current, after: next } });
    return next;
  });
}
