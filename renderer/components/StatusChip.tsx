import Chip from '@mui/material/Chip';
import type { CorrectionStatus } from '../../shared/domain';
import { STATUS_COLORS, STATUS_LABELS } from '../lib/labels';

/** A correction's state as a coloured chip that always carries the word. */
export function StatusChip({ status, count }: { status: CorrectionStatus; count?: number }) {
  const label = count === undefined ? STATUS_LABELS[status] : `${STATUS_LABELS[status]}: ${count.toLocaleString('pt-BR')}`;
  // Pending is work in progress and an empty count is no news: both stay quiet (outlined).
  const quiet = status === 'pending' || count === 0;
  return <Chip size="small" label={label} color={STATUS_COLORS[status]} variant={quiet ? 'outlined' : 'filled'} />;
}
