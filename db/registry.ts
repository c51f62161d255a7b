// Reading professionals: exact lookups, the record view, and the demo registry.
import type { Database } from 'better-sqlite3';
import type { ParsedInput } from '../shared/contract';
import type { DipStatus, MaritalStatus, Professional, Uf } from '../shared/domain';
import { AppError } from '../shared/errors';
import { digitsOnly } from '../shared/text';
import { appendAudit } from './audit';
import { generateDemoProfessionals } from './demo';
import { requireSettings } from './settings';
import { statement } from './statements';

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

export function getProfessional(db: Database, id: number): Professional | null {
  const row = statement<ProfessionalRow>(db, 'SELECT * FROM professionals WHERE id = ?').get(id);
  return row ? toProfessional(row) : null;
}

export function requireProfessional(db: Database, id: number): Professional {
  const professional = getProfessional(db, id);
  if (!professional) throw new AppError('PROFESSIONAL_NOT_FOUND', 'Cadastro não encontrado: ele pode ter sido removido. Faça a busca novamente.');
  return professional;
}

/**
 * The CPF a typed key stands for: digits and punctuation only, 11 digits, or 9–10 when a
 * spreadsheet dropped the leading zeros. Not validated: the registry may hold a wrong CPF
 * (seed case B) and the clerk must still find the record to correct it.
 */
export function cpfKeyOf(text: string): string | null {
  if (!/^[\d.\-\s/]+$/.test(text)) return null;
  const digits = digitsOnly(text);
  return digits.length >= 9 && digits.length <= 11 ? digits.padStart(11, '0') : null;
}

/** Exact lookup by CPF or registration number. */
export function findProfessional(db: Database, key: string): Professional | null {
  const text = key.trim();
  const cpf = cpfKeyOf(text);
  const byCpf = cpf ? statement<ProfessionalRow>(db, 'SELECT * FROM professionals WHERE cpf = ?').get(cpf) : undefined;
  const row = byCpf ?? statement<ProfessionalRow>(db, 'SELECT * FROM professionals WHERE registration_number = ?').get(text);
  return row ? toProfessional(row) : null;
}


export function countProfessionals(db: Database): number {
  return statement<{ n: number }>(db, 'SELECT count(*) AS n FROM professionals').get()?.n ?? 0;
}

/** Synthetic professionals of the desk's region, with one audit entry (the caller owns the transaction). */
export function insertDemoProfessionals(db: Database, input: { count: number; seed: number; region: number; operator: string }, now: Date): number {
  const { inserted } = generateDemoProfessionals(db, { count: input.count, region: input.region, seed: input.seed, now });
  appendAudit(db, {
    at: now.toISOString(),
    operator: input.operator,
    action: 'registry.demo',
    entity: 'registry',
    entityId: null,
    detail: { count: inserted, seed: input.seed },
  });
  return inserted;
}

export function fillDemo(db: Database, input: ParsedInput<'registry:demo'>, now: Date): { inserted: number; total: number } {
  return db.transaction(() => {
    const settings = requireSettings(db);
    const inserted = insertDemoProfessionals(db, { count: input.count, seed: input.seed, region: settings.region, operator: settings.operator }, now);
    return { inserted, total: countProfessionals(db) };
  })();
}
