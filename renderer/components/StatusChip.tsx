// A correction's state as a chip whose word is always there (colour alone would not do).
import Chip from '@mui/material/Chip';
import { CORRECTION_STATUS_LABELS } from '../../shared/display/labels';
import { formatCount } from '../../shared/display/numbers';
import type { CorrectionStatus } from '../../shared/domain';
import { STATUS_COLORS } from '../lib/statusColors';

/** A correction's state as a coloured chip that always carries the word. */
export function StatusChip({ status, count }: { status: CorrectionStatus; count?: number }) {
  const label = count === undefined ? CORRECTION_STATUS_LABELS[status] : `${CORRECTION_STATUS_LABELS[status]}: ${formatCount(count)}`;
  // Pending is work in progress and an empty count is no news: both stay quiet (outlined).
  const quiet = status === 'pending' || count === 0;
  return <Chip size="small" label={label} color={STATUS_COLORS[status]} variant={quiet ? 'outlined' : 'filled'} />;
}
