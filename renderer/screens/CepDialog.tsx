// Add a CEP to the directory, or fix one (the CEP itself stays): every save is queued for Implanta.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { CepEntry } from '../../shared/contract';
import { UFS } from '../../shared/domain';
import { formatCep, parseCep } from '../../shared/rules/cep';
import { ClientError, errorMessage } from '../api/client';
import { useKeepTyped } from '../components/KeepTyped';
import { maskCep } from '../lib/masks';
import { useCeps } from '../stores/ceps';
import { useNotify } from '../stores/notify';
import { useSession } from '../stores/session';
import { CEPS_TEXT } from './ceps.text';
import { BusyButton } from '../components/BusyButton';
import { DialogForm } from '../components/DialogForm';

const TEXT = CEPS_TEXT.dialog;

type Key = 'cep' | 'street' | 'district' | 'city' | 'uf' | 'reason';
type Values = Record<Key, string>;

// Order of the form, for focusing the first problem.
const KEYS: Key[] = ['cep', 'street', 'district', 'city', 'uf', 'reason'];

// Street and district may be empty: small towns have one CEP for the whole municipality.
const REQUIRED_WORDS: Partial<Record<Key, string>> = {
  cep: 'o CEP',
  city: 'o município',
  uf: 'a UF',
  reason: 'o motivo',
};

/**
 * The longest text each field takes (the store's limits). The inputs carry no browser maxLength:
 * a longer text pasted would lose its end without a word; it is said too long instead.
 */
const MAX: Record<Exclude<Key, 'cep' | 'uf'>, number> = { street: 120, district: 80, city: 80, reason: 500 };

function localErrors(values: Values): Partial<Record<Key, string>> {
  const errors: Partial<Record<Key, string>> = {};
  for (const key of KEYS) {
    const words = REQUIRED_WORDS[key];
    if (words && values[key].trim() === '') errors[key] = TEXT.required(words);
    const max = key === 'cep' || key === 'uf' ? null : MAX[key];
    const length = values[key].trim().length;
    if (max !== null && length > max) errors[key] = TEXT.tooLong(TEXT[key], max, length);
  }
  if (!errors.cep) {
    const cep = parseCep(values.cep);
    if (!cep.ok) errors.cep = cep.message;
  }
  return errors;
}

