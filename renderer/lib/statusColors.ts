// Chip colours for the vocabularies the screens show; the words are in shared/display/labels.ts.
import type { CorrectionStatus } from '../../shared/domain';

export type ChipColor = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

export const STATUS_COLORS: Record<CorrectionStatus, ChipColor> = {
  pending: 'warning',
  batched: 'info',
  sent: 'primary',
  synced: 'success',
  rejected: 'error',
  cancelled: 'default',
};
