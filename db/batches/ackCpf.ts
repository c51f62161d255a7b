// A spreadsheet answer may name each professional by CPF beside the id (the lote's corrections.csv
// filled in, or a sheet of Implanta's own). A row whose id is a correction of someone else than that
// CPF — a column sorted on its own, an id copied from another row — would give one person's answer
// to another: the whole file is refused, naming the line and both people.
import type { Database } from 'better-sqlite3';
import { formatCount } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import { formatCpf } from '../../shared/rules/cpf';
import { statement } from '../statements';
import type { AckFile } from './ackRead';
import { placeOfStarting } from './ackPlace';

interface Person {
  professionalId: number;
  name: string;
  cpf: string;
}

/** Every CPF the person of a correction goes by for this answer: as the lote was sealed, as Implanta knew her, now, and any her CPF corrections named. */
function cpfsOf(db: Database, id: string): { person: Person; cpfs: Set<string> } | null {
  const person = statement<Person & { previousCpf: string | null; currentCpf: string }>(
    db,
    `SELECT c.professional_id AS professionalId, coalesce(s.name, p.name) AS name, coalesce(s.cpf, p.cpf) AS cpf, s.previous_cpf AS previousCpf, p.cpf AS currentCpf
     FROM corrections c JOIN professionals p ON p.id = c.professional_id
     LEFT JOIN batch_professionals s ON s.batch_id = c.batch_id AND s.professional_id = c.professional_id
     WHERE c.uuid = ?`,
  ).get(id);
  if (!person) return null; // a CEP change: no person
  const cpfs = new Set([person.cpf, person.previousCpf, person.currentCpf].filter((cpf): cpf is string => cpf !== null));
  for (const row of statement<{ old_value: string | null; new_value: string | null }>(db, "SELECT old_value, new_value FROM corrections WHERE professional_id = ? AND field = 'cpf'").all(
    person.professionalId,
  )) {
    if (row.old_value) cpfs.add(row.old_value);
    if (row.new_value) cpfs.add(row.new_value);
  }
  return { person, cpfs };
}

/** Refuses the answer when a row's CPF is not the CPF of the person its id is about. */
export function refuseOtherPerson(db: Database, ack: AckFile): void {
  const wrong: string[] = [];
  for (const answer of ack.answers) {
    if (answer.cpf === undefined) continue;
    const found = cpfsOf(db, answer.id);
    if (!found || found.cpfs.has(answer.cpf)) continue;
    wrong.push(
      `${placeOfStarting(ack.format, answer)}: a linha traz o CPF ${formatCpf(answer.cpf)}, mas o id ${answer.id} é de uma correção de ${found.person.name} (CPF ${formatCpf(found.person.cpf)})`,
    );
  }
  if (wrong.length === 0) return;
  const shown = wrong.slice(0, 3).join('; ');
  const more = wrong.length > 3 ? `; e mais ${formatCount(wrong.length - 3)} linhas` : '';
  throw new AppError(
    'ACK_INVALID',
    `${shown}${more}. As colunas da planilha podem ter sido desalinhadas (uma coluna ordenada sem as outras) ou um id foi copiado de outra linha: a resposta iria para outra pessoa. Nada foi alterado: peça à Implanta a planilha corrigida.`,
  );
}
