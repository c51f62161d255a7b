// Say what will happen before it happens: every change old → new, the warnings still standing, the
// reason, the evidence, the atendimento it deals with and the DIP consequence, then "Salvar correção";
// once saved with an atendimento, how many professionals are still to be told, with the way to them.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ContactSummary } from '../../shared/contract/contacts';
import type { Professional } from '../../shared/domain';
import { FIELD_NAMES, fieldLabel, type FieldValue } from '../../shared/fields';
import { call, ClientError, errorMessage, isErrorCode } from '../api/client';
import { ChangeText } from '../components/ChangeText';
import { saveInput, type CorrectionDraft } from '../lib/draft';
import type { DraftWarnings } from '../lib/draftWarnings';
import { queueItemsOf } from '../../shared/rules/motherFact';
import { seeContacts } from '../stores/contacts';
import { useDrafts } from '../stores/correctionDraft';
import { useNotify } from '../stores/notify';
import { useRecord } from '../stores/record';
import { CORRECTION_TEXT as TEXT } from './correction.text';
import { contactChoiceLabel } from './CorrectionContactField';
import { CONTACTS_TEXT } from './contacts.text';
import type { Plan } from './CorrectionForm';
import { BusyButton } from '../components/BusyButton';
import { DialogForm } from '../components/DialogForm';

const NOTIFY_TEXT = CONTACTS_TEXT.notifyAfter;

interface Props {
  professional: Professional;
  draft: CorrectionDraft;
  plan: Plan;
  changes: Record<string, FieldValue>;
  /** What the worklist would say about the new values: shown, never in the way of saving. */
  warnings: DraftWarnings;
  /** The atendimento chosen in the form: linked as the correction is saved. */
  contact: ContactSummary | null;
  onClose(): void;
}

