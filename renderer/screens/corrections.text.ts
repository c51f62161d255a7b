// Words of the correction queue.
import type { CorrectionStatus, DipConsequence } from '../../shared/domain';
import { DIP_CONSEQUENCE_LABELS } from '../../shared/rules/dip';

export const CORRECTIONS_TEXT = {
  title: 'Correções',
  subtitle: 'Fila de correções para a Implanta: cada alteração salva em Cadastro fica aqui até entrar em um lote e ser sincronizada.',
  filtersLabel: 'Filtros da fila',
  status: 'Situação',
  allStatuses: 'Todas',
  unresolvedRejections: 'Rejeitadas a tratar',
  field: 'Campo',
  allFields: 'Todos os campos',
  operator: 'Operador',
  allOperators: 'Todos os operadores',
  from: 'De',
  to: 'Até',
  clear: 'Limpar filtros',
  tableLabel: 'Fila de correções',
  columns: {
    date: 'Data',
    professional: 'Profissional',
    field: 'Campo',
    change: 'Antigo → Novo',
    reasonAndOperator: 'Motivo e operador',
    statusAndSource: 'Situação e origem',
    dip: 'DIP',
  },
  emptyQueue: 'A fila está vazia. As correções salvas em Cadastro aparecem aqui até irem para um lote.',
  findProfessional: 'Procurar uma/um profissional',
  noMatch: 'Nenhuma correção com estes filtros.',
  noMatchHelp: 'Mude ou limpe os filtros para ver outras correções.',
  openProfessional: 'Abrir o cadastro da/o profissional',
  loading: 'Carregando a fila…',
  /** The DIP column: nothing for a cancelled correction, which asks nothing of the DIP any more. */
  dip: (status: CorrectionStatus, consequence: DipConsequence) => (status === 'cancelled' || consequence === 'none' ? '—' : DIP_CONSEQUENCE_LABELS[consequence]),
} as const;
