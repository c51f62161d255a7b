// An address corrected in one save (CEP, street, district…) travels to Implanta as one item per
// field, and Implanta answers each on its own. When it applies some of them and rejects others, the
// record ends with part of the new address and part of the old one. The items of one save are the
// corrections of one record made at the same instant by the same operator from the same source (and
// import): the desk writes them together in one transaction, with one timestamp.
import type { Database } from 'better-sqlite3';
import type { MixedAddress } from '../../shared/contract/batches';
import { FIELDS, fieldLabel, type FieldName } from '../../shared/fields';
import { statement } from '../statements';

const ADDRESS_FIELDS = (Object.keys(FIELDS) as FieldName[]).filter((f) => FIELDS[f].group === 'address');
const FEMININE = new Set<string>(['uf']);

interface Mate {
  uuid: string;
  field: string;
  status: string;
  registrationNumber: string;
  name: string;
}

/** The address items saved together with this correction (itself included), in the order they were saved. */
function saveMates(db: Database, uuid: string): Mate[] {
  return statement<Mate>(
    db,
    `SELECT m.uuid, m.field, m.status, p.registration_number AS registrationNumber, p.name
       FROM corrections c
       JOIN corrections m ON m.professional_id = c.professional_id AND m.created_at = c.created_at AND m.operator = c.operator
                         AND m.source = c.source AND m.import_id IS c.import_id
       JOIN professionals p ON p.id = m.professional_id
      WHERE c.uuid = ? AND m.field IN (${ADDRESS_FIELDS.map(() => '?').join(', ')})
      ORDER BY m.id`,
  ).all(uuid, ...ADDRESS_FIELDS);
}

/** "o CEP e o bairro", "a UF": the fields as a sentence names them. */
function named(fields: readonly string[]): string {
  const words = fields.map((f) => {
    const label = fieldLabel(f);
    return `${FEMININE.has(f) ? 'a' : 'o'} ${label === label.toUpperCase() ? label : label.toLowerCase()}`;
  });
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} e ${words.at(-1)}`;
}

/** An item the answer moves from sent, with its new status. */
export interface Answered {
  uuid: string;
  field: string | null;
  status: 'synced' | 'rejected';
}

/**
 * The addresses this answer leaves mixed: a save whose address items are, with this answer, some
 * applied and some rejected, one of them answered here. Each is listed once, and noted on the
 * history entry of its rejections answered here (else of its items applied here).
 */
export function mixedAddresses(db: Database, answered: readonly Answered[]): { list: MixedAddress[]; notes: Map<string, string> } {
  const now = new Map(answered.map((a) => [a.uuid, a.status]));
  const bySave = new Map<string, MixedAddress>();
  const list: MixedAddress[] = [];
  for (const item of answered) {
    if (bySave.has(item.uuid) || item.field === null || !ADDRESS_FIELDS.includes(item.field as FieldName)) continue;
    const mates = saveMates(db, item.uuid).map((m) => ({ ...m, status: now.get(m.uuid) ?? m.status }));
    const applied = mates.filter((m) => m.status === 'synced').map((m) => m.field);
    const rejected = mates.filter((m) => m.status === 'rejected').map((m) => m.field);
    if (applied.length === 0 || rejected.length === 0) continue;
    const first = mates[0] as Mate;
    const mixed: MixedAddress = {
      registrationNumber: first.registrationNumber,
      name: first.name,
      applied: applied.map(fieldLabel),
      rejected: rejected.map(fieldLabel),
      message: `Endereço misturado: a Implanta aplicou ${named(applied)} e recusou ${named(rejected)} — confira o endereço.`,
    };
    list.push(mixed);
    for (const m of mates) bySave.set(m.uuid, mixed);
  }
  const notes = new Map<string, string>();
  const rejectedHere = new Set(answered.filter((a) => a.status === 'rejected' && bySave.has(a.uuid)).map((a) => bySave.get(a.uuid)));
  for (const a of answered) {
    const mixed = bySave.get(a.uuid);
    if (mixed && (a.status === 'rejected' || !rejectedHere.has(mixed))) notes.set(a.uuid, mixed.message);
  }
  return { list, notes };
}
