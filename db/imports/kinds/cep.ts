// A CEP directory import: each row adds or fixes one CEP of the council's directory, with the
// same rules as the CEPs screen, and queues the change for Implanta like `cep:save` does.
import type { Statement } from 'better-sqlite3';
import type { Uf } from '../../../shared/domain';
import { FIELDS } from '../../../shared/fields';
import { formatCep, parseCep, ufOfCep } from '../../../shared/rules/cep';
import { parseText } from '../../../shared/rules/names';
import { cityNotInUf } from '../../../shared/reference/municipalities';
import { parseUf } from '../../../shared/rules/vocabulary';
import { rejectedDataStillHeld, resolveCepRejectionsBy } from '../../cepRejections';
import { ClaimTracker } from '../claims';
import type { RowIssue } from '../columns';
import type { RawRow } from '../readers/source';
import { duplicateIssue, reasonOf } from './common';
import { rejected, type KindProcessor, type ProcessorContext, type ProcessorTotals, type RowOutcome } from './types';

const ADDRESS_FIELDS = ['street', 'district', 'city', 'uf'] as const;
type AddressField = (typeof ADDRESS_FIELDS)[number];
type Address = Record<AddressField, string>;

export class CepProcessor implements KindProcessor {
  private readonly claims = new ClaimTracker(0, ADDRESS_FIELDS);
  private readonly find: Statement<[string], Address>;
  private readonly upsert: Statement;
  private readonly queue: Statement;
  private inserted = 0;
  private updated = 0;

  constructor(private readonly context: ProcessorContext) {
    const { db } = context;
    this.find = db.prepare('SELECT street, district, city, uf FROM cep_directory WHERE cep = ?');
    this.upsert = db.prepare(
      `INSERT INTO cep_directory (cep, street, district, city, uf, operator, created_at, updated_at)
       VALUES (@cep, @street, @district, @city, @uf, @operator, @now, @now)
       ON CONFLICT (cep) DO UPDATE SET street = excluded.street, district = excluded.district, city = excluded.city,
         uf = excluded.uf, operator = excluded.operator, updated_at = excluded.updated_at`,
    );
    this.queue = db.prepare(
      `INSERT INTO cep_changes (uuid, cep, old_value, new_value, reason, operator, created_at, status, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
    );
  }

  process(raw: RawRow): RowOutcome {
    const { columns } = this.context;
    const cells = raw.cells;
    const issues: RowIssue[] = [];
    const reason = reasonOf(this.context, cells, issues);
    const cepText = columns.cell(cells, 'cep');
    const cep = cepText === '' ? null : parseCep(cepText);
    if (!cep) issues.push({ column: columns.columnOf('cep'), code: 'VALUE_REQUIRED', message: 'Informe o CEP.' });
    else if (!cep.ok) issues.push({ column: columns.columnOf('cep'), code: cep.code, message: cep.message });

    const given: Partial<Address> = {};
    for (const field of ADDRESS_FIELDS) {
      const value = columns.cell(cells, field);
      if (value === '') continue;
      const parsed = field === 'uf' ? parseUf(value) : parseText(value, FIELDS[field].maxLength);
      if (parsed.ok) given[field] = parsed.value;
      else {
        const message = field === 'uf' ? parsed.message : `${FIELDS[field].label}: ${parsed.message.charAt(0).toLowerCase()}${parsed.message.slice(1)}`;
        issues.push({ column: columns.columnOf(field), code: parsed.code, message });
      }
    }
    if (!cep?.ok || issues.length > 0) return rejected(issues);

    const digits = cep.value;
    const before = this.find.get(digits) ?? null;
    const after: Address = { street: '', district: '', city: '', uf: '', ...(before ?? {}), ...given };
    if (!before) {
      // Street and district may stay empty (a small town has one CEP); city and UF may not.
      if (!after.city) issues.push({ column: columns.columnOf('city'), code: 'VALUE_REQUIRED', message: 'Município é obrigatório para cadastrar um CEP novo.' });
      if (!after.uf) issues.push({ column: columns.columnOf('uf'), code: 'VALUE_REQUIRED', message: 'UF é obrigatória para cadastrar um CEP novo.' });
    }
    const rangeUf = ufOfCep(digits);
    if (after.uf && rangeUf !== null && rangeUf !== after.uf) {
      issues.push({
        column: columns.columnOf('cep'),
        code: 'CEP_UF_MISMATCH',
        message: `O CEP ${formatCep(digits)} é da faixa de ${rangeUf}, não de ${after.uf}. Confira o CEP e a UF.`,
      });
    }
    const elsewhere = after.city && after.uf ? cityNotInUf(after.city, after.uf as Uf) : null;
    if (elsewhere !== null) issues.push({ column: columns.columnOf('city'), code: 'CITY_UNKNOWN', message: elsewhere });
    const key = Number(digits);
    const changed = ADDRESS_FIELDS.filter((field) => (before?.[field] ?? null) !== after[field]);
    for (const field of changed) {
      if (field in given && this.claims.has(key, field)) issues.push(duplicateIssue(columns, field, this.claims.rowOf(key, field), 'Este CEP', undefined, this.context.allOrNothing));
    }
    if (issues.length > 0) return rejected(issues);

    this.claims.add(key, Object.keys(given), raw.row);
    // The same data again after Implanta rejected it is sent again; otherwise nothing changed.
    const resent = before && changed.length === 0 ? rejectedDataStillHeld(this.context.db, digits, after) : null;
    if (before && changed.length === 0 && !resent) return { status: 'unchanged', issues: [], changes: 0, dipConsequence: 'none' };

    const { now, operator, uuid, importId } = this.context;
    this.upsert.run({ cep: digits, ...after, uf: after.uf as Uf, operator, now });
    const change = uuid();
    this.queue.run(change, digits, resent ? resent.oldValue : before ? JSON.stringify(before) : null, JSON.stringify(after), reason, operator, now, importId);
    resolveCepRejectionsBy(this.context.db, digits, now, change);
    if (before) this.updated++;
    else this.inserted++;
    const warnings: RowIssue[] = resent ? [{ column: columns.columnOf('cep'), code: 'VALUE_REFUSED_BEFORE', message: resent.warning }] : [];
    return { status: 'accepted', issues: warnings, changes: 1, dipConsequence: 'none' };
  }

  flush(): void {
    // Every row is written as it is processed.
  }

  totals(): ProcessorTotals {
    return { corrections: this.inserted + this.updated, inserted: this.inserted, updated: this.updated, flagged: 0, kept: 0, conflicts: 0 };
  }
}
