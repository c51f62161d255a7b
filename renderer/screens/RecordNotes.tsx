// What the record view says next to a field: a pendência (the value breaks a rule), a rejection
// from Implanta (with "Corrigir de novo" and "Dispensar"), a conflict with the main system (keep the
// correction or take the file's value). The actions reload the record when done.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Correction, PendencyView, RecordView, RegistryConflict } from '../../shared/contract';
import { EMPTY_VALUE, formatFieldValue } from '../../shared/display/values';
import { fieldLabel, MOTHER_FACT_FIELD } from '../../shared/fields';
import type { Professional } from '../../shared/domain';
import { currentCorrectionText } from '../../shared/rules/correctionText';
import { columnsOfCorrectionField } from '../../shared/rules/motherFact';
import { call, failureOf } from '../api/client';
import { ReasonDialog } from '../components/ReasonDialog';
import { useNotify } from '../stores/notify';
import { useRecord } from '../stores/record';
import { RECORD_TEXT } from './record.text';

const TEXT = RECORD_TEXT.notes;

/** A change of the record asked with a reason: sent, announced, the record read again; the failure, if any, for the dialog to show. */
export function useRecordChange() {
  const reload = useRecord((s) => s.reload);
  const notify = useNotify((s) => s.show);
  return (send: () => Promise<unknown>, done: string) =>
    failureOf(async () => {
      await send();
      notify(done);
      await reload();
    });
}

/** The record's open rejections: rejected by Implanta, not yet corrected again nor dismissed. */
export function openRejections(view: RecordView): Correction[] {
  return view.corrections.filter((c) => c.status === 'rejected' && c.resolvedAt === null);
}

/** Notes that belong to a record field (`motherName` also carries the mother fact's). */
export function notesOfField(view: RecordView, field: string) {
  const matches = (correctionField: string) => columnsOfCorrectionField(correctionField).includes(field) || (field === 'motherName' && correctionField === 'motherNotListed');
  return {
    pendencies: view.pendencies.filter((p) => p.field === field),
    rejections: openRejections(view).filter((c) => matches(c.field)),
    conflicts: view.conflicts.filter((c) => matches(c.field)),
  };
}

export function PendencyNote({ pendency }: { pendency: PendencyView }) {
  return (
    <Typography variant="body2" sx={{ color: 'warning.dark' }} data-testid="pendency-note">
      {pendency.message}
    </Typography>
  );
}

export function RejectionNote({ correction, professional, onCorrectAgain }: { correction: Correction; professional: Professional; onCorrectAgain(c: Correction): void }) {
  const [dismissing, setDismissing] = useState(false);
  const change = useRecordChange();
  const label = fieldLabel(correction.field);
  const rejected = formatFieldValue(correction.field, correction.newValue, EMPTY_VALUE);
  // The record shows Implanta's value again unless something changed the field since (a later correction, a registry load).
  const now = currentCorrectionText(professional, correction.field);
  return (
    <Box sx={{ borderLeft: 3, borderColor: 'error.main', pl: 1, my: 0.5 }} data-testid="rejection-note">
      <Typography variant="body2" sx={{ color: 'error.dark' }}>
        {now === correction.oldValue ? TEXT.rejected(rejected) : TEXT.rejectedSince(rejected, formatFieldValue(correction.field, now, EMPTY_VALUE))}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {TEXT.implantaSays(correction.statusMessage ?? TEXT.noMessage)}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 0.5 }}>
        <Button size="small" variant="outlined" onClick={() => onCorrectAgain(correction)}>
          {TEXT.correctAgain}
        </Button>
        <Button size="small" onClick={() => setDismissing(true)}>
          {TEXT.dismiss}
        </Button>
      </Stack>
      <ReasonDialog
        open={dismissing}
        title={TEXT.dismissTitle(label)}
        consequence={TEXT.dismissConsequence}
        confirmLabel={TEXT.dismissConfirm}
        onClose={() => setDismissing(false)}
        onConfirm={(reason) => change(() => call('corrections:dismissRejection', { uuid: correction.uuid, reason }), TEXT.dismissed(label))}
      />
    </Box>
  );
}

/** The words of a conflict's two choices: keep the correction, or — once it was rejected or cancelled — the record's value. */
function conflictChoices(conflict: RegistryConflict, label: string, desk: string, file: string) {
  const outcome = conflict.correctionOutcome;
  const keep = outcome
    ? { label: TEXT.keepDesk, title: TEXT.keepDeskTitle(label), consequence: TEXT.keepDeskConsequence(desk), done: TEXT.keptDesk(label) }
    : { label: TEXT.keepCorrection, title: TEXT.keepTitle(label), consequence: TEXT.keepConsequence(desk), done: TEXT.kept(label) };
  const takeFile = {
    label: TEXT.takeFile,
    title: TEXT.takeFileTitle(label),
    consequence: outcome ? TEXT.takeFileSettledConsequence(file, outcome) : TEXT.takeFileConsequence(file, desk),
    done: TEXT.tookFile(label),
  };
  return {
    text: outcome ? TEXT.conflictSettled(file, desk, conflict.row, outcome) : TEXT.conflict(file, desk, conflict.row),
    kept: keep,
    file: takeFile,
  };
}

export function ConflictNote({ conflict }: { conflict: RegistryConflict }) {
  const [choice, setChoice] = useState<'kept' | 'file' | null>(null);
  const change = useRecordChange();
  const words = conflictChoices(
    conflict,
    fieldLabel(conflict.field),
    formatFieldValue(conflict.field, conflict.deskValue, EMPTY_VALUE),
    formatFieldValue(conflict.field, conflict.fileValue, EMPTY_VALUE),
  );
  // While the dialog closes it keeps words to show.
  const chosen = words[choice ?? 'kept'];
  return (
    <Box sx={{ borderLeft: 3, borderColor: 'warning.main', pl: 1, my: 0.5 }} data-testid="conflict-note">
      <Typography variant="body2" sx={{ color: 'warning.dark' }}>
        {words.text}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: 'wrap' }} useFlexGap>
        <Button size="small" variant="outlined" onClick={() => setChoice('kept')}>
          {words.kept.label}
        </Button>
        <Button size="small" onClick={() => setChoice('file')}>
          {words.file.label}
        </Button>
      </Stack>
      <ReasonDialog
        open={choice !== null}
        title={chosen.title}
        consequence={chosen.consequence}
        confirmLabel={chosen.label}
        onClose={() => setChoice(null)}
        onConfirm={async (reason) => {
          if (!choice) return null;
          return change(() => call('registry:resolveConflict', { id: conflict.id, choice, reason }), chosen.done);
        }}
      />
    </Box>
  );
}

/** The text the correction form starts with for "Corrigir de novo": the rejected value. */
export function correctAgainEdits(correction: Correction): { field: string; text: string; motherNotListed?: boolean } {
  if (correction.field === MOTHER_FACT_FIELD || correction.field === 'motherName' || correction.field === 'motherNotListed') {
    const words = formatFieldValue(correction.field, correction.newValue, '');
    const notListed = correction.field === 'motherNotListed' ? correction.newValue === 'true' : words === RECORD_TEXT.motherNotListed;
    return { field: 'motherName', text: notListed ? '' : words, motherNotListed: notListed };
  }
  return { field: correction.field, text: formatFieldValue(correction.field, correction.newValue, '') };
}
