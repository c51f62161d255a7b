// Words and colours for the vocabularies every screen shows.
import type { CorrectionSource, CorrectionStatus, EvidenceArrival } from '../../shared/domain';

export const STATUS_LABELS: Record<CorrectionStatus, string> = {
  pending: 'Pendente',
  batched: 'Em lote',
  sent: 'Enviada',
  synced: 'Sincronizada',
  rejected: 'Rejeitada',
  cancelled: 'Cancelada',
};

export type ChipColor = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

export const STATUS_COLORS: Record<CorrectionStatus, ChipColor> = {
  pending: 'warning',
  batched: 'info',
  sent: 'primary',
  synced: 'success',
  rejected: 'error',
  cancelled: 'default',
};

export const SOURCE_LABELS: Record<CorrectionSource, string> = {
  manual: 'Manual',
  import: 'Importação',
  conflict: 'Sistema principal (conflito)',
};

export const ARRIVAL_LABELS: Record<EvidenceArrival, string> = {
  in_person: 'Pessoalmente',
  post: 'Pelos Correios',
};

export const EMPTY_VALUE = '(vazio)';
