// The main system moves CPFs between records: two records whose CPFs were typed swapped and fixed,
// three turned round. The store holds one record per CPF at every moment, so a row giving its record
// a CPF another record still holds would be refused, though that record's own row, further down,
// gives it another CPF. The file is read once before its rows are checked, noting the CPF each
// record's row states; a row taking a CPF whose holder's row further down states another one first
// moves the holder to a free placeholder (same transaction), and the holder's row then gives it its
// new CPF. Should that row not (refused, or the desk kept the CPF), the load stops and writes nothing.
// Nor may a row take a CPF Implanta still knows another record by, its CPF correction not yet applied
// (cpfAtImplanta.ts): the next lote would name two people by it, whoever holds it on the desk now.
import type { Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { CpfsAtImplanta, cpfAtImplantaRowMessage } from '../../cpfAtImplanta';
import { recordIfEditedUnseen } from '../../sealCheck';
import type { RowIssue } from '../columns';
import type { ProcessorContext } from './types';
import { storableCpf } from './rowMerge';

interface Stated {
  row: number;
  cpf: string | null;
}

interface Parked {
  cpf: string;
  placeholder: string;
  /** The row that took the CPF, and its record's registration number. */
  byRow: number;
  byRegistration: string;
  /** The holder's registration number and the row of this file that should give it another CPF. */
  registration: string;
  row: number;
}

export class CpfMoves {
  /** The CPF each registration's first row states (null: none or not a CPF). */
  private readonly stated = new Map<string, Stated>();
  private readonly parked = new Map<number, Parked>();
  private readonly owner: Statement<[string], { id: number }>;
  private readonly setCpf: Statement<[string, number]>;
  /** A load queues no correction: those on their way when it began are all there are. */
  private readonly atImplanta: CpfsAtImplanta;

  constructor(private readonly context: ProcessorContext) {
    this.owner = context.db.prepare('SELECT id FROM professionals WHERE cpf = ?');
    this.setCpf = context.db.prepare('UPDATE professionals SET cpf = ? WHERE id = ?');
    this.atImplanta = new CpfsAtImplanta(context.db);
  }

  /** The refusal of row `row` giving record `ownId` (null: a new one) a CPF Implanta still knows another record by. */
  stillAtImplanta(cpf: string, ownId: number | null, row: number): RowIssue | null {
    const holder = this.atImplanta.of(cpf, ownId);
    if (!holder) return null;
    const column = this.context.columns.columnOf('cpf');
    return { column, code: 'CPF_DUPLICATE', message: cpfAtImplantaRowMessage(row, this.context.columns.header(column), holder) };
  }

  /** Notes what a row states, before any row is checked (a later row of the same record does not count). */
  note(registration: string, row: number, cpfText: string): void {
    if (registration === '' || this.stated.has(registration)) return;
    const cpf = cpfText === '' ? null : storableCpf(cpfText);
    // A copy of the key: a slice of the cell would keep the whole chunk of the file it was read from alive.
    this.stated.set(JSON.parse(JSON.stringify(registration)) as string, { row, cpf: cpf?.ok ? cpf.value : null });
  }

  /** The row further down than `row` that gives the record another CPF than `cpf`, if any. */
  rowGivingAnother(registration: string, cpf: string, row: number): number | null {
    const stated = this.stated.get(registration);
    return stated && stated.row > row && stated.cpf !== null && stated.cpf !== cpf ? stated.row : null;
  }

  /** The row of this file further down for the record, whatever it states. */
  rowBelow(registration: string, row: number): number | null {
    const stated = this.stated.get(registration);
    return stated && stated.row > row ? stated.row : null;
  }

  /** Frees `cpf` from its holder (a placeholder until the holder's own row gives it its new CPF). */
  park(holder: { id: number; registration: string }, cpf: string, row: number, by: { row: number; registration: string }): void {
    let candidate = 99999999999 - holder.id;
    while (this.owner.get(String(candidate))) candidate--;
    const placeholder = String(candidate);
    recordIfEditedUnseen(this.context.db, holder.id);
    this.setCpf.run(placeholder, holder.id);
    this.parked.set(holder.id, { cpf, placeholder, byRow: by.row, byRegistration: by.registration, registration: holder.registration, row });
  }

  /** The CPF a record parked in this file holds for everyone but the store (its own), else the stored one. */
  cpfOf(id: number, stored: string): string {
    const parked = this.parked.get(id);
    return parked && parked.placeholder === stored ? parked.cpf : stored;
  }

  /**
   * After the row of a parked record: it must have left the placeholder for its new CPF; if not, the
   * CPF went to another record that its own row does not free, and nothing of the load is written.
   */
  settle(id: number, refusal: string | null): void {
    const parked = this.parked.get(id);
    if (!parked) return;
    this.parked.delete(id);
    const now = (this.context.db.prepare('SELECT cpf FROM professionals WHERE id = ?').get(id) as { cpf: string }).cpf;
    if (now !== parked.placeholder) return;
    const why = refusal ? `essa linha foi recusada: ${refusal}` : `o cadastro desse registro ficou com o CPF que tinha (há uma correção do CPF em andamento ou um conflito a resolver).`;
    throw new AppError(
      'CPF_DUPLICATE',
      `A linha ${parked.byRow} desta planilha dá ao registro ${parked.byRegistration} o CPF do registro ${parked.registration}, e a linha ${parked.row}, desse registro, deveria dar a ele outro CPF, mas ${why} Corrija a planilha e importe-a de novo. Nada foi gravado.`,
    );
  }

  /** At the end: a parked record whose row never came is an error of the load itself. */
  assertSettled(): void {
    for (const [id] of this.parked) this.settle(id, 'ela não foi conferida.');
  }
}
