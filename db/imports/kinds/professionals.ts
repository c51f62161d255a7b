// Finding and writing professionals for the corrections and registry imports, with statements
// prepared once for the whole import.
import type { Database, Statement } from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { Professional } from '../../../shared/domain';
import type { FieldName, FieldValue } from '../../../shared/fields';
import { foldForSearch } from '../../../shared/text';
import { toProfessional, type ProfessionalRow } from '../../registry';
import { professionals } from '../../schema';

const COLUMNS = getTableColumns(professionals);
/** Keys per lookup statement. */
const MANY = 128;

/** The SQL column of a catalogue field and its stored value (the flag is 0/1). */
export function columnValue(field: FieldName, value: FieldValue): [string, string | number | null] {
  return [COLUMNS[field].name, typeof value === 'boolean' ? (value ? 1 : 0) : value];
}

export class ProfessionalStore {
  private readonly byCpf: Statement<[string], ProfessionalRow>;
  private readonly byRegistration: Statement<[string], ProfessionalRow>;
  private readonly byId: Statement<[number], ProfessionalRow>;
  private readonly manyByCpf: Statement<unknown[], ProfessionalRow>;
  private readonly manyByRegistration: Statement<unknown[], ProfessionalRow>;
  private readonly updates = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.byCpf = db.prepare('SELECT * FROM professionals WHERE cpf = ?');
    this.byRegistration = db.prepare('SELECT * FROM professionals WHERE registration_number = ?');
    this.byId = db.prepare('SELECT * FROM professionals WHERE id = ?');
    const marks = Array.from({ length: MANY }, () => '?').join(', ');
    this.manyByCpf = db.prepare(`SELECT * FROM professionals WHERE cpf IN (${marks})`);
    this.manyByRegistration = db.prepare(`SELECT * FROM professionals WHERE registration_number IN (${marks})`);
  }

  findById(id: number): Professional | null {
    const row = this.byId.get(id);
    return row ? toProfessional(row) : null;
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
      for (const row of statement.all(...params)) found.set(by === 'cpf' ? row.cpf : row.registration_number, toProfessional(row));
    }
    return found;
  }

  findByCpf(cpf: string): Professional | null {
    const row = this.byCpf.get(cpf);
    return row ? toProfessional(row) : null;
  }

  findByRegistration(registration: string): Professional | null {
    const row = this.byRegistration.get(registration);
    return row ? toProfessional(row) : null;
  }

  /** The biggest id so far: claim tracking sizes its arrays by it. */
  maxId(): number {
    return (this.db.prepare('SELECT max(id) AS id FROM professionals').get() as { id: number | null }).id ?? 0;
  }

  /**
   * Writes the changed fields (and dip status) of one record, bumping its version. Statements are
   * cached per set of columns: a 250 000-row import uses a handful.
   */
  update(current: Professional, changes: { field: FieldName | 'dipStatus'; value: FieldValue }[], now: string): number {
    const columns: string[] = [];
    const values: (string | number | null)[] = [];
    for (const change of changes) {
      if (change.field === 'dipStatus') {
        columns.push('dip_status');
        values.push(change.value as string);
        continue;
      }
      const [column, value] = columnValue(change.field, change.value);
      columns.push(column);
      values.push(value);
      if (change.field === 'name') {
        columns.push('name_folded');
        values.push(foldForSearch(change.value as string));
      }
    }
    const key = columns.join(',');
    let statement = this.updates.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `UPDATE professionals SET ${columns.map((c) => `${c} = ?`).join(', ')}, row_version = row_version + 1, updated_at = ?
         WHERE id = ? AND row_version = ?`,
      );
      this.updates.set(key, statement);
    }
    const result = statement.run(...values, now, current.id, current.rowVersion);
    if (result.changes !== 1) throw new Error(`professional ${current.id} changed during the import`);
    return current.rowVersion + 1;
  }
}
