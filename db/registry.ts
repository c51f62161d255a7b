// Reading professionals: exact lookups, the record view, and the demo registry.
import type { Database } from 'better-sqlite3';
import type { ParsedInput } from '../shared/contract';
import type { Professional } from '../shared/domain';
import { AppError } from '../shared/errors';
import { cpfDigitsOf } from '../shared/rules/cpf';
import { withoutInvisibles } from '../shared/text';
import { appendAudit } from './audit';
import { generateDemoProfessionals } from './demo';
import { refreshPendenciesAfter } from './pendencyScan';
import { toProfessional, type ProfessionalRow } from './professionalRow';
import { requireSettings } from './settings';
import { statement } from './statements';
import { writeTransaction } from './storeLock';

export { toProfessional, type ProfessionalRow } from './professionalRow';

export function getProfessional(db: Database, id: number): Professional | null {
  const row = statement<ProfessionalRow>(db, 'SELECT * FROM professionals WHERE id = ?').get(id);
  return row ? toProfessional(row) : null;
}

export function requireProfessional(db: Database, id: number): Professional {
  const professional = getProfessional(db, id);
  if (!professional) throw new AppError('PROFESSIONAL_NOT_FOUND', 'Cadastro não encontrado: ele pode ter sido removido. Faça a busca novamente.');
  return professional;
}

/**
 * The CPF a typed key or a file's cell stands for, as the registry keeps it: digits and punctuation
 * once the characters that take no room are dropped, 11 digits, or fewer when a spreadsheet dropped
 * the leading zeros — the one rule parseCpf follows (cpfDigitsOf). Not validated: the registry may
 * hold a wrong CPF (seed case B) and the clerk must still find the record to correct it.
 */
export function cpfKeyOf(text: string): string | null {
  return cpfDigitsOf(text);
}

/** Exact lookup by CPF or registration number (a key pasted with characters that take no room is read as it looks). */
export function findProfessional(db: Database, key: string): Professional | null {
  const text = withoutInvisibles(key).trim();
  const cpf = cpfKeyOf(text);
  const byCpf = cpf ? statement<ProfessionalRow>(db, 'SELECT * FROM professionals WHERE cpf = ?').get(cpf) : undefined;
  const row = byCpf ?? statement<ProfessionalRow>(db, 'SELECT * FROM professionals WHERE registration_number = ?').get(text) ?? (cpf ? byCpfCorrectedAway(db, cpf) : undefined);
  return row ? toProfessional(row) : null;
}

/** Whether the desk corrected this professional's CPF away from `cpf` (the correction on its way to Implanta, or applied). */
export function leftCpf(db: Database, professionalId: number, cpf: string): boolean {
  return statement(db, `SELECT 1 FROM corrections WHERE professional_id = ? AND ${CORRECTED_AWAY} LIMIT 1`).get(professionalId, cpf) !== undefined;
}

// A CPF correction on its way to Implanta or applied; a rejected or cancelled one left nothing.
const CORRECTED_AWAY = "field = 'cpf' AND old_value = ? AND status IN ('pending', 'batched', 'sent', 'synced')";

/**
 * The record whose CPF the desk corrected away from `cpf` (its CPF correction on its way to
 * Implanta, or applied), when no record holds that CPF now: Implanta and the main system still know
 * her by it, and she says it at the counter or on the phone — as a corrections import finds her.
 * Only when one record did: a CPF two records left is nobody's to guess.
 */
function byCpfCorrectedAway(db: Database, cpf: string): ProfessionalRow | undefined {
  const ids = statement<{ id: number }>(
    db,
    `SELECT DISTINCT professional_id AS id FROM corrections WHERE ${CORRECTED_AWAY} LIMIT 2`,
  ).all(cpf);
  return ids.length === 1 ? statement<ProfessionalRow>(db, 'SELECT * FROM professionals WHERE id = ?').get(ids[0]!.id) : undefined;
}

export function countProfessionals(db: Database): number {
  // Every record has a registration number (NOT NULL): counting them walks their index, the smallest
  // of the table's, where count(*) walks the e-mail index, two and a half times its pages — each one
  // decrypted, 71 ms against 34 ms on 250 000 records (`cress-desk info` counts them on every run).
  return statement<{ n: number }>(db, 'SELECT count(registration_number) AS n FROM professionals').get()?.n ?? 0;
}

/** Synthetic professionals of the desk's region, with one audit entry (the caller owns the transaction). */
export function insertDemoProfessionals(db: Database, input: { count: number; seed: number; region: number; operator: string }, now: Date): number {
  const before = statement<{ id: number | null }>(db, 'SELECT max(id) AS id FROM professionals').get()?.id ?? 0;
  const { inserted } = generateDemoProfessionals(db, { count: input.count, region: input.region, seed: input.seed, now });
  // Demo data has defects on purpose (missing mothers): they show as pendências like real ones.
  refreshPendenciesAfter(db, before);
  appendAudit(db, {
    at: now.toISOString(),
    operator: input.operator,
    action: 'registry.demo',
    entity: 'registry',
    entityId: null,
    detail: { count: inserted, seed: input.seed },
  });
  return inserted;
}

export function fillDemo(db: Database, input: ParsedInput<'registry:demo'>, now: Date): { inserted: number; total: number } {
  return writeTransaction(db, () => {
    const settings = requireSettings(db);
    const inserted = insertDemoProfessionals(db, { count: input.count, seed: input.seed, region: settings.region, operator: settings.operator }, now);
    return { inserted, total: countProfessionals(db) };
  });
}
