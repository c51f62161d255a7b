// A registry row and the record with its registration number must be the same person. The council's
// main system may give a registration number that was freed (a cancelled registration, a typing
// slip) to someone else; merged field by field, the record would become a mix of two people. A row
// is another person's when its CPF is none the record is known by AND its name or its birth date is
// none the record is known by either. One identity field changed alone is a correction in the main
// system (a CPF typed wrong and fixed, a name changed after marriage) and loads as usual.

import { foldForSearch } from '../text';

export const IDENTITY_FIELDS = ['cpf', 'name', 'birthDate'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/**
 * Every value the record is known by, per field: the desk's, the main system's at the last load,
 * the values corrections of the field went from and to. Nulls are ignored.
 */
export type KnownIdentity = Record<IdentityField, readonly (string | null | undefined)[]>;

/** What the row says; a field it leaves empty (undefined or null) says nothing. */
export type RowIdentity = Partial<Record<IdentityField, string | null>>;

function same(field: IdentityField, a: string, b: string): boolean {
  return field === 'name' ? foldForSearch(a) === foldForSearch(b) : a === b;
}

/**
 * Whether the row's field contradicts the record: both have a value and the row's is none of the
 * record's (names compared without case, accents or extra spaces).
 */
export function identityDiffers(field: IdentityField, known: KnownIdentity, row: RowIdentity): boolean {
  const value = row[field];
  if (value === undefined || value === null || value.trim() === '') return false;
  const values = known[field].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return values.length > 0 && !values.some((v) => same(field, v, value));
}

/**
 * The identity fields on which the row is another person than the record — the CPF first, then the
 * name and/or the birth date — or null when it may be the same person.
 */
export function anotherPerson(known: KnownIdentity, row: RowIdentity): IdentityField[] | null {
  if (!identityDiffers('cpf', known, row)) return null;
  const others = (['name', 'birthDate'] as const).filter((field) => identityDiffers(field, known, row));
  return others.length > 0 ? ['cpf', ...others] : null;
}
