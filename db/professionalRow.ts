// A professionals row as SQLite returns it, and the record it stands for.
import type { DipStatus, MaritalStatus, Professional, Uf } from '../shared/domain';
import type { InferSelectModel } from 'drizzle-orm';
import type { professionals } from './schema';
import type { SqlRow } from './sqlRow';

/** A professionals row as SQLite returns it (`SELECT *`: snake_case, 0/1 flag). */
export type ProfessionalRow = SqlRow<typeof professionals>;

/** Columns the desk keeps for itself (search, the main system's last load): never in the contract. */
type InternalColumn = 'nameFolded' | 'loadedValues';
/**
 * A column added to the table without its field in the contract (or the reverse) fails to compile
 * here: the record's shape is declared in db/schema/ and shared/contract/registry.ts only.
 */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : { onlyInOne: [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] };
const contractCoversTable: SameKeys<Omit<InferSelectModel<typeof professionals>, InternalColumn>, Professional> = true;
void contractCoversTable;

export function toProfessional(row: ProfessionalRow): Professional {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    cpf: row.cpf,
    name: row.name,
    socialName: row.social_name,
    motherName: row.mother_name,
    motherNotListed: row.mother_not_listed === 1,
    fatherName: row.father_name,
    birthDate: row.birth_date,
    maritalStatus: row.marital_status as MaritalStatus | null,
    birthCity: row.birth_city,
    birthUf: row.birth_uf as Uf | null,
    nationality: row.nationality,
    rgNumber: row.rg_number,
    rgIssuer: row.rg_issuer,
    rgUf: row.rg_uf as Uf | null,
    email: row.email,
    phone: row.phone,
    cep: row.cep,
    street: row.street,
    number: row.number,
    complement: row.complement,
    district: row.district,
    city: row.city,
    uf: row.uf as Uf | null,
    dipStatus: row.dip_status as DipStatus,
    dipStatusAt: row.dip_status_at,
    rowVersion: row.row_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
