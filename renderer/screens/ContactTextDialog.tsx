// A dialog that asks for one text before an atendimento moves on (Implanta's answer, the
// resolution): says what will happen, requires the text, shows the store's refusal in place.
import { useState } from 'react';
import { LimitedTextField } from '../components/LimitedTextField';
import { tooLongError } from '../lib/textLimit';
import { useWork } from '../lib/work';
import { ContactDialog } from './ContactDialog';
import { CONTACTS_TEXT } from './contacts.text';

const MIN_TEXT = 3;
const FIELD_ID = 'contact-step-text';

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
  // The field says it at once; here it stops the saving, and the keyboard goes back to the text.
  const tooLong = tooLongError(text.label, value, max) !== null;

  async function submit() {
    setSubmitted(true);
    if (short || tooLong) {
      document.getElementById(FIELD_ID)?.focus();
      return;
    }
    await work.run(async () => {
      await onConfirm(value.trim());
      onClose();
    });
  }

  return (
    <ContactDialog title={text.title} intro={text.intro} work={work} typed={value.trim() !== ''} onClose={onClose} onSubmit={submit} confirm={{ label: text.confirm }}>
      <LimitedTextField
        id={FIELD_ID}
        autoFocus
        fullWidth
        multiline
        minRows={4}
        maxRows={14}
        label={text.label}
        value={value}
        max={max}
        onChange={(e) => setValue(e.target.value)}
        error={submitted && short}
        helperText={submitted && short ? CONTACTS_TEXT.textRequired(MIN_TEXT) : ' '}
      />
    </ContactDialog>
  );
}
