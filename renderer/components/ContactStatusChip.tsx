// An atendimento's state as a chip that always carries the word; an overdue one adds a red "Atrasado".
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { CONTACT_STATUS_LABELS, type ContactStatus } from '../../shared/contract/contacts';
import type { ChipColor } from '../lib/statusColors';

const COLORS: Record<ContactStatus, ChipColor> = {
  open: 'warning',
  forwarded: 'info',
  waiting_professional: 'secondary',
  resolved: 'success',
};

export function ContactStatusChip({ status, overdue, overdueLabel }: { status: ContactStatus; overdue: boolean; overdueLabel: string }) {
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Chip size="small" label={CONTACT_STATUS_LABELS[status]} color={COLORS[status]} variant={status === 'open' ? 'outlined' : 'filled'} />
      {overdue ? <Chip size="small" label={overdueLabel} color="error" /> : null}
    </Stack>
  );
}
