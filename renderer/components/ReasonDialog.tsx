// A confirmation that needs a reason (cancel a correction, dismiss a rejection, resolve a
// conflict): says the exact consequence, asks why, shows the store's refusal in place. Enter
// confirms, as in every dialog; a reason may be long, so Shift+Enter starts a new line.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { COMMON_TEXT } from './common.text';
import { useKeepTyped } from './KeepTyped';
import { BusyButton } from './BusyButton';
import { DialogForm } from './DialogForm';

const MIN_REASON = 5;
/** The longest reason the store keeps. The input has no maxLength: a pasted text would lose its end without a word. */
const MAX_REASON = 500;

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in one or two sentences. */
  consequence: string;
  confirmLabel: string;
  reasonLabel?: string;
  onClose(): void;
  /** Resolves to an error message to show, or null when done. */
  onConfirm(reason: string): Promise<string | null>;
}

/** Enter sends the reason's form (a multi-line field would take it as a new line); Shift+Enter keeps the new line. */
function submitOnEnter(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
  event.preventDefault();
  (event.target as HTMLElement).closest('form')?.requestSubmit();
}

export function ReasonDialog({ open, title, consequence, confirmLabel, reasonLabel = COMMON_TEXT.reasonLabel, onClose, onConfirm }: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const keep = useKeepTyped(reason.trim() !== '', onClose);
  useEffect(() => {
    if (open) {
      setReason('');
      setError(null);
    }
  }, [open]);
  const short = reason.trim().length < MIN_REASON;
  const tooLong = reason.trim().length > MAX_REASON;

  async function confirm(event?: FormEvent) {
    event?.preventDefault();
    // The dialog is a portal: its submit must not reach a form it was opened from.
    event?.stopPropagation();
    if (short || tooLong || busy) return;
    setBusy(true);
    const problem = await onConfirm(reason.trim());
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  }

  return (
    <>
      <Dialog open={open} onClose={busy ? undefined : keep.close} aria-labelledby={titleId} maxWidth="sm" fullWidth>
        <DialogForm onSubmit={(e) => void confirm(e)}>
          <DialogTitle id={titleId}>{title}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{consequence}</DialogContentText>
            {error ? (
              <Alert severity="error" sx={{ mb: 2 }} role="alert">
                {error}
              </Alert>
            ) : null}
            <TextField
              autoFocus
              fullWidth
              multiline
              minRows={2}
              label={reasonLabel}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={submitOnEnter}
              error={tooLong}
              helperText={tooLong ? COMMON_TEXT.reasonTooLong(MAX_REASON, reason.trim().length) : short ? COMMON_TEXT.reasonHelp(MIN_REASON) : COMMON_TEXT.reasonKeys}
            />
          </DialogContent>
          <DialogActions>
            <BusyButton onClick={onClose} busy={busy}>
              {COMMON_TEXT.cancelAction}
            </BusyButton>
            <Button type="submit" variant="contained" disabled={short || tooLong || busy}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogForm>
      </Dialog>
      {keep.question}
    </>
  );
}
