// Configurações' card of atendimentos: Implanta's support address (where forwarded atendimentos go)
// and the days without an answer before one counts as overdue; the store's refusal under its field.
import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import { useEffect, useState, type FormEvent } from 'react';
import type { ContactSettings } from '../../shared/contract/settings';
import { call, ClientError, errorMessage } from '../api/client';
import { LimitedTextField } from '../components/LimitedTextField';
import { SettingsCard, SettingsForm } from '../components/SettingsCard';
import { parseCount } from '../lib/masks';
import { useNotify } from '../stores/notify';
import { CONTACTS_TEXT } from './contacts.text';

const TEXT = CONTACTS_TEXT.settings;
/** The longest address the store keeps ('settings:updateContacts'). */
const IMPLANTA_EMAIL_MAX = 254;

export function ContactSettingsCard() {
  const [saved, setSaved] = useState<ContactSettings | null>(null);
  const [email, setEmail] = useState('');
  const [days, setDays] = useState('');
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const notify = useNotify((s) => s.show);

  useEffect(() => {
    call('settings:contacts', {}).then(
      (settings) => {
        setSaved(settings);
        setEmail(settings.implantaEmail ?? '');
        setDays(String(settings.overdueDays));
      },
      (failure: unknown) => setProblem({ field: null, message: errorMessage(failure) }),
    );
  }, []);

  const dayCount = parseCount(days);
  const daysInvalid = dayCount === null || dayCount < 1 || dayCount > 60;
  const emailTooLong = email.trim().length > IMPLANTA_EMAIL_MAX;
  const changed = saved !== null && (email.trim() !== (saved.implantaEmail ?? '') || dayCount !== saved.overdueDays);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (daysInvalid || dayCount === null) {
      setProblem({ field: 'overdueDays', message: TEXT.daysInvalid });
      return;
    }
    if (!changed) {
      notify(TEXT.nothingChanged, 'info');
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const next = await call('settings:updateContacts', { implantaEmail: email.trim() === '' ? null : email.trim(), overdueDays: dayCount });
      setSaved(next);
      setEmail(next.implantaEmail ?? '');
      setDays(String(next.overdueDays));
      notify(TEXT.saved);
    } catch (failure) {
      setProblem({ field: failure instanceof ClientError ? (failure.field ?? null) : null, message: errorMessage(failure) });
    } finally {
      setSaving(false);
    }
  }

  const fieldError = (field: string) => (problem?.field === field ? problem.message : null);
  return (
    <SettingsCard title={TEXT.title} help={TEXT.help}>
      <SettingsForm onSubmit={(e: FormEvent) => void submit(e)} saveLabel={TEXT.save} saving={saving} canSave={saved !== null && !emailTooLong}>
        <LimitedTextField
          label={TEXT.email}
          max={IMPLANTA_EMAIL_MAX}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError('implantaEmail') !== null}
          helperText={fieldError('implantaEmail') ?? TEXT.emailHelp}
          disabled={saving || saved === null}
          slotProps={{ htmlInput: { autoComplete: 'off' } }}
        />
        <TextField
          label={TEXT.days}
          value={days}
          onChange={(e) => setDays(e.target.value.replace(/\D/g, ''))}
          error={fieldError('overdueDays') !== null}
          helperText={fieldError('overdueDays') ?? TEXT.daysHelp}
          disabled={saving || saved === null}
          sx={{ maxWidth: 320 }}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
        {problem && problem.field !== 'implantaEmail' && problem.field !== 'overdueDays' ? <Alert severity="error">{problem.message}</Alert> : null}
      </SettingsForm>
    </SettingsCard>
  );
}
