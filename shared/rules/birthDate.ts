// A professional's birth date as the registry may hold it: a real day, not in the future, not
// before 1900, and of someone at least 18 years old (a graduate in social work). "Today" is passed
// in so the same rule gives the same answer in tests; it defaults to the desk's date.
import { fail, type Parsed } from '../errors';
import { formatDateBr, parseCalendarDate, todayIso } from './dates';

const ADULT_AGE = 18;
const FIRST_YEAR = 1900;

/** Parse a birth date (`dd/mm/aaaa` or ISO) and refuse one no professional can have. */
export function parseBirthDate(input: string, today: string = todayIso()): Parsed<string> {
  const parsed = parseCalendarDate(input);
  if (!parsed.ok) return parsed;
  const problem = birthDateProblem(parsed.value, today);
  return problem ? fail('BIRTH_DATE_IMPLAUSIBLE', problem) : parsed;
}

/** Why an ISO birth date cannot be right (in Portuguese), or null when it can. */
export function birthDateProblem(iso: string, today: string = todayIso()): string | null {
  if (iso > today) return `Data de nascimento no futuro: ${formatDateBr(iso)}. Confira o dia, o mês e o ano.`;
  const year = Number(iso.slice(0, 4));
  if (year < FIRST_YEAR) return `Data de nascimento anterior a ${FIRST_YEAR}: ${formatDateBr(iso)}. Confira o ano.`;
  // Adult from the day of the 18th birthday (ISO strings compare as dates; 29/02 counts from 01/03).
  if (`${year + ADULT_AGE}${iso.slice(4)}` > today) {
    return `Data de nascimento ${formatDateBr(iso)}: a/o profissional teria menos de ${ADULT_AGE} anos. Confira o ano.`;
  }
  return null;
}
