// A dialog that asks for one text before an atendimento moves on (Implanta's answer, the
// resolution): says what will happen, requires the text, shows the store's refusal in place.
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useWork } from '../lib/work';
import { ContactDialog } from './ContactDialog';
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
  const work = useWork();
  const short = value.trim().length < MIN_TEXT;

  async function submit() {
    setSubmitted(true);
    if (short) return;
    await work.run(async () => {
      await onConfirm(value.trim());
      onClose();
    });
  }

  return (
    <ContactDialog title={text.title} intro={text.intro} work={work} typed={value.trim() !== ''} onClose={onClose} onSubmit={submit} confirm={{ label: text.confirm }}>
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
    </ContactDialog>
  );
}
