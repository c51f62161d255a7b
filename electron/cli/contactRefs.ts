// An atendimento named on the command line. The window shows only its protocol (AT-2026-000001),
// numbered per year; so a bare number is that number of this year's protocols — never the store's
// inner row id, which an atendimento of an earlier year may have — and one of another year is
// named by its whole protocol (or its year and number: 2026-1).
import { brasilia } from '../../db/batches/clock';
import { protocolOf } from '../../db/contacts/write';
import { AppError } from '../../shared/errors';
import { UsageError, type CliContext } from './types';

const NUMBER_OF_THIS_YEAR = /^\d{1,6}$/;
const YEAR_AND_NUMBER = /^(?:AT-)?(\d{4})-(\d{1,6})$/;

/** The protocol `text` names (AT-AAAA-NNNNNN), and whether it was a bare number of this year. */
function protocolNamed(text: string | undefined, now: Date): { protocol: string; thisYear: boolean } {
  const value = (text ?? '').trim().toUpperCase();
  if (NUMBER_OF_THIS_YEAR.test(value) && Number(value) > 0) return { protocol: protocolOf(brasilia(now).year, Number(value)), thisYear: true };
  const written = YEAR_AND_NUMBER.exec(value);
  if (written && Number(written[2]) > 0) return { protocol: protocolOf(Number(written[1]), Number(written[2])), thisYear: false };
  throw new UsageError('ID is the protocol of an atendimento (AT-2026-000001), or its number when it is of this year (1)');
}

/**
 * The protocol of the atendimento the argument names. A number this year has not reached is refused
 * naming the protocol looked for, and how to name one of another year.
 */
export async function contactProtocol(context: CliContext, text: string | undefined): Promise<string> {
  const { protocol, thisYear } = protocolNamed(text, new Date());
  if (!thisYear) return protocol;
  try {
    await context.call('contacts:get', { id: protocol });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CONTACT_NOT_FOUND')) throw error;
    throw new AppError(
      'CONTACT_NOT_FOUND',
      `Nenhum atendimento ${protocol}: o número ${(text ?? '').trim()} é o do protocolo deste ano. Para um atendimento de outro ano, informe o protocolo inteiro (por exemplo AT-${brasilia(new Date()).year - 1}-000001), como cress-desk contact list o mostra.`,
    );
  }
  return protocol;
}
