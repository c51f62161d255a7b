// Small pieces shared by the Lotes screens and the start screen: a batch's state as a chip, and a
// titled section of the batch page.
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { BatchSummary } from '../../shared/contract';
import { BATCH_STATE_LABELS } from '../../shared/display/labels';
import type { BatchState } from '../../shared/domain';
import type { ChipColor } from '../lib/statusColors';
import { BATCHES_TEXT as TEXT } from './batches.text';

const STATE_COLORS: Record<BatchState, ChipColor> = {
  open: 'warning',
  sealed: 'info',
  exported: 'info',
  sent: 'primary',
  acknowledged: 'success',
  cancelled: 'default',
};

/** The state in words, plus "Atrasado" or "Respondido em parte" when that is the news. */
export function BatchStateChip({ batch }: { batch: BatchSummary }) {
  const partly = batch.state === 'sent' && batch.acknowledgedAt !== null && batch.counts.unanswered > 0;
  return (
    <Stack direction="row" spacing={0.75} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Chip
        size="small"
        label={partly ? TEXT.partlyAnswered : BATCH_STATE_LABELS[batch.state]}
        color={STATE_COLORS[batch.state]}
        variant={batch.state === 'cancelled' || batch.state === 'open' ? 'outlined' : 'filled'}
      />
      {batch.overdue ? <Chip size="small" label={TEXT.overdue} color="error" /> : null}
    </Stack>
  );
}

/** A part of the batch page, named for screen readers by its title. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title} sx={{ mb: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}