export function CorrectionReview({ professional, draft, plan, changes, warnings, contact, onClose }: Props) {
  const [acknowledged, setAcknowledged] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [triedWithoutAck, setTriedWithoutAck] = useState(false);
  const { update, discard } = useDrafts();
  const reload = useRecord((s) => s.reload);
  const notify = useNotify((s) => s.show);
  const needsAck = plan.dipConsequence !== 'none';

  async function save(event: FormEvent) {
    event.preventDefault();
    // The dialog is a portal inside the correction form: React would bubble this submit up to it.
    event.stopPropagation();
    if (saving) return;
    if (needsAck && !acknowledged) {
      setTriedWithoutAck(true);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await call('corrections:save', saveInput(professional, draft, changes, needsAck && acknowledged));
      discard(professional.id);
      if (contact) {
        // The professional has news to hear: say so, with the way to the list of those still to be told.
        const counts = await call('contacts:counts', {}).catch(() => null);
        const told = counts ? ` ${NOTIFY_TEXT.count(counts.toNotify)}` : '';
        notify(`${NOTIFY_TEXT.saved(contact.protocol)}${told}`, 'success', counts && counts.toNotify > 0 ? { label: NOTIFY_TEXT.see, onClick: () => seeContacts('toNotify') } : undefined);
      } else {
        const conflicts = [saved.conflictsClosed > 0 ? TEXT.conflictsClosed(saved.conflictsClosed) : '', saved.conflictsReopened > 0 ? TEXT.conflictsReopened(saved.conflictsReopened) : ''];
        notify([TEXT.saved(saved.corrections.length), ...conflicts].filter(Boolean).join(' '));
      }
      onClose();
      // Back to the record's header, where the clerk sees the result of the save.
      window.scrollTo({ top: 0 });
      void reload();
    } catch (failure) {
      setSaving(false);
      if (isErrorCode(failure, 'VERSION_CONFLICT')) {
        update(professional.id, { conflict: true });
        onClose();
      } else if (failure instanceof ClientError && failure.field && failure.code !== 'DIP_CONFIRMATION_REQUIRED') {
        // The form shows the message next to the field it names.
        update(professional.id, { serverErrors: { ...draft.serverErrors, [failure.field]: failure.message }, topError: TEXT.fixErrors });
        onClose();
      } else {
        setError(errorMessage(failure));
      }
    }
  }

  const evidenceDate = draft.evidenceDate;
  // In the form's order, as the changes above.
  const warningMessages = [...plan.refusedBefore.map((r) => r.message), ...FIELD_NAMES.flatMap((field) => warnings[field] ?? []).map((w) => w.message)];
  return (
    <Dialog open onClose={saving ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="review-title">
      <DialogForm onSubmit={(e: FormEvent) => void save(e)}>
        <DialogTitle id="review-title">{TEXT.dialog.title}</DialogTitle>
        <DialogContent dividers>
          <Typography sx={{ fontWeight: 600, mb: 2 }}>{TEXT.dialog.who(professional.name, professional.registrationNumber)}</Typography>
          {error ? (
            <Alert severity="error" sx={{ mb: 2 }}>
              {error}
            </Alert>
          ) : null}
          <Section title={TEXT.dialog.changes}>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {queueItemsOf(professional, plan.changes).map((change) => (
                <Box component="li" key={change.field} sx={{ mb: 0.5 }}>
                  <Box component="span" sx={{ fontWeight: 600 }}>{`${fieldLabel(change.field)}: `}</Box>
                  <ChangeText field={change.field} oldValue={change.oldValue} newValue={change.newValue} />
                </Box>
              ))}
            </Box>
          </Section>
          {warningMessages.length > 0 ? (
            <Alert severity="warning" sx={{ mb: 2 }} data-testid="review-warnings">
              <AlertTitle>{TEXT.warnings.review}</AlertTitle>
              <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                {warningMessages.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </Box>
            </Alert>
          ) : null}
          <Section title={TEXT.dialog.reason}>
            <Typography sx={{ whiteSpace: 'pre-wrap' }}>{draft.reason.trim()}</Typography>
          </Section>
          {contact ? (
            <Section title={TEXT.dialog.contact}>
              <Typography data-testid="review-contact">{contactChoiceLabel(contact)}</Typography>
            </Section>
          ) : null}
          <Section title={TEXT.dialog.evidence}>
            <Typography>{TEXT.dialog.evidenceLine(draft.evidenceKind.trim(), draft.evidenceArrival, evidenceDate)}</Typography>
            {draft.evidenceNote.trim() ? (
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>{`${TEXT.dialog.note}: ${draft.evidenceNote.trim()}`}</Typography>
            ) : null}
          </Section>
          {needsAck && plan.dipMessage ? (
            <Alert severity={plan.dipConsequence === 'new_card_required' ? 'error' : 'warning'} sx={{ mt: 2 }}>
              <AlertTitle>{TEXT.dialog.dipTitle}</AlertTitle>
              {plan.dipMessage}
              <Box>
                <FormControlLabel
                  sx={{ mt: 1 }}
                  control={
                    <Checkbox
                      checked={acknowledged}
                      onChange={(e) => setAcknowledged(e.target.checked)}
                      autoFocus
                      required
                      color={plan.dipConsequence === 'new_card_required' ? 'error' : 'warning'}
                    />
                  }
                  label={TEXT.dialog.dipAck}
                />
                {triedWithoutAck && !acknowledged ? <FormHelperText error>{TEXT.dialog.dipAckRequired}</FormHelperText> : null}
              </Box>
            </Alert>
          ) : null}
          {plan.dipWarningMessage ? (
            <Alert severity="warning" sx={{ mt: 2 }}>
              <AlertTitle>{TEXT.dialog.dipTitle}</AlertTitle>
              {plan.dipWarningMessage}
            </Alert>
          ) : null}
          <Typography variant="body2" sx={{ color: 'text.secondary', mt: 2 }}>
            {TEXT.dialog.queue}
          </Typography>
        </DialogContent>
        {saving ? <LinearProgress aria-label={TEXT.dialog.saving} /> : null}
        <DialogActions sx={{ px: 3, py: 1.5 }}>
          <BusyButton onClick={onClose} busy={saving}>
            {TEXT.dialog.back}
          </BusyButton>
          <BusyButton type="submit" variant="contained" busy={saving} disabled={needsAck && !acknowledged}>
            {TEXT.dialog.save}
          </BusyButton>
        </DialogActions>
      </DialogForm>
    </Dialog>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mb: 2 }}>
      <Typography variant="overline" component="h3" sx={{ color: 'text.secondary', lineHeight: 1.8 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}
