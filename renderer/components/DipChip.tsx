// The DIP request's state beside a record: the clerk must see it before changing identification data.
import Chip from '@mui/material/Chip';
import type { DipStatus } from '../../shared/domain';
import { DIP_LABELS } from '../../shared/rules/vocabulary';
import type { ChipColor } from '../lib/statusColors';

// Confirmed and later states matter for corrections (seed case G), so they stand out.
const DIP_COLORS: Record<DipStatus, ChipColor> = {
  none: 'default',
  requested: 'default',
  awaiting_documents: 'default',
  confirmed: 'warning',
  in_manufacture: 'error',
  issued: 'success',
  delivered: 'success',
};

export function DipChip({ status, prefix = false }: { status: DipStatus; prefix?: boolean }) {
  const label = prefix ? `DIP: ${DIP_LABELS[status]}` : DIP_LABELS[status];
  return <Chip size="small" label={label} color={DIP_COLORS[status]} variant="outlined" />;
}