export function CepDialog({ entry, onClose }: { entry: CepEntry | null; onClose(): void }) {
  const save = useCeps((s) => s.save);
  const notify = useNotify((s) => s.show);
  const deskUf = useSession((s) => s.info?.settings?.uf ?? '');
  const [values, setValues] = useState<Values>({
    cep: entry ? formatCep(entry.cep) : '',
    street: entry?.street ?? '',
    district: entry?.district ?? '',
    city: entry?.city ?? '',
    uf: entry?.uf ?? deskUf,
    reason: '',
  });
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<string, string>>>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [initial] = useState(values);
  const keep = useKeepTyped(KEYS.some((key) => values[key] !== initial[key]), onClose);

  const errors = localErrors(values);
  const errorOf = (key: Key): string | null => serverErrors[key] ?? (submitted ? (errors[key] ?? null) : null);
  const set = (key: Key) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerErrors((e) => ({ ...e, [key]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    event.stopPropagation();
    setSubmitted(true);
    setTopError(null);
    const first = KEYS.find((key) => errors[key]);
    if (first) {
      document.getElementById(`cep-${first}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      const saved = await save({
        cep: values.cep,
        street: values.street.trim(),
        district: values.district.trim(),
        city: values.city.trim(),
        uf: values.uf,
        reason: values.reason.trim(),
      });
      const cep = formatCep(saved.entry.cep);
      const done = saved.created ? CEPS_TEXT.created(cep) : CEPS_TEXT.updated(cep);
      // The same data Implanta refused, sent again: said until the clerk closes it.
      if (saved.refusedBefore) notify(`${done} ${saved.refusedBefore}`, 'warning');
      else notify(done);
      onClose();
    } catch (failure) {
      setSaving(false);
      if (failure instanceof ClientError && failure.field && (KEYS as string[]).includes(failure.field)) {
        setServerErrors({ [failure.field]: failure.message });
        document.getElementById(`cep-${failure.field}`)?.focus();
      } else {
        setTopError(errorMessage(failure));
      }
    }
  }

  const text = (key: Exclude<Key, 'uf' | 'cep'>, label: string, extra: { multiline?: boolean; hint?: string }) => (
    <TextField
      id={`cep-${key}`}
      label={label}
      required={REQUIRED_WORDS[key] !== undefined}
      autoFocus={key === 'street' && entry !== null}
      value={values[key]}
      onChange={(e) => set(key)(e.target.value)}
      error={errorOf(key) !== null}
      helperText={errorOf(key) ?? extra.hint}
      multiline={extra.multiline}
      minRows={extra.multiline ? 2 : undefined}
      disabled={saving}
    />
  );

  return (
    <>
      <Dialog open onClose={saving ? undefined : keep.close} maxWidth="sm" fullWidth aria-labelledby="cep-dialog-title">
        <DialogForm onSubmit={(e: FormEvent) => void submit(e)}>
          <DialogTitle id="cep-dialog-title">{entry ? TEXT.editTitle(formatCep(entry.cep)) : TEXT.addTitle}</DialogTitle>
          <DialogContent dividers>
            {entry ? (
              <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
                {TEXT.cepReadOnly}
              </Typography>
            ) : null}
            {topError ? (
              <Alert severity="error" sx={{ mb: 2 }}>
                {topError}
              </Alert>
            ) : null}
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(6, 1fr)', gap: 2 }}>
              <Box sx={{ gridColumn: 'span 2', display: 'grid' }}>
                <TextField
                  id="cep-cep"
                  label={TEXT.cep}
                  required
                  value={values.cep}
                  onChange={(e) => set('cep')(maskCep(e.target.value))}
                  error={errorOf('cep') !== null}
                  helperText={errorOf('cep') ?? undefined}
                  disabled={saving}
                  autoFocus={!entry}
                  placeholder="00000-000"
                  sx={entry ? { '& .MuiOutlinedInput-root': { bgcolor: 'action.hover' } } : undefined}
                  slotProps={{
                    htmlInput: { inputMode: 'numeric', readOnly: entry !== null, autoComplete: 'off' },
                    inputLabel: { shrink: true },
                  }}
                />
              </Box>
              <Box sx={{ gridColumn: 'span 4', display: 'grid' }}>{text('street', TEXT.street, { hint: TEXT.optional })}</Box>
              <Box sx={{ gridColumn: 'span 2', display: 'grid' }}>{text('district', TEXT.district, { hint: TEXT.optional })}</Box>
              <Box sx={{ gridColumn: 'span 3', display: 'grid' }}>{text('city', TEXT.city, {})}</Box>
              <Box sx={{ gridColumn: 'span 1', display: 'grid' }}>
                <TextField
                  id="cep-uf"
                  select
                  label={TEXT.uf}
                  required
                  value={values.uf}
                  onChange={(e) => set('uf')(e.target.value)}
                  error={errorOf('uf') !== null}
                  helperText={errorOf('uf') ?? undefined}
                  disabled={saving}
                  slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 320 } } } } } }}
                >
                  {UFS.map((uf) => (
                    <MenuItem key={uf} value={uf}>
                      {uf}
                    </MenuItem>
                  ))}
                </TextField>
              </Box>
              <Box sx={{ gridColumn: '1 / -1', display: 'grid' }}>
                {text('reason', TEXT.reason, { multiline: true, hint: TEXT.reasonHelp })}
              </Box>
            </Box>
            <Typography variant="body2" sx={{ color: 'text.secondary', mt: 2 }}>
              {TEXT.queued}
            </Typography>
          </DialogContent>
          {saving ? <LinearProgress aria-label={TEXT.saving} /> : null}
          <DialogActions sx={{ px: 3, py: 1.5 }}>
            <BusyButton onClick={onClose} busy={saving}>
              {TEXT.cancel}
            </BusyButton>
            <BusyButton type="submit" variant="contained" busy={saving}>
              {TEXT.save}
            </BusyButton>
          </DialogActions>
        </DialogForm>
      </Dialog>
      {keep.question}
    </>
  );
}
