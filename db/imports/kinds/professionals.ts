// Finding professionals for the corrections import, with statements prepared once for the whole
// import. Each record read is also checked against its seal (sealCheck.ts): the import would seal in
// an edit another program made unseen, so what is found is handed on to be recorded first.
import type { Database, Statement } from 'better-sqlite3';
import type { Professional } from '../../../shared/domain';
import type { TaintedRow } from '../../auditSeals';
import { toProfessional, type ProfessionalRow } from '../../registry';
import { professionalsEditedUnseen } from '../../sealCheck';

/** Keys per lookup statement. */
const MANY = 128;

export class ProfessionalStore {
  private readonly byCpf: Statement<[string], ProfessionalRow>;
  private readonly byRegistration: Statement<[string], ProfessionalRow>;
  private readonly byId: Statement<[number], ProfessionalRow>;
  private readonly manyByCpf: Statement<unknown[], ProfessionalRow>;
  private readonly manyByRegistration: Statement<unknown[], ProfessionalRow>;
  private readonly manyById: Statement<unknown[], ProfessionalRow>;
  private readonly idsByCpf: Statement<unknown[], { id: number; key: string }>;
  private readonly idsByRegistration: Statement<unknown[], { id: number; key: string }>;
  /** Records found edited unseen, not handed on yet; and every one found (each is handed on once). */
  private tainted: TaintedRow[] = [];
  private readonly found = new Set<number>();

  constructor(private readonly db: Database) {
    this.byCpf = db.prepare('SELECT * FROM professionals WHERE cpf = ?');
    this.byRegistration = db.prepare('SELECT * FROM professionals WHERE registration_number = ?');
    this.byId = db.prepare('SELECT * FROM professionals WHERE id = ?');
    const marks = Array.from({ length: MANY }, () => '?').join(', ');
    this.manyByCpf = db.prepare(`SELECT * FROM professionals WHERE cpf IN (${marks})`);
    this.manyByRegistration = db.prepare(`SELECT * FROM professionals WHERE registration_number IN (${marks})`);
    // By row id: no index is read, only the table's pages (rows in the store's order read them in turn).
    this.manyById = db.prepare(`SELECT * FROM professionals WHERE id IN (${marks})`);
    // Answered from the indexes alone (they hold the row id): no page of the table is read.
    this.idsByCpf = db.prepare(`SELECT id, cpf AS key FROM professionals WHERE cpf IN (${marks})`);
    this.idsByRegistration = db.prepare(`SELECT id, registration_number AS key FROM professionals WHERE registration_number IN (${marks})`);
  }

  findById(id: number): Professional | null {
    return this.checked(this.byId.get(id));
  }

  /**
   * Many records at once (one statement for up to 128 keys instead of one each): the answer has
   * every key asked, null for those not in the registry.
   */
  findMany(by: 'cpf' | 'registration', keys: readonly string[]): Map<string, Professional | null> {
    const found = new Map<string, Professional | null>();
    const statement = by === 'cpf' ? this.manyByCpf : this.manyByRegistration;
    for (let at = 0; at < keys.length; at += MANY) {
      const slice = keys.slice(at, at + MANY);
      for (const key of slice) found.set(key, null);
      const params: (string | null)[] = [...slice];
      while (params.length < MANY) params.push(null);
      const rows = statement.all(...params);
      for (const row of rows) found.set(by === 'cpf' ? row.cpf : row.registration_number, toProfessional(row));
      this.check(rows.map((row) => row.id));
    }
    return found;
  }

  /** Many records at once by id (ids not in the registry are left out). */
  findManyById(ids: readonly number[]): Map<number, Professional> {
    const found = new Map<number, Professional>();
    for (let at = 0; at < ids.length; at += MANY) {
      const params: (number | null)[] = ids.slice(at, at + MANY);
      while (params.length < MANY) params.push(null);
      for (const row of this.manyById.all(...params)) found.set(row.id, toProfessional(row));
      this.check(ids.slice(at, at + MANY));
    }
    return found;
  }

  /** The record ids of many keys at once (keys not in the registry are left out). */
  idsOf(by: 'cpf' | 'registration', keys: readonly string[]): Map<string, number> {
    const found = new Map<string, number>();
    const statement = by === 'cpf' ? this.idsByCpf : this.idsByRegistration;
    for (let at = 0; at < keys.length; at += MANY) {
      const params: (string | null)[] = keys.slice(at, at + MANY);
      while (params.length < MANY) params.push(null);
      for (const row of statement.all(...params)) found.set(row.key, row.id);
    }
    return found;
  }

  findByCpf(cpf: string): Professional | null {
    return this.checked(this.byCpf.get(cpf));
  }

  findByRegistration(registration: string): Professional | null {
    return this.checked(this.byRegistration.get(registration));
  }

  /** The records found edited unseen since the last call (sealCheck.ts), each only once. */
  takeEditedUnseen(): TaintedRow[] {
    const rows = this.tainted;
    this.tainted = [];
    return rows;
  }

  private checked(row: ProfessionalRow | undefined): Professional | null {
    if (!row) return null;
    this.check([row.id]);
    return toProfessional(row);
  }

  private check(ids: readonly number[]): void {
    for (const row of professionalsEditedUnseen(this.db, ids)) {
      if (this.found.has(row.id)) continue;
      this.found.add(row.id);
      this.tainted.push(row);
    }
  }

  /** The biggest id so far: claim tracking sizes its arrays by it. */
  maxId(): number {
    return (this.db.prepare('SELECT max(id) AS id FROM professionals').get() as { id: number | null }).id ?? 0;
  }
}
