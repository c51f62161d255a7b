// Synthetic professionals for training, demos and benchmarks: realistic Brazilian people living in
// the desk's UF, every value valid under the shared rules, reproducible from a seed.
import type { Database } from 'better-sqlite3';
import addressData from '../resources/demo-cities.json';
import nameData from '../resources/demo-names.json';
import { UFS, type DipStatus, type MaritalStatus, type Uf } from '../shared/domain';
import { AppError } from '../shared/errors';
import { regionUf } from '../shared/regions';
import { cepRangesOf } from '../shared/rules/cep';
import { cpfCheckDigits } from '../shared/rules/cpf';
import { foldForSearch } from '../shared/text';
import { writeTransaction } from './storeLock';

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
const MOTHER_NOT_LISTED_SHARE = 0.04;
const MOTHER_MISSING_SHARE = 0.02; // seed case F: neither the name nor the flag
const NO_EMAIL_SHARE = 0.08;
const SOCIAL_NAME_SHARE = 0.004;
const BORN_IN_UF_SHARE = 0.8;
const PARTICLE_SHARE = 0.3;

/** mulberry32: tiny, fast and good enough for synthetic data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks items in proportion to their weights with one random number. */
class Weighted<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    for (let i = 0; i < entries.length; i++) {
      sum += entries[i]![1];
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  pick(random: number): T {
    const target = random * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return this.items[low]!;
  }
}

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
}

const FEMALE = new Weighted((nameData.female as [string, number][]).map(([n, w]) => [namePart(n), w] as const));
const MALE = new Weighted((nameData.male as [string, number][]).map(([n, w]) => [namePart(n), w] as const));
const SURNAMES = new Weighted((nameData.surnames as [string, string, number][]).map(([n, p, w]) => [namePart(n, p), w] as const));

const CITIES = addressData.cities as Record<Uf, { name: string; ddd: string; weight: number }[]>;
const CITIES_BY_UF = new Map<Uf, Weighted<City>>(
  UFS.map((uf) => [uf, new Weighted(CITIES[uf].map((c) => [{ name: c.name, ddd: c.ddd, uf }, c.weight] as const))]),
);
// Someone born elsewhere most likely comes from a populous UF.
const BIRTH_UFS = new Weighted(UFS.map((uf) => [uf, CITIES[uf].reduce((sum, c) => sum + c.weight, 0)] as const));
const STREETS = new Weighted((addressData.streets as [string, string, number][]).map(([kind, n, w]) => [`${kind} ${n}`, w] as const));
const DISTRICTS = new Weighted(addressData.districts as [string, number][]);

const MAIL_DOMAINS = new Weighted<string>([
  ['gmail.com', 55], ['hotmail.com', 18], ['outlook.com', 10], ['yahoo.com.br', 9], ['uol.com.br', 8],
]);
const MARITAL = new Weighted<MaritalStatus>([
  ['single', 38], ['married', 36], ['divorced', 10], ['separated', 3], ['widowed', 4], ['stable_union', 9],
]);
const DIP = new Weighted<DipStatus>([['none', 40], ['requested', 20], ['confirmed', 15], ['in_manufacture', 15], ['issued', 10]]);

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const BLOCKS = ['A', 'B', 'C', 'D', 'E', 'F'];
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** CEP prefixes of a UF, each range weighted by its size. */
function cepPrefixes(uf: Uf): Weighted<readonly [number, number]> {
  return new Weighted(cepRangesOf(uf).map(([from, to]) => [[Number(from), Number(to)] as const, Number(to) - Number(from) + 1] as const));
}

/** One row's values in COLUMNS order; the array is reused from row to row. */
class RowMaker {
  private readonly row: (string | number | null)[] = new Array(COLUMNS.length).fill(null);
  private readonly cities: Weighted<City>;
  private readonly cepRanges: Weighted<readonly [number, number]>;

  constructor(
    private readonly random: () => number,
    private readonly uf: Uf,
    private readonly cpfs: Set<string>,
    private readonly stamp: string,
  ) {
    this.cities = CITIES_BY_UF.get(uf)!;
    this.cepRanges = cepPrefixes(uf);
  }

