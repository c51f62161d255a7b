// When taking the main system's value over a registry conflict is refused: the record would end with
// a mother fact the mother rule refuses, or with an address split from the fields saved with it; or
// the new correction that would bring Implanta to that value breaks a rule a correction saved at the
// desk must keep (planCorrection). Taking a value that only replaces the desk's, queuing nothing, is
// otherwise allowed: a load keeps the main system's defective values too, flagged as pendências.
import type { Database } from 'better-sqlite3';
import type { RegistryConflict } from '../shared/contract/registry';
import type { Professional } from '../shared/domain';
import { AppError } from '../shared/errors';
import { fieldLabel, MOTHER_FACT_FIELD } from '../shared/fields';
import { EMPTY_VALUE, formatFieldValue } from '../shared/display/values';
import { planCorrection } from '../shared/rules/correction';
import { valuesOfCorrectionText } from '../shared/rules/correctionText';
import { applyMotherRule } from '../shared/rules/mother';
import { decodeMotherFact } from '../shared/rules/motherFact';
import { addressSavedWith } from './addressSavedTogether';
import { directoryUfOf } from './cep';

type Conflict = Pick<RegistryConflict, 'professionalId' | 'field' | 'fileValue' | 'name' | 'registrationNumber' | 'correctionOutcome'>;

const whoOf = (conflict: Conflict) => `${conflict.name} (registro ${conflict.registrationNumber})`;

/** "CEP", "CEP e Município", "CEP, Bairro e Município" */
function listed(labels: readonly string[]): string {
  return labels.length < 2 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} e ${labels[labels.length - 1]}`;
}

/**
 * Refuses the file's value before anything is written when the record cannot take it: a mother fact
 * with neither the name nor "Não consta mãe"; or one field of an address the desk corrected as one
 * (CEP, UF, município…) that is still on its way to Implanta or applied there — alone, it would join a
 * CEP and town of one state to the UF of another, which no correction at the desk may do.
 */
export function refuseFileChoice(db: Database, conflict: Conflict, correction: { id: number; field: string } | null): void {
  const who = whoOf(conflict);
  if (conflict.field === MOTHER_FACT_FIELD) {
    const fact = decodeMotherFact(conflict.fileValue);
    const rule = applyMotherRule(fact, fact);
    if (!rule.ok) {
      const says = rule.code === 'MOTHER_CONFLICT' ? 'traz o nome da mãe e também “Não consta mãe”' : 'não traz nem o nome da mãe nem “Não consta mãe”';
      throw new AppError(
        rule.code,
        `O valor do sistema do Regional para a mãe de ${who} ${says}: não pode ir para o cadastro (${rule.message.charAt(0).toLowerCase()}${rule.message.slice(1)}). Use “Manter” para ficar com o valor da mesa e, se for o caso, corrija o sistema do Regional.`,
        { field: 'motherName' },
      );
    }
  }
  if (!correction || conflict.correctionOutcome !== null || correction.field !== conflict.field) return;
  const together = addressSavedWith(db, correction.id, 'notUndone')
    .filter((k) => k.field !== conflict.field)
    .reverse();
  if (together.length === 0) return;
  const label = fieldLabel(conflict.field);
  const linked = [...new Set(together.map((k) => fieldLabel(k.field)))];
  const file = formatFieldValue(conflict.field, conflict.fileValue, EMPTY_VALUE);
  throw new AppError(
    'CORRECTION_STATE',
    `A correção de ${label} de ${who} foi salva junto com ${listed(linked)}, num só endereço: usar só o valor do arquivo para ${label} (“${file}”) dividiria esse endereço — ${listed(linked)} da correção, ${label} do sistema do Regional — na mesa e na Implanta. Use “Manter” para ficar com o endereço da mesa e acerte o sistema do Regional; se o endereço certo é o do sistema do Regional, corrija na mesa o endereço inteiro (${listed([label, ...linked])} juntos): o conflito se fecha quando o cadastro chegar ao valor do arquivo.`,
    { field: conflict.field, details: { linkedFields: together.map((k) => k.field) } },
  );
}

/**
 * Refuses the file's value when the correction that would bring Implanta to it breaks a rule of a
 * correction saved at the desk (the same plan, on the record as it is): Implanta is never sent what
 * the desk itself refuses.
 */
export function refuseUnqueueable(db: Database, conflict: Conflict, record: Professional): void {
  const plan = planCorrection(record, valuesOfCorrectionText(conflict.field, conflict.fileValue), { directoryUfOf: (cep) => directoryUfOf(db, cep), typed: true });
  const first = plan.errors[0];
  if (!first) return;
  const file = formatFieldValue(conflict.field, conflict.fileValue, EMPTY_VALUE);
  throw new AppError(
    first.code,
    `O valor do sistema do Regional para ${fieldLabel(conflict.field)} de ${whoOf(conflict)}, “${file}”, não pode seguir para a Implanta: ${first.message} Use “Manter” para ficar com o valor da mesa, ou corrija o valor no sistema do Regional e carregue o cadastro de novo.`,
    { ...(first.field ? { field: first.field } : {}), details: plan.errors },
  );
}
