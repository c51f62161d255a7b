// Words used by the small shared components.
import { formatCount } from '../../shared/display/numbers';

export const COMMON_TEXT = {
  loading: 'Carregando…',
  rowsPerPage: 'Linhas por página:',
  displayedRows: (from: number, to: number, count: number) =>
    `${formatCount(from)}–${formatCount(to)} de ${formatCount(count)}`,
  datePlaceholder: 'dd/mm/aaaa',
  jobCancel: 'Cancelar',
  jobCancelling: 'Cancelando…',
  jobCount: (done: number, total: number | null) =>
    total === null ? formatCount(done) : `${formatCount(done)} de ${formatCount(total)}`,
  reasonLabel: 'Motivo',
  reasonHelp: (min: number) => `Escreva o motivo (pelo menos ${min} caracteres).`,
  cancelAction: 'Voltar',
} as const;
