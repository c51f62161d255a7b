// How a job says it stopped because the clerk pressed Cancelar: one error the runner reports as
// `cancelled`, with the same words whatever the job.
import { AppError } from '../../shared/errors';

export const CANCELLED_MESSAGE = 'Operação cancelada: nada foi gravado.';

/** Thrown by a job that saw `cancelled()`; the runner reports the job as cancelled. */
export function jobCancelled(): AppError {
  return new AppError('JOB_CANCELLED', CANCELLED_MESSAGE);
}
