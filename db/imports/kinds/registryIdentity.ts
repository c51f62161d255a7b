// A registry row whose registration number the main system gave to another person
// (shared/rules/registryIdentity.ts) is refused before anything of the record is touched: merged, the
// record would mix two people, with the first one's history, corrections and atendimentos. The
// record is known by the desk's values, the main system's at the last load and the values its
// corrections went from and to, so a desk correction the main system has not caught up with is no
// other person. Most rows repeat the record's CPF: they cost one comparison.
import type { Database, Statement } from 'better-sqlite3';
import type { Professional } from '../../../shared/domain';
import { formatDateBr } from '../../../shared/rules/dates';
import { maskCpf } from '../../../shared/rules/cpf';
import { anotherPerson, IDENTITY_FIELDS, type IdentityField, type KnownIdentity, type RowIdentity } from '../../../shared/rules/registryIdentity';
import type { RowIssue } from '../columns';
import { deskText } from './rowMerge';

const SHOWN_MAX = 60;

function shown(name: string | null | undefined): string {
  const text = (name ?? '').trim();
  return text.length > SHOWN_MAX ? `“${text.slice(0, SHOWN_MAX)}…”` : `“${text}”`;
}

function loadedIdentity(text: string | null): Partial<Record<IdentityField, string | null>> {
  if (text === null) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<IdentityField, string | null>) : {};
  } catch {
    return {};
  }
}

/** "CPF ***.982.247-**, nome “Joana Lima”, nascida em 03/04/1990" — the fields that differ, CPF masked. */
function identityWords(fields: readonly IdentityField[], identity: RowIdentity): string {
  const words: string[] = [];
  for (const field of fields) {
    const value = identity[field] ?? null;
    if (field === 'cpf') words.push(`CPF ${value === null ? '(vazio)' : maskCpf(value)}`);
    else if (field === 'name') words.push(`nome ${shown(value)}`);
    else words.push(`nascimento em ${value === null ? '(vazio)' : formatDateBr(value)}`);
  }
  return words.join(', ');
}

export class IdentityCheck {
  private readonly corrected: Statement<[number], { field: string; old_value: string | null; new_value: string | null }>;

  constructor(db: Database) {
    this.corrected = db.prepare("SELECT field, old_value, new_value FROM corrections WHERE professional_id = ? AND field IN ('cpf', 'name', 'birthDate')");
  }

  /** The refusal of a row that is another person than the record with its registration number, or null. */
  refusal(row: number, column: RowIssue['column'], existing: Professional, loadedText: string | null, values: ReadonlyMap<string, string | null>): RowIssue | null {
    const file: RowIdentity = { cpf: values.get('cpf'), name: values.get('name'), birthDate: values.get('birthDate') };
    if (file.cpf === undefined || file.cpf === null || file.cpf === existing.cpf) return null;
    const known: Record<IdentityField, (string | null | undefined)[]> = { cpf: [], name: [], birthDate: [] };
    const loaded = loadedIdentity(loadedText);
    for (const field of IDENTITY_FIELDS) known[field].push(deskText(existing, field), loaded[field]);
    if (anotherPerson(known, file) === null) return null;
    for (const c of this.corrected.all(existing.id)) known[c.field as IdentityField]?.push(c.old_value, c.new_value);
    const fields = anotherPerson(known as KnownIdentity, file);
    if (fields === null) return null;
    const desk: RowIdentity = { cpf: existing.cpf, name: existing.name, birthDate: existing.birthDate };
    const registration = existing.registrationNumber;
    return {
      column,
      code: 'REGISTRATION_REUSED',
      message:
        `Linha ${row}, registro ${registration}: o sistema do Regional dá este número a outra pessoa. ` +
        `A linha traz ${identityWords(fields, file)}; o cadastro da mesa com este registro tem ${identityWords(fields, desk)}. ` +
        'A mesa não juntou as duas pessoas e não mudou nada neste cadastro. Confira no sistema do Regional o registro de cada uma.',
    };
  }
}
