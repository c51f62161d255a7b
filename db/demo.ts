// Synthetic professionals for training, demos and benchmarks: realistic Brazilian people living in
// the desk's UF (real municípios, each with its CEP range and area code; CPFs of the UF's tax
// region), reproducible from a seed. About one record in twenty carries one defect of the kind the
// notice describes (./demoDefects.ts), so a demo desk rehearses every case of the Pendências list.
import type { Database } from 'better-sqlite3';
import addressData from '../resources/demo-cities.json';
import contactData from '../resources/demo-contacts.json';
import documentData from '../resources/demo-documents.json';
import nameData from '../resources/demo-names.json';
import { UFS, type DipStatus, type MaritalStatus, type Uf } from '../shared/domain';
import { AppError } from '../shared/errors';
import { regionUf } from '../shared/regions';
import { cpfCheckDigits } from '../shared/rules/cpf';
import { foldForSearch } from '../shared/text';
import {
  cityNotIn, DEFECT_KINDS, DEFECT_SHARE, implausibleBirthDate, invalidEmail, invalidPhone, motherPlaceholder, suspectName, typoDomain,
  type DefectKind,
} from './demoDefects';
import { mulberry32, Weighted } from './demoRandom';
import { writeTransaction } from './storeLock';
import { indexNamesAfter, lastRowId, queueInsertedForSealing, withTriggersDeferred } from './bulkTriggers';

export { mulberry32 } from './demoRandom';

export interface DemoOptions {
  count: number;
  region: number;
  /** Same seed and same starting store → same rows. */
  seed?: number;
  /** Time stamp of the rows (created_at / updated_at). */
  now?: Date;
}

const COLUMNS = [
  'registration_number', 'cpf', 'name', 'name_folded', 'social_name', 'mother_name', 'mother_not_listed',
  'father_name', 'birth_date', 'marital_status', 'birth_city', 'birth_uf', 'nationality', 'rg_number', 'rg_issuer',
  'rg_uf', 'email', 'phone', 'cep', 'street', 'number', 'complement', 'district', 'city', 'uf', 'dip_status',
  'row_version', 'created_at', 'updated_at',
] as const;

