// Per-correction actions in the record's Correções tab: cancel one still on the desk, and what
// became of a rejection (corrected again, dismissed and why).
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Correction } from '../../shared/contract';
import { EMPTY_VALUE, formatFieldValue } from '../../shared/display/values';
import { FIELDS, fieldLabel, isFieldName } from '../../shared/fields';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { call } from '../api/client';
import { ReasonDialog } from '../components/ReasonDialog';
import { useRecordChange } from './RecordNotes';
import { RECORD_TEXT } from './record.text';

const TEXT = RECORD_TEXT.cancel;

export function RecordCorrectionActions({ correction }: { correction: Correction }) {
  const [open, setOpen] = useState(false);
  const change = useRecordChange();
  if (correction.status === 'rejected' && correction.resolvedAt) {
    return (
      <Typography variant="caption" sx={{ color: 'text.secondary' }}>
        {correction.resolution === 'dismissed'
          ? TEXT.dismissedOn(formatDateTimeBr(correction.resolvedAt), correction.resolutionNote ?? '')
          : TEXT.correctedOn(formatDateTimeBr(correction.resolvedAt))}
      </Typography>
    );
  }
  if (correction.status === 'cancelled') {
    return (
      <Typography variant="caption" sx={{ color: 'text.secondary' }}>
        {TEXT.cancelledBecause(correction.statusMessage ?? '')}
      </Typography>
    );
  }
  if (correction.status !== 'pending') return null;
  const label = fieldLabel(correction.field);
  return (
    <>
      <Button size="small" color="warning" onClick={() => setOpen(true)}>
        {TEXT.action}
      </Button>
      <ReasonDialog
        open={open}
        title={TEXT.title(label)}
        consequence={TEXT.consequence(
          label,
          formatFieldValue(correction.field, correction.oldValue, EMPTY_VALUE),
          formatFieldValue(correction.field, correction.newValue, EMPTY_VALUE),
          isFieldName(correction.field) && FIELDS[correction.field].group === 'address',
        )}
        confirmLabel={TEXT.confirm}
        onClose={() => setOpen(false)}
        onConfirm={(reason) => change(() => call('corrections:cancel', { uuid: correction.uuid, reason }), TEXT.done(label))}
      />
    </>
  );
}
