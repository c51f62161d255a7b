// A confirmation that needs a reason (cancel a correction, dismiss a rejection, resolve a
// conflict): says the exact consequence, asks why, shows the store's refusal in place.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useEffect, useId, useState } from 'react';
import { COMMON_TEXT } from './common.text';
import { useKeepTyped } from './KeepTyped';
import { BusyButton } from './BusyButton';

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

  async function confirm() {
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
            error={tooLong}
            helperText={tooLong ? COMMON_TEXT.reasonTooLong(MAX_REASON, reason.trim().length) : short ? COMMON_TEXT.reasonHelp(MIN_REASON) : ' '}
          />
        </DialogContent>
        <DialogActions>
          <BusyButton onClick={onClose} busy={busy}>
            {COMMON_TEXT.cancelAction}
          </BusyButton>
          <Button variant="contained" onClick={() => void confirm()} disabled={short || tooLong || busy}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </Dialog>
      {keep.question}
    </>
  );
}
