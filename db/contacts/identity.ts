// The notice's identity check: the caller says her/his CPF and mother's name (or that the document
// lists no mother); the clerk learns only whether each matches the record — never what the record
// holds — and nothing typed is kept.
import type { IdentityCheck } from '../../shared/contract/contacts';
import type { Professional } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { parseCpf } from '../../shared/rules/cpf';
import { foldForSearch } from '../../shared/text';

export interface IdentityAnswer {
  cpf: string;
  motherName: string | null;
  motherNotListed: boolean;
}

export const IDENTITY_MESSAGES = {
  motherRequired: 'Informe o nome da mãe ou marque “Não consta mãe” — um dos dois é obrigatório.',
  motherBoth: 'Informe o nome da mãe ou marque “Não consta mãe”, não os dois.',
  nothingToCompare:
    'O cadastro não tem o nome da mãe nem “Não consta mãe” (pendência a corrigir): não há com o que conferir a resposta, e esta conferência não conta como tentativa. Confira a identidade por um documento com foto e corrija a filiação do cadastro.',
  typoNotCounted: 'Esta conferência não conta como tentativa.',
} as const;

/** Compares ignoring case, accents and extra spaces; a CPF by its digits (leading zeros restored), refused when it is no CPF. */
export function compareIdentity(record: Pick<Professional, 'cpf' | 'motherName' | 'motherNotListed'>, answer: IdentityAnswer): IdentityCheck {
  const typedMother = answer.motherName === null ? '' : foldForSearch(answer.motherName);
  if (answer.motherNotListed && typedMother !== '') throw new AppError('MOTHER_CONFLICT', IDENTITY_MESSAGES.motherBoth, { field: 'motherName' });
  if (!answer.motherNotListed && typedMother === '') throw new AppError('MOTHER_MISSING', IDENTITY_MESSAGES.motherRequired, { field: 'motherName' });
  // The desk's own gap must not count as the caller's wrong answer (three lock the check for a day).
  if (record.motherName === null && !record.motherNotListed) throw new AppError('CONTACT_STATE', IDENTITY_MESSAGES.nothingToCompare, { field: 'motherName' });
  // A CPF that is no CPF at all is the clerk's typo, not the caller's wrong answer: it counts no attempt.
  const cpf = parseCpf(answer.cpf);
  if (!cpf.ok) throw new AppError('CPF_INVALID', `${cpf.message} ${IDENTITY_MESSAGES.typoNotCounted}`, { field: 'cpf' });
  const cpfMatches = cpf.value === record.cpf;
  const motherMatches = answer.motherNotListed
    ? record.motherNotListed
    : !record.motherNotListed && record.motherName !== null && foldForSearch(record.motherName) === typedMother;
  return { cpfMatches, motherMatches, confirmed: cpfMatches && motherMatches };
}