const INSERT_SQL = `INSERT INTO professionals (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

// Shares of the registry; social work is about nine women in ten.
const FEMALE_SHARE = 0.9;
const FATHER_LISTED_SHARE = 0.85;
const MOTHER_NOT_LISTED_SHARE = 0.03; // "Não consta mãe": the registry's right way to say it
const SOCIAL_NAME_SHARE = 0.004;
const BORN_IN_UF_SHARE = 0.8;
const PARTICLE_SHARE = 0.3;

/** A first name or a surname, ready to join: shown form, search form and the word for e-mails. */
interface NamePart {
  display: string;
  folded: string;
  /** Name words, particles not counted ("Maria de Fátima" is two). */
  words: number;
  mailWord: string;
  /** The same surname with its particle ("da Silva"), when it has one. */
  withParticle: NamePart | null;
}

const PARTICLES = new Set(['da', 'de', 'do', 'das', 'dos', 'e']);

function namePart(display: string, particle = ''): NamePart {
  const folded = foldForSearch(display);
  const words = folded.split(' ').filter((word) => !PARTICLES.has(word)).length;
  const part: NamePart = { display, folded, words, mailWord: folded.split(' ')[0]!, withParticle: null };
  if (particle) part.withParticle = { ...part, display: `${particle} ${display}`, folded: `${particle} ${folded}` };
  return part;
}

interface City {
  name: string;
  ddd: string;
  uf: Uf;
  /** CEP prefixes (first five digits) of the city, each range weighted by its size. */
  ceps: Weighted<readonly [number, number]>;
}

const FEMALE = new Weighted((nameData.female as [string, number][]).map(([n, w]) => [namePart(n), w] as const));
const MALE = new Weighted((nameData.male as [string, number][]).map(([n, w]) => [namePart(n), w] as const));
const SURNAMES = new Weighted((nameData.surnames as [string, string, number][]).map(([n, p, w]) => [namePart(n, p), w] as const));

const CITIES = addressData.cities as Record<Uf, { name: string; ddd: string; weight: number; cep: [string, string][] }[]>;
const CITIES_BY_UF = new Map<Uf, Weighted<City>>(
  UFS.map((uf) => [uf, new Weighted(CITIES[uf].map((c) => [{ name: c.name, ddd: c.ddd, uf, ceps: cepPrefixes(c.cep) }, c.weight] as const))]),
);
// Someone born elsewhere most likely comes from a populous UF.
const BIRTH_UFS = new Weighted(UFS.map((uf) => [uf, CITIES[uf].reduce((sum, c) => sum + c.weight, 0)] as const));
const STREETS = new Weighted((addressData.streets as [string, string, number][]).map(([kind, n, w]) => [`${kind} ${n}`, w] as const));
const DISTRICTS = new Weighted(addressData.districts as [string, number][]);

const MAIL_DOMAINS = new Weighted(contactData.mailDomains as [string, number][]);
const FISCAL_REGION_OF_UF = new Map<Uf, string>(
  Object.entries(documentData.cpfFiscalRegions as Record<string, Uf[]>).flatMap(([digit, ufs]) => ufs.map((uf) => [uf, digit] as const)),
);
const MARITAL = new Weighted<MaritalStatus>([
  ['single', 38], ['married', 36], ['divorced', 10], ['separated', 3], ['widowed', 4], ['stable_union', 9],
]);
const DIP = new Weighted<DipStatus>([['none', 40], ['requested', 20], ['confirmed', 15], ['in_manufacture', 15], ['issued', 10]]);

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const BLOCKS = ['A', 'B', 'C', 'D', 'E', 'F'];
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** CEP prefixes of a city, each range weighted by its size. */
function cepPrefixes(ranges: readonly (readonly [string, string])[]): Weighted<readonly [number, number]> {
  return new Weighted(ranges.map(([from, to]) => [[Number(from), Number(to)] as const, Number(to) - Number(from) + 1] as const));
}

/** The row's values, in COLUMNS order. */
const COL = Object.fromEntries(COLUMNS.map((name, index) => [name, index])) as Record<(typeof COLUMNS)[number], number>;

/** One row's values in COLUMNS order; the array is reused from row to row. */
class RowMaker {
  private readonly row: (string | number | null)[] = new Array(COLUMNS.length).fill(null);
  private readonly cities: Weighted<City>;
  private readonly fiscalRegion: string;
  private readonly nowYear: number;
  /** The last clean e-mail made: a defect may give it to a second professional (a couple's shared address). */
  private lastEmail: string | null = null;

  constructor(
    private readonly random: () => number,
    private readonly uf: Uf,
    private readonly cpfs: Set<string>,
    private readonly emails: Set<string>,
    private readonly now: Date,
    private readonly stamp: string,
  ) {
    this.cities = CITIES_BY_UF.get(uf)!;
    this.fiscalRegion = FISCAL_REGION_OF_UF.get(uf)!;
    this.nowYear = now.getUTCFullYear();
  }

  make(registrationNumber: string): (string | number | null)[] {
    const r = this.random;
    const row = this.row;
    const defect: DefectKind | null = r() < DEFECT_SHARE ? DEFECT_KINDS.pick(r()) : null;
    const female = r() < FEMALE_SHARE;
    const first = (female ? FEMALE : MALE).pick(r());

    // Brazilian order: the mother's family name, then the father's.
    const motherFamily = this.surnames(r() < 0.6 ? 2 : 1);
    const fatherFamily = r() < FATHER_LISTED_SHARE ? this.surnames(r() < 0.5 ? 2 : 1) : null;
    const family = fatherFamily ? this.childFamily(motherFamily, fatherFamily) : motherFamily;
    const name = this.join(first, family);

    const motherNotListed = defect === null && r() < MOTHER_NOT_LISTED_SHARE;
    const motherName = motherNotListed ? null : this.join(FEMALE.pick(r()), motherFamily).display;

    // 22 to 78 years old today, most in their forties.
    const birthYear = this.nowYear - 22 - Math.floor(((r() + r()) / 2) * 57);
    const home = this.cities.pick(r());
    const birthplace = r() < BORN_IN_UF_SHARE ? this.cities.pick(r()) : CITIES_BY_UF.get(BIRTH_UFS.pick(r()))!.pick(r());

    row[COL.registration_number] = registrationNumber;
    row[COL.cpf] = this.cpf(defect === 'CPF_INVALID');
    row[COL.name] = name.display;
    row[COL.name_folded] = name.folded;
    row[COL.social_name] = r() < SOCIAL_NAME_SHARE ? this.join((female ? MALE : FEMALE).pick(r()), family).display : null;
    row[COL.mother_name] = motherName;
    row[COL.mother_not_listed] = motherNotListed ? 1 : 0;
    row[COL.father_name] = fatherFamily ? this.join(MALE.pick(r()), fatherFamily).display : null;
    row[COL.birth_date] = this.birthDate(birthYear);
    row[COL.marital_status] = MARITAL.pick(r());
    row[COL.birth_city] = birthplace.name;
    row[COL.birth_uf] = birthplace.uf;
    row[COL.nationality] = 'Brasileira';
    row[COL.rg_number] = String(1_000_000 + Math.floor(r() * 98_999_999));
    row[COL.rg_issuer] = 'SSP';
    row[COL.rg_uf] = r() < 0.75 ? this.uf : birthplace.uf;
    row[COL.email] = this.email(first, family, birthYear, defect);
    row[COL.phone] = this.phone(home.ddd);
    row[COL.cep] = this.cep(home);
    row[COL.street] = STREETS.pick(r());
    row[COL.number] = r() < 0.03 ? 'S/N' : String(1 + Math.floor(r() * r() * 3000));
    row[COL.complement] = r() < 0.3 ? this.complement() : null;
    row[COL.district] = DISTRICTS.pick(r());
    row[COL.city] = home.name;
    row[COL.uf] = this.uf;
    row[COL.dip_status] = DIP.pick(r());
    row[COL.row_version] = 1;
    row[COL.created_at] = this.stamp;
    row[COL.updated_at] = this.stamp;
    if (defect !== null) this.spoil(defect, row, first, family, home);
    return row;
  }

  /** Writes the defect into the row (the CPF and e-mail defects are made with their values). */
  private spoil(defect: DefectKind, row: (string | number | null)[], first: NamePart, family: NamePart[], home: City): void {
    const r = this.random;
    switch (defect) {
      case 'CEP_INVALID':
        row[COL.cep] = `00${String(Math.floor(r() * 1_000_000)).padStart(6, '0')}`;
        break;
      case 'CEP_UF_MISMATCH':
        row[COL.cep] = this.cep(this.cityOfAnotherUf(this.uf));
        break;
      case 'CITY_UNKNOWN':
        row[COL.city] = cityNotIn(this.uf, r, () => this.cityOfAnotherUf(this.uf).name);
        break;
      case 'BIRTHPLACE_UNKNOWN': {
        const birthUf = row[COL.birth_uf] as Uf;
        row[COL.birth_city] = cityNotIn(birthUf, r, () => this.cityOfAnotherUf(birthUf).name);
        break;
      }
      case 'MOTHER_MISSING':
        row[COL.mother_name] = null;
        break;
      case 'MOTHER_PLACEHOLDER':
        row[COL.mother_name] = motherPlaceholder(r);
        break;
      case 'NAME_SUSPECT': {
        const name = suspectName(first.display, family.map((part) => part.display).join(' '), r);
        row[COL.name] = name;
        row[COL.name_folded] = foldForSearch(name);
        break;
      }
      case 'BIRTH_DATE_IMPLAUSIBLE':
        row[COL.birth_date] = implausibleBirthDate(row[COL.birth_date] as string, this.nowYear, r);
        break;
      case 'PHONE_INVALID':
        row[COL.phone] = invalidPhone(home.ddd, r);
        break;
      default:
        break;
    }
  }

  private cityOfAnotherUf(uf: Uf): City {
    for (;;) {
      const other = BIRTH_UFS.pick(this.random());
      if (other !== uf) return CITIES_BY_UF.get(other)!.pick(this.random());
    }
  }

  private surnames(count: number): NamePart[] {
    const first = SURNAMES.pick(this.random());
    if (count === 1) return [first];
    let second = SURNAMES.pick(this.random());
    if (second === first) second = SURNAMES.pick(this.random());
    return second === first ? [first] : [first, second];
  }

  /** The child's surnames: the mother's last and the father's last, sometimes only the mother's, sometimes both of hers. */
  private childFamily(mother: NamePart[], father: NamePart[]): NamePart[] {
    const fatherLast = father[father.length - 1]!;
    const roll = this.random();
    if (roll < 0.12) return mother.slice(-1);
    const fromMother = roll < 0.35 ? mother : mother.slice(-1);
    return fromMother.includes(fatherLast) ? fromMother : [...fromMother, fatherLast];
  }

  /** First name and surnames, at most four name words, each surname sometimes with its particle. */
  private join(first: NamePart, family: NamePart[]): { display: string; folded: string } {
    let display = first.display;
    let folded = first.folded;
    const start = Math.max(0, family.length - (4 - first.words));
    for (let i = start; i < family.length; i++) {
      const plain = family[i]!;
      const part = plain.withParticle && this.random() < PARTICLE_SHARE ? plain.withParticle : plain;
      display += ` ${part.display}`;
      folded += ` ${part.folded}`;
    }
    return { display, folded };
  }

  /** Eight random digits, the tax region of the desk's UF, the check digits (wrong ones for a CPF_INVALID defect). */
  private cpf(wrongCheckDigits: boolean): string {
    for (;;) {
      const nine = String(Math.floor(this.random() * 1e8)).padStart(8, '0') + this.fiscalRegion;
      if (/^(\d)\1{8}$/.test(nine)) continue;
      const check = cpfCheckDigits(nine);
      const cpf = nine + (wrongCheckDigits ? check[0] + String((Number(check[1]) + 1 + Math.floor(this.random() * 9)) % 10) : check);
      if (this.cpfs.has(cpf)) continue;
      this.cpfs.add(cpf);
      return cpf;
    }
  }

  private birthDate(year: number): string {
    const month = 1 + Math.floor(this.random() * 12);
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month]!;
    return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[1 + Math.floor(this.random() * days)]}`;
  }

  /** An address made from the name, unique on the desk unless the defect is about the e-mail. */
  private email(first: NamePart, family: NamePart[], birthYear: number, defect: DefectKind | null): string | null {
    const r = this.random;
    if (defect === 'EMAIL_MISSING') return null;
    if (defect === 'EMAIL_SHARED' && this.lastEmail !== null) return this.lastEmail;
    const given = first.mailWord;
    const surname = family[family.length - 1]!.mailWord;
    const style = r();
    let local =
      style < 0.35 ? `${given}.${surname}`
      : style < 0.55 ? `${given}${surname}`
      : style < 0.75 ? `${given}.${surname}${TWO_DIGITS[birthYear % 100]}`
      : style < 0.85 ? `${given}_${surname}`
      : `${given}${surname}${1 + Math.floor(r() * 999)}`;
    const domain = MAIL_DOMAINS.pick(r());
    if (defect === 'EMAIL_TYPO') return `${local}@${typoDomain(r)}`;
    if (defect === 'EMAIL_INVALID') return invalidEmail(local, domain, r);
    while (this.emails.has(`${local}@${domain}`)) local = `${given}.${surname}${1 + Math.floor(r() * 9999)}`;
    const email = `${local}@${domain}`;
    this.emails.add(email);
    this.lastEmail = email;
    return email;
  }

  /** Mobile (9 + 8 digits) mostly, sometimes a landline (2–5 + 7 digits). */
  private phone(ddd: string): string {
    const r = this.random;
    return r() < 0.85
      ? `${ddd}9${10_000_000 + Math.floor(r() * 90_000_000)}`
      : `${ddd}${2 + Math.floor(r() * 4)}${1_000_000 + Math.floor(r() * 9_000_000)}`;
  }

  /** A CEP inside one of the city's ranges. */
  private cep(city: City): string {
    const [from, to] = city.ceps.pick(this.random());
    const prefix = from + Math.floor(this.random() * (to - from + 1));
    return String(prefix).padStart(5, '0') + String(Math.floor(this.random() * 900)).padStart(3, '0');
  }

  private complement(): string {
    const r = this.random;
    const kind = r();
    const apartment = () => String((1 + Math.floor(r() * 20)) * 100 + 1 + Math.floor(r() * 4));
    if (kind < 0.45) return `Apto ${apartment()}`;
    if (kind < 0.7) return `Casa ${1 + Math.floor(r() * 6)}`;
    if (kind < 0.85) return `Bloco ${BLOCKS[Math.floor(r() * BLOCKS.length)]} Apto ${apartment()}`;
    if (kind < 0.95) return 'Fundos';
    return `Sala ${1 + Math.floor(r() * 30)}`;
  }
}

