// A CPF correction asks Implanta to find the professional by her old CPF and give her the new one.
// Until Implanta applies it (pending, in a lote, sent), Implanta still knows her by the old CPF and
// every lote names her by it (`previousCpf`). Given to another record meanwhile — by a registry load,
// a corrections import or a correction saved at the desk — the next lote would name two people by
// one CPF. So no other record may take it until Implanta applied the correction; one Implanta
// rejected or the clerk cancelled gives her the old CPF back, and the check of the CPF another
// record holds takes over.
import type { Database } from 'better-sqlite3';
import type { CorrectionStatus } from '../shared/domain';
import { AppError } from '../shared/errors';
import { statement } from './statements';

/** A CPF correction not yet applied by Implanta, by the record it is about. */
export interface CpfAtImplanta {
  professionalId: number;
  registration: string;
  status: CorrectionStatus;
  batch: string | null;
  /** The clerk may still cancel it: pending, or in a lote under review. */
  cancellable: boolean;
}

interface Row {
  cpf: string;
  id: number;
  registration: string;
  status: CorrectionStatus;
  batch: string | null;
  batchState: string | null;
}

const SELECT = `SELECT c.old_value AS cpf, c.professional_id AS id, p.registration_number AS registration, c.status, b.number AS batch, b.state AS batchState
  FROM corrections c JOIN professionals p ON p.id = c.professional_id LEFT JOIN batches b ON b.id = c.batch_id
  WHERE c.field = 'cpf' AND c.old_value IS NOT NULL AND c.status IN ('pending', 'batched', 'sent')`;

function fromRow(row: Row): CpfAtImplanta {
  const cancellable = row.status === 'pending' || (row.status === 'batched' && row.batchState === 'open');
  return { professionalId: row.id, registration: row.registration, status: row.status, batch: row.batch, cancellable };
}

/** The record other than `ownId` Implanta still knows by `cpf`, its CPF correction on its way; null when none. */
export function cpfAtImplanta(db: Database, cpf: string, ownId: number | null): CpfAtImplanta | null {
  const row = statement<Row>(db, `${SELECT} AND c.old_value = ? AND c.professional_id IS NOT ? ORDER BY c.id LIMIT 1`).get(cpf, ownId);
  return row ? fromRow(row) : null;
}

/**
 * The same, for an import: the CPF corrections on their way are few, read once; a row of the file
 * that corrects a CPF adds its old one (`add`), as the lote would carry it.
 */
export class CpfsAtImplanta {
  private readonly byCpf = new Map<string, CpfAtImplanta[]>();

  constructor(db: Database) {
    for (const row of db.prepare(`${SELECT} ORDER BY c.id`).iterate() as Iterable<Row>) this.add(row.cpf, fromRow(row));
  }

  add(cpf: string, holder: CpfAtImplanta): void {
    const holders = this.byCpf.get(cpf);
    if (holders) holders.push(holder);
    else this.byCpf.set(cpf, [holder]);
  }

  of(cpf: string, ownId: number | null): CpfAtImplanta | null {
    return this.byCpf.get(cpf)?.find((h) => h.professionalId !== ownId) ?? null;
  }
}

/** Why the CPF may not go to another record, and what to do (pt-BR), ending with `retry` (“importe esta linha de novo”). */
export function cpfAtImplantaWords(holder: CpfAtImplanta, retry: string): string {
  const lote = holder.batch ?? '';
  const where =
    holder.status === 'sent' ? `enviada à Implanta no lote ${lote}` : holder.status === 'batched' ? `no lote ${lote}${holder.cancellable ? ', em revisão' : ', já lacrado'}` : 'pendente, ainda na mesa';
  const remedy = holder.cancellable ? `Se essa correção estava errada, cancele-a em Correções; se não, espere a resposta da Implanta a ela e ${retry}` : `Espere a resposta da Implanta a essa correção e ${retry}`;
  return (
    `ainda é o CPF do registro ${holder.registration} para a Implanta: a correção do CPF desse cadastro ainda não foi confirmada (${where}). ` +
    `Dado agora a outro cadastro, o próximo lote nomearia duas pessoas pelo mesmo CPF. ${remedy}.`
  );
}

/** An import row's refusal: its row and the CPF column named. */
export function cpfAtImplantaRowMessage(row: number, header: string, holder: CpfAtImplanta): string {
  return `Linha ${row}, coluna “${header}”: este CPF ${cpfAtImplantaWords(holder, 'importe esta linha de novo')}`;
}

/** Refuses a correction saved at the desk that gives `ownId` a CPF Implanta still knows another record by. */
export function refuseCpfAtImplanta(db: Database, cpf: string, ownId: number): void {
  const holder = cpfAtImplanta(db, cpf, ownId);
  if (holder) throw new AppError('CPF_DUPLICATE', `Este CPF ${cpfAtImplantaWords(holder, 'corrija este cadastro depois')}`, { field: 'cpf' });
}
