// The dialogs that start work share one frame: a title and what the dialog will do, an error, the
// work's progress, and Cancelar beside the confirming button; while the work runs the dialog cannot
// be closed, and submitting its form runs the work instead of reloading the window.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useId, type FormEvent, type ReactNode } from 'react';
import type { JobStatus } from '../../shared/contract/jobs';
import { JobProgress } from './JobProgress';
import { useKeepTyped } from './KeepTyped';
import { BusyButton } from './BusyButton';
import { DialogForm } from './DialogForm';

export interface JobDialogConfirm {
  label: string;
  /** Without a form: what the button does. */
  onClick?(): void;
  color?: 'primary' | 'warning' | 'error';
  disabled?: boolean;
  autoFocus?: boolean;
}

export function JobDialog({
  title,
  titleId,
  busy = false,
  onClose,
  maxWidth = 'sm',
  dividers = false,
  onSubmit,
  intro,
  error,
  job,
  busyLabel,
  cancelLabel,
  confirm,
  extraActions,
  actions,
  typed = false,
  children,
}: {
  title: ReactNode;
  /** The title's id (the dialog's accessible name); one is made up when absent. */
  titleId?: string;
  /** Work under way: the dialog stays open and its buttons wait. */
  busy?: boolean;
  onClose(): void;
  maxWidth?: 'xs' | 'sm' | 'md';
  dividers?: boolean;
  /**
   * Given: the dialog is a form, and Enter or the confirming button runs this instead of reloading
   * the window (nor submitting a form the dialog was opened from).
   */
  onSubmit?(): Promise<void> | void;
  /** What the dialog will do, shown above its fields. */
  intro?: ReactNode;
  /** Shown first in the content. */
  error?: string | null;
  /** A followed job: its progress (or a bar until the first status) closes the content. */
  job?: { status: JobStatus | null; label: string; onCancel?(): void } | null;
  /** Given: a thin bar above the buttons while busy, named so. */
  busyLabel?: string;
  cancelLabel?: string;
  confirm?: JobDialogConfirm;
  /** Buttons before Cancelar. */
  extraActions?: ReactNode;
  /** Buttons that replace the usual Cancelar / confirm pair. */
  actions?: ReactNode;
  /** The clerk typed something: Esc or a click beside the dialog asks before losing it. */
  typed?: boolean;
  children: ReactNode;
}) {
  const madeId = useId();
  const keep = useKeepTyped(typed, onClose);
  const id = titleId ?? madeId;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    void onSubmit?.();
  };
  const body = (
    <>
      <DialogTitle id={id}>{title}</DialogTitle>
      <DialogContent dividers={dividers}>
        {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
        {intro ? (
          <Typography variant="body2" sx={{ mb: 2 }}>
            {intro}
          </Typography>
        ) : null}
        {children}
        {job?.status ? (
          <Box sx={{ mt: 2 }}>
            <JobProgress status={job.status} onCancel={job.onCancel} />
          </Box>
        ) : job ? (
          <LinearProgress sx={{ mt: 2 }} aria-label={job.label} />
        ) : null}
      </DialogContent>
      {busy && busyLabel ? <LinearProgress aria-label={busyLabel} /> : null}
      <DialogActions sx={{ px: 3, py: 1.5 }}>
        {actions ?? (
          <>
            {extraActions}
            {cancelLabel ? (
              <BusyButton onClick={onClose} busy={busy}>
                {cancelLabel}
              </BusyButton>
            ) : null}
            {confirm ? (
              <BusyButton
                type={onSubmit ? 'submit' : 'button'}
                variant="contained"
                color={confirm.color ?? 'primary'}
                busy={busy}
                disabled={confirm.disabled}
                onClick={confirm.onClick}
                autoFocus={confirm.autoFocus}
              >
                {confirm.label}
              </BusyButton>
            ) : null}
          </>
        )}
      </DialogActions>
    </>
  );
  return (
    <>
      <Dialog open onClose={busy ? undefined : keep.close} maxWidth={maxWidth} fullWidth aria-labelledby={id}>
        {onSubmit ? (
          <DialogForm onSubmit={submit}>{body}</DialogForm>
        ) : (
          body
        )}
      </Dialog>
      {keep.question}
    </>
  );
}
