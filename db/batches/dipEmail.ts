// The e-mail to Implanta for corrections that also need the DIP request corrected (seed case G):
// a Portuguese draft the clerk copies or opens in her mail program. The app sends nothing itself.
import type { Database } from 'better-sqlite3';
import type { DipEmail } from '../../shared/contract/batches';
import { EMPTY_VALUE, formatFieldValue } from '../../shared/display/values';
import { fieldLabel } from '../../shared/fields';
import { regionLabel } from '../../shared/regions';
import { formatCpf } from '../../shared/rules/cpf';
import { requireSettings } from '../settings';
import { statement } from '../statements';
import { lotePackageStem, loteSeccionalTag, requireBatchRow } from './summary';
import { IMPLANTA_CPF_SQL } from './payloadPreviousCpf';

/** Mail programs (and Windows) refuse longer `mailto:` links; the draft is then copied instead. */
const MAILTO_MAX = 1800;

interface Row {
  professional_id: number;
  uuid: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  cpf: string;
  registration_number: string;
  name: string;
  /** The CPF Implanta still knows her by, while her CPF correction has not been applied (as the package's previousCpf). */
  previous_cpf: string | null;
}

export function dipEmail(db: Database, id: number): DipEmail {
  const batch = requireBatchRow(db, id);
  const settings = requireSettings(db);
  // As sealed when the batch is sealed, else as the registry says now.
  const rows = statement<Row>(
    db,
    `SELECT c.professional_id, c.uuid, c.field, c.old_value, c.new_value,
       coalesce(s.cpf, p.cpf) AS cpf, coalesce(s.registration_number, p.registration_number) AS registration_number, coalesce(s.name, p.name) AS name,
       CASE WHEN s.professional_id IS NOT NULL THEN s.previous_cpf ELSE ${IMPLANTA_CPF_SQL} END AS previous_cpf
     FROM corrections c JOIN professionals p ON p.id = c.professional_id
     LEFT JOIN batch_professionals s ON s.batch_id = c.batch_id AND s.professional_id = c.professional_id
     WHERE c.batch_id = ? AND c.dip_consequence = 'correct_dip_request' ORDER BY c.id`,
  ).all(id);
  const people = new Map<number, { head: Row; changes: Row[] }>();
  for (const row of rows) {
    const person = people.get(row.professional_id);
    if (person) person.changes.push(row);
    else people.set(row.professional_id, { head: row, changes: [row] });
  }
  // A seccional numbers its lotes as the head office does: its e-mail says who sends it and the
  // package's name, so Implanta never takes it for the head office's lote of the same number.
  const region = `${regionLabel(batch.region)}${settings.seccional ? `, seccional ${settings.seccional}` : ''}`;
  const file = loteSeccionalTag(db, batch) === null ? '' : `arquivo ${lotePackageStem(db, batch)}.zip, `;
  const subject = `Correção de solicitação de DIP — ${region} — lote ${batch.number}`;
  const quoted = (field: string, value: string | null) => {
    const text = formatFieldValue(field, value, '');
    return text === '' ? EMPTY_VALUE : `“${text}”`;
  };
  const entries = [...people.values()].map(({ head, changes }, index) =>
    [
      `${index + 1}. ${head.name} — CPF ${formatCpf(head.cpf)}${head.previous_cpf && head.previous_cpf !== head.cpf ? ` (a Implanta ainda tem o CPF ${formatCpf(head.previous_cpf)})` : ''} — registro nº ${head.registration_number}`,
      ...changes.map((c) => `   • ${fieldLabel(c.field)}: ${quoted(c.field, c.old_value)} → ${quoted(c.field, c.new_value)}`),
    ].join('\n'),
  );
  const body = [
    'Prezados,',
    '',
    `O ${region} corrigiu dados de identificação de ${people.size === 1 ? 'uma/um profissional cuja solicitação' : `${people.size} profissionais cujas solicitações`} do DIP já ${people.size === 1 ? 'estava confirmada' : 'estavam confirmadas'}, conforme documentos apresentados. As correções seguem no lote ${batch.number} (${file}identificador ${batch.uuid}).`,
    '',
    `Pedimos que ${people.size === 1 ? 'a solicitação do DIP abaixo também seja corrigida' : 'as solicitações do DIP abaixo também sejam corrigidas'} antes do envio para confecção:`,
    '',
    ...entries,
    '',
    'Atenciosamente,',
    settings.operator,
    region,
  ].join('\n');
  const mailto = `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return { count: people.size, subject, body, mailto: people.size > 0 && mailto.length <= MAILTO_MAX ? mailto : null };
}
