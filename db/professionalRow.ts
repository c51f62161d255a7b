// A professionals row as SQLite returns it, and the record it stands for.
import type { DipStatus, MaritalStatus, Professional, Uf } from '../shared/domain';

/** A professionals row as SQLite returns it (snake_case, 0/1 flag). */
export interface ProfessionalRow {
  id: number;
  registration_number: string;
  cpf: string;
  name: string;
  social_name: string | null;
  mother_name: string | null;
  mother_not_listed: number;
  father_name: string | null;
  birth_date: string | null;
  marital_status: string | null;
  birth_city: string | null;
  birth_uf: string | null;
  nationality: string | null;
  rg_number: string | null;
  rg_issuer: string | null;
  rg_uf: string | null;
  email: string | null;
  phone: string | null;
  cep: string | null;
  street: string | null;
  number: string | null;
  complement: string | null;
  district: string | null;
  city: string | null;
  uf: string | null;
  dip_status: string;
  dip_status_at: string | null;
  row_version: number;
  created_at: string;
  updated_at: string;
}

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
