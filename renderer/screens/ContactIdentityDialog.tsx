// The identity check on the phone or at the counter: the CPF and the mother's name she/he says,
// answered only with "Confere" or "Não confere" per item; the stored mother's name never shows,
// and nothing typed is kept. The store's refusal after too many wrong answers shows as its message.
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { CONTACT_TEXT_MAX, type Contact, type IdentityCheck } from '../../shared/contract/contacts';
import { call } from '../api/client';
import { maskCpf } from '../lib/masks';
import { LimitedTextField } from '../components/LimitedTextField';
import { tooLongError } from '../lib/textLimit';
import { useWork } from '../lib/work';
import { useContacts } from '../stores/contacts';
import { ContactDialog } from './ContactDialog';
import { CONTACTS_TEXT } from './contacts.text';

const TEXT = CONTACTS_TEXT.identity;
const MOTHER_ID = 'identity-mother';

export function ContactIdentityDialog({ contact, onClose }: { contact: Contact; onClose(): void }) {
  const [cpf, setCpf] = useState('');
  const [mother, setMother] = useState('');
  const [notListed, setNotListed] = useState(false);
  const [answer, setAnswer] = useState<IdentityCheck | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const work = useWork();
  const open = useContacts((s) => s.open);

  const missing = cpf.trim() === '' || (!notListed && mother.trim() === '');
  // Said at once by the field; a name cut at the limit would not match and would spend an attempt.
  const motherTooLong = !notListed && tooLongError(TEXT.mother, mother, CONTACT_TEXT_MAX.toldMotherName) !== null;

  async function check() {
    setSubmitted(true);
    if (missing) return;
    if (motherTooLong) return document.getElementById(MOTHER_ID)?.focus();
    setAnswer(null);
    await work.run(async () => {
      setAnswer(await call('contacts:checkIdentity', { id: contact.id, cpf: cpf.trim(), motherName: notListed ? null : mother.trim(), motherNotListed: notListed }));
      // The check is on the timeline now.
      await open(contact.id);
    });
  }

  const edited = () => setAnswer(null);
  return (
    <ContactDialog
      title={TEXT.title}
      intro={TEXT.intro}
      work={work}
      onClose={onClose}
      onSubmit={check}
      busyLabel={TEXT.checking}
      cancelLabel={TEXT.close}
      confirm={{ label: work.running ? TEXT.checking : TEXT.check }}
    >
      <Box sx={{ display: 'grid', gap: 1.5 }}>
        <TextField
          label={TEXT.cpf}
          value={cpf}
          // Digits only, never cut by the browser: a pasted "CPF nº 123.456.789-09" cut at its last
          // digit would not match and would spend one of the day's attempts.
          onChange={(e) => { setCpf(maskCpf(e.target.value)); edited(); }}
          autoFocus
          slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
        />
        <LimitedTextField
          id={MOTHER_ID}
          label={TEXT.mother}
          max={CONTACT_TEXT_MAX.toldMotherName}
          value={notListed ? '' : mother}
          onChange={(e) => { setMother(e.target.value); edited(); }}
          disabled={notListed}
          slotProps={{ htmlInput: { autoComplete: 'off' } }}
        />
        <FormControlLabel
          control={<Checkbox checked={notListed} onChange={(e) => { setNotListed(e.target.checked); edited(); }} />}
          label={TEXT.motherNotListed}
        />
        {submitted && missing ? <Alert severity="warning">{TEXT.required}</Alert> : null}
      </Box>
      <Box role="status" aria-live="polite" sx={{ mt: 1 }}>
        {answer ? (
          <>
            <Item label={TEXT.cpfItem} matches={answer.cpfMatches} />
            <Item label={TEXT.motherItem} matches={answer.motherMatches} />
            <Alert severity={answer.confirmed ? 'success' : 'warning'} sx={{ mt: 1 }}>
              {answer.confirmed ? TEXT.confirmed : TEXT.notConfirmed}
            </Alert>
          </>
        ) : null}
      </Box>
    </ContactDialog>
  );
}

function Item({ label, matches }: { label: string; matches: boolean }) {
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', py: 0.25 }} data-testid="identity-item">
      {matches ? <CheckCircleIcon color="success" aria-hidden /> : <ErrorIcon color="error" aria-hidden />}
      <Typography>
        {label}: <strong>{matches ? TEXT.matches : TEXT.differs}</strong>
      </Typography>
    </Box>
  );
}