/**
 * Insert `count` synthetic professionals of the region's UF. Safe to call again on the same store:
 * registration numbers continue after the highest one and CPFs already present are skipped.
 */
export function generateDemoProfessionals(db: Database, options: DemoOptions): { inserted: number } {
  const uf = regionUf(options.region);
  if (!uf) throw new AppError('REGION_INVALID', `Região inválida: ${options.region}. Use um número de 1 a 27.`);
  if (!Number.isInteger(options.count) || options.count < 0) {
    throw new AppError('INPUT_INVALID', 'Quantidade inválida: informe um número inteiro de profissionais.');
  }

  const insert = db.prepare(INSERT_SQL);
  writeTransaction(db, () => {
    const { existing, highest } = db
      .prepare('SELECT COUNT(*) AS existing, MAX(CAST(registration_number AS INTEGER)) AS highest FROM professionals')
      .get() as { existing: number; highest: number | null };
    const cpfs = new Set(db.prepare('SELECT cpf FROM professionals').pluck().all() as string[]);
    const emails = new Set(db.prepare('SELECT email FROM professionals WHERE email IS NOT NULL').pluck().all() as string[]);
    const now = options.now ?? new Date();
    const maker = new RowMaker(mulberry32(options.seed ?? 1), uf, cpfs, emails, now, now.toISOString());
    let next = Math.max(1000 + existing, (highest ?? 0) + 1);
    const before = lastRowId(db, 'professionals');
    withTriggersDeferred(db, ['professionals_fts_after_insert', 'professionals_unsealed_insert'], () => {
      for (let i = 0; i < options.count; i++) insert.run(maker.make(String(next++)));
      indexNamesAfter(db, before);
      queueInsertedForSealing(db, 'professionals', before);
    });
  });
  return { inserted: options.count };
}
