// Words used by the small shared components.
import { formatCount, formatFileSize } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';

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
  jobBytes: (done: number, total: number | null) => (total === null ? formatFileSize(done) : `${formatFileSize(done)} de ${formatFileSize(total)}`),
  /** Seconds left, rounded as people say it. */
  jobTimeLeft: (seconds: number) =>
    seconds < 10
      ? 'quase pronto'
      : seconds < 50
        ? `cerca de ${formatCount(Math.ceil(seconds / 10) * 10)} segundos restantes`
        : `cerca de ${plural(Math.ceil(seconds / 60), 'minuto restante', 'minutos restantes')}`,
  reasonLabel: 'Motivo',
  reasonHelp: (min: number) => `Escreva o motivo (pelo menos ${min} caracteres).`,
  /** Under a reason that may be confirmed: the field takes more than one line. */
  reasonKeys: 'Enter confirma; Shift+Enter começa uma nova linha.',
  reasonTooLong: (max: number, length: number) => `Motivo muito longo: no máximo ${formatCount(max)} caracteres (tem ${formatCount(length)}).`,
  cancelAction: 'Voltar',
  discardTypedTitle: 'Descartar o que foi digitado?',
  discardTypedBody: 'O que você digitou nesta janela será perdido. Nada foi gravado.',
  keepEditing: 'Continuar editando',
  discardTyped: 'Descartar',
} as const;
