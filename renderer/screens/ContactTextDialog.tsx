// A dialog that asks for one text before an atendimento moves on (Implanta's answer, the
// resolution): says what will happen, requires the text, shows the store's refusal in place.
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { JobDialog } from '../components/JobDialog';
import { useWork } from '../lib/work';
import { CONTACTS_TEXT } from './contacts.text';

const MIN_TEXT = 3;

export function ContactTextDialog({
  text,
  max,
  onConfirm,
  onClose,
}: {
  text: { title: string; intro: string; label: string; confirm: string };
  max: number;
  /** Saves the text; a failure stays in the dialog. */
  onConfirm(value: string): Promise<void>;
  onClose(): void;
}) {
  const [value, setValue] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { running, error, run } = useWork();
  const short = value.trim().length < MIN_TEXT;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (short) return;
    await run(async () => {
      await onConfirm(value.trim());
      onClose();
    });
  }

  return (
    <JobDialog
      title={text.title}
      busy={running}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      error={error}
      cancelLabel={CONTACTS_TEXT.dialogCancel}
      confirm={{ label: text.confirm }}
    >
      <Typography variant="body2" sx={{ mb: 2 }}>
        {text.intro}
      </Typography>
      <TextField
        autoFocus
        fullWidth
        multiline
        minRows={4}
        label={text.label}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={submitted && short}
        helperText={submitted && short ? CONTACTS_TEXT.textRequired(MIN_TEXT) : ' '}
        slotProps={{ htmlInput: { maxLength: max } }}
      />
    </JobDialog>
  );
}
