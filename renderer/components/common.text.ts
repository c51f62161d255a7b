// Words used by the small shared components.
export const COMMON_TEXT = {
  loading: 'Carregando…',
  rowsPerPage: 'Linhas por página:',
  displayedRows: (from: number, to: number, count: number) =>
    `${from.toLocaleString('pt-BR')}–${to.toLocaleString('pt-BR')} de ${count.toLocaleString('pt-BR')}`,
  datePlaceholder: 'dd/mm/aaaa',
  jobCancel: 'Cancelar',
  jobCancelling: 'Cancelando…',
  jobCount: (done: number, total: number | null) =>
    total === null ? done.toLocaleString('pt-BR') : `${done.toLocaleString('pt-BR')} de ${total.toLocaleString('pt-BR')}`,
  reasonLabel: 'Motivo',
  reasonHelp: (min: number) => `Escreva o motivo (pelo menos ${min} caracteres).`,
  cancelAction: 'Voltar',
} as const;
