// The frame of the dialogs about one atendimento: the title and what the dialog will do, the work's
// progress and failure in place (from `useWork`), Cancelar beside the confirming button; submitting
// the form runs the dialog's work instead of reloading the window.
import Typography from '@mui/material/Typography';
import type { ComponentProps, FormEvent } from 'react';
import { JobDialog } from '../components/JobDialog';
import type { Work } from '../lib/work';
import { CONTACTS_TEXT } from './contacts.text';

export function ContactDialog({
  work,
  intro,
  onSubmit,
  cancelLabel = CONTACTS_TEXT.dialogCancel,
  children,
  ...frame
}: Omit<ComponentProps<typeof JobDialog>, 'busy' | 'error' | 'onSubmit'> & {
  work: Pick<Work, 'running' | 'error'>;
  /** Shown above the fields. */
  intro?: string;
  /** Given: the dialog is a form, and Enter or the confirming button runs this. */
  onSubmit?(): Promise<void> | void;
}) {
  const submit = onSubmit
    ? (event: FormEvent) => {
        event.preventDefault();
        void onSubmit();
      }
    : undefined;
  return (
    <JobDialog {...frame} busy={work.running} error={work.error} onSubmit={submit} cancelLabel={cancelLabel}>
      {intro ? (
        <Typography variant="body2" sx={{ mb: 2 }}>
          {intro}
        </Typography>
      ) : null}
      {children}
    </JobDialog>
  );
}
