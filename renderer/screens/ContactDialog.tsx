// The frame of the dialogs about one atendimento: the title and what the dialog will do, the work's
// progress and failure in place (from `useWork`), Cancelar beside the confirming button; submitting
// the form runs the dialog's work instead of reloading the window.
import type { ComponentProps } from 'react';
import { JobDialog } from '../components/JobDialog';
import type { Work } from '../lib/work';
import { CONTACTS_TEXT } from './contacts.text';

export function ContactDialog({
  work,
  cancelLabel = CONTACTS_TEXT.dialogCancel,
  ...frame
}: Omit<ComponentProps<typeof JobDialog>, 'busy' | 'error'> & {
  work: Pick<Work, 'running' | 'error'>;
}) {
  return <JobDialog {...frame} busy={work.running} error={work.error} cancelLabel={cancelLabel} />;
}
