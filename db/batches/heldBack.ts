// A lote must never name two people by one CPF. Implanta knows a professional by the CPF of
// IMPLANTA_CPF_SQL (./payloadPreviousCpf.ts) until it applied an item of a lote naming her by her
// new one; meanwhile a registry load (the main system is authoritative: its load goes in), or a CPF
// correction saved at the desk, may give that CPF to another record. A lote naming that record by
// it would have Implanta apply its corrections to her. So its corrections are held back from every
// lote — they stay pending — until Implanta learned her new CPF; creating, reviewing and sealing a
// lote say so. Two records whose CPFs were swapped both go: each is named by its own old CPF
// (`previousCpf`), and holding both back would keep them waiting for good.
import type { Database } from 'better-sqlite3';
import type { HeldBack } from '../../shared/contract/batches';
import { IMPLANTA_CPF_SQL } from './payloadPreviousCpf';

/** A correction of no import, or of an import already recorded (one still being written has no row yet). */
const RECORDED_IMPORT_OF_C = '(c.import_id IS NULL OR c.import_id IN (SELECT id FROM imports))';

/**
 * Only records whose CPF the main system or a CPF correction changed can be known by another CPF.
 * Both are found through small indexes (the history's partial one, the corrections' by field), not by
 * reading the whole history.
 */
export const KNOWN_BY_ANOTHER = `SELECT p.id, p.cpf, p.registration_number AS registration, ${IMPLANTA_CPF_SQL} AS known
  FROM professionals p
  WHERE p.id IN (SELECT professional_id FROM record_history WHERE field = 'cpf' AND kind IN ('registry_load', 'conflict_file')
                 UNION SELECT professional_id FROM corrections WHERE field = 'cpf' AND status IN ('pending', 'batched', 'sent'))`;

interface Row {
  professionalId: number;
  registrationNumber: string;
  name: string;
  corrections: number;
  knownBy: string;
  knownByOnItsWay: number;
}

/** Records with a correction `scope` selects (SQL over `c`, a corrections row) whose CPF Implanta still knows another record by. */
function heldBackRows(db: Database, scope: string, params: unknown[]): Row[] {
  return db
    .prepare(
      `WITH known AS (SELECT * FROM (${KNOWN_BY_ANOTHER}) WHERE known IS NOT NULL)
       SELECT x.id AS professionalId, x.registration_number AS registrationNumber, x.name, count(DISTINCT c.id) AS corrections,
              min(y.registration) AS knownBy,
              max(EXISTS (SELECT 1 FROM corrections w WHERE w.professional_id = y.id AND w.status IN ('pending', 'batched', 'sent'))) AS knownByOnItsWay
       FROM corrections c JOIN professionals x ON x.id = c.professional_id
         JOIN known y ON y.known = x.cpf AND y.id <> x.id
       WHERE (${scope}) AND NOT EXISTS (SELECT 1 FROM known z WHERE z.id = x.id AND z.known = y.cpf)
       GROUP BY x.id ORDER BY x.registration_number`,
    )
    .all(...params) as Row[];
}

/** Why the record's corrections wait (pt-BR). */
export function heldBackWords(knownBy: string, knownByOnItsWay: boolean): string {
  const nothing = knownByOnItsWay
    ? ''
    : ` Nenhuma correção do registro ${knownBy} está a caminho da Implanta: só um lote com um item dele lhe informa o CPF novo.`;
  return (
    `A Implanta ainda conhece outro cadastro (registro ${knownBy}) por este CPF: as correções deste cadastro ficam para o próximo lote, ` +
    `depois que a Implanta aplicar um item do lote que informa o CPF novo de ${knownBy}.${nothing}`
  );
}

function toHeldBack(row: Row): HeldBack {
  return {
    professionalId: row.professionalId,
    registrationNumber: row.registrationNumber,
    name: row.name,
    corrections: row.corrections,
    knownByRegistrationNumber: row.knownBy,
    message: heldBackWords(row.knownBy, row.knownByOnItsWay === 1),
  };
}

/** Held back from a lote created now: records with a pending correction (of no import still being written). */
export function heldBackFromNewLote(db: Database): HeldBack[] {
  return heldBackRows(db, `c.status = 'pending' AND ${RECORDED_IMPORT_OF_C}`, []).map(toHeldBack);
}

/** Held back from lote `batchId` while it is open: records with a correction in it (taken out at sealing) or pending. */
export function heldBackFromOpenLote(db: Database, batchId: number): HeldBack[] {
  return heldBackRows(db, `c.batch_id = ? OR c.status = 'pending'`, [batchId]).map(toHeldBack);
}

/** One line per record held back, for a refusal: “o cadastro do registro 9999 (Nome): A Implanta…”. */
export function heldBackLines(held: readonly HeldBack[]): string {
  return held.map((h) => `o cadastro do registro ${h.registrationNumber} (${h.name}): ${h.message}`).join(' ');
}