  make(registrationNumber: string): (string | number | null)[] {
    const r = this.random;
    const row = this.row;
    const female = r() < FEMALE_SHARE;
    const first = (female ? FEMALE : MALE).pick(r());

    // Brazilian order: the mother's family name, then the father's.
    const motherFamily = this.surnames(r() < 0.6 ? 2 : 1);
    const fatherFamily = r() < FATHER_LISTED_SHARE ? this.surnames(r() < 0.5 ? 2 : 1) : null;
    const family = fatherFamily ? this.childFamily(motherFamily, fatherFamily) : motherFamily;
    const name = this.join(first, family);

    const motherCase = r();
    const motherNotListed = motherCase < MOTHER_NOT_LISTED_SHARE;
    const motherName = motherCase < MOTHER_NOT_LISTED_SHARE + MOTHER_MISSING_SHARE ? null : this.join(FEMALE.pick(r()), motherFamily).display;

    const birthYear = 1950 + Math.floor(((r() + r()) / 2) * 53);
    const home = this.cities.pick(r());
    const birthplace = r() < BORN_IN_UF_SHARE ? this.cities.pick(r()) : CITIES_BY_UF.get(BIRTH_UFS.pick(r()))!.pick(r());

    row[0] = registrationNumber;
    row[1] = this.cpf();
    row[2] = name.display;
    row[3] = name.folded;
    row[4] = r() < SOCIAL_NAME_SHARE ? this.join((female ? MALE : FEMALE).pick(r()), family).display : null;
    row[5] = motherName;
    row[6] = motherNotListed ? 1 : 0;
    row[7] = fatherFamily ? this.join(MALE.pick(r()), fatherFamily).display : null;
    row[8] = this.birthDate(birthYear);
    row[9] = MARITAL.pick(r());
    row[10] = birthplace.name;
    row[11] = birthplace.uf;
    row[12] = 'Brasileira';
    row[13] = String(1_000_000 + Math.floor(r() * 98_999_999));
    row[14] = 'SSP';
    row[15] = r() < 0.75 ? this.uf : birthplace.uf;
    row[16] = r() < NO_EMAIL_SHARE ? null : this.email(first, family, birthYear);
    row[17] = this.phone(home.ddd);
    row[18] = this.cep();
    row[19] = STREETS.pick(r());
    row[20] = r() < 0.03 ? 'S/N' : String(1 + Math.floor(r() * r() * 3000));
    row[21] = r() < 0.3 ? this.complement() : null;
    row[22] = DISTRICTS.pick(r());
    row[23] = home.name;
    row[24] = this.uf;
    row[25] = DIP.pick(r());
    row[26] = 1;
    row[27] = this.stamp;
    row[28] = this.stamp;
    return row;
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

  private cpf(): string {
    for (;;) {
      const nine = String(Math.floor(this.random() * 1e9)).padStart(9, '0');
      if (/^(\d)\1{8}$/.test(nine)) continue;
      const cpf = nine + cpfCheckDigits(nine);
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

  private email(first: NamePart, family: NamePart[], birthYear: number): string {
    const r = this.random;
    const given = first.mailWord;
    const surname = family[family.length - 1]!.mailWord;
    const style = r();
    const local =
      style < 0.35 ? `${given}.${surname}`
      : style < 0.55 ? `${given}${surname}`
      : style < 0.75 ? `${given}.${surname}${TWO_DIGITS[birthYear % 100]}`
      : style < 0.85 ? `${given}_${surname}`
      : `${given}${surname}${1 + Math.floor(r() * 999)}`;
    return `${local}@${MAIL_DOMAINS.pick(r())}`;
  }

  /** Mobile (9 + 8 digits) mostly, sometimes a landline (2–5 + 7 digits). */
  private phone(ddd: string): string {
    const r = this.random;
    return r() < 0.85
      ? `${ddd}9${10_000_000 + Math.floor(r() * 90_000_000)}`
      : `${ddd}${2 + Math.floor(r() * 4)}${1_000_000 + Math.floor(r() * 9_000_000)}`;
  }

  private cep(): string {
    const [from, to] = this.cepRanges.pick(this.random());
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
    const maker = new RowMaker(mulberry32(options.seed ?? 1), uf, cpfs, (options.now ?? new Date()).toISOString());
    let next = Math.max(1000 + existing, (highest ?? 0) + 1);
    for (let i = 0; i < options.count; i++) insert.run(maker.make(String(next++)));
  });
  return { inserted: options.count };
}
