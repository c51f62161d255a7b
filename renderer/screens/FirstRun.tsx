// First run: the desk says which CRESS it serves and who operates it (the first operator, with a
// PIN); demo data is optional.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { OPERATOR_NAME_MAX } from '../../shared/contract/operators';
import { SECCIONAL_MAX } from '../../shared/contract/settings';
import { formatCount } from '../../shared/display/numbers';
import { errorMessage } from '../api/client';
import { EntryPage } from '../components/EntryPage';
import { PinField } from '../components/PinField';
import { RegionField } from '../components/RegionField';
import { DeskIdentityFields, type DeskIdentity } from '../components/DeskIdentityFields';
import { parseCount } from '../lib/masks';
import { tooLongError } from '../lib/textLimit';
import { useSession } from '../stores/session';
import { FIRST_RUN_TEXT as TEXT } from './firstRun.text';
import { BusyButton } from '../components/BusyButton';

const DEMO_MAX = 500_000;

export function FirstRun() {
  const setup = useSession((s) => s.setup);
  const [region, setRegion] = useState<number | null>(null);
  const [identity, setIdentity] = useState<DeskIdentity>({ seccional: '', operator: '' });
  const { seccional, operator } = identity;
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [demo, setDemo] = useState(false);
  const [demoCount, setDemoCount] = useState('2.000');
  const [submitted, setSubmitted] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const count = parseCount(demoCount);
  const errors = {
    region: region === null ? TEXT.regionRequired : null,
    operator: operator.trim().length < 2 ? TEXT.operatorRequired : tooLongError(TEXT.operator, operator, OPERATOR_NAME_MAX),
    // Said at once by the field itself; here it stops the setting up.
    seccional: tooLongError(TEXT.seccional, seccional, SECCIONAL_MAX),
    pin: /^\d{4,8}$/.test(pin) ? null : TEXT.pinInvalid,
    repeat: pin === repeat ? null : TEXT.pinsDiffer,
    demoCount: demo && (count === null || count < 1 || count > DEMO_MAX) ? TEXT.demoCountInvalid : null,
  };
  const show = (message: string | null) => (submitted ? message : null);
  /** The PIN and its repetition: both a new PIN, required, side by side. */
  const newPin = { autoComplete: 'new-password', required: true, disabled: working, sx: { flex: 1 } } as const;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (region === null || errors.operator || errors.seccional || errors.pin || errors.repeat || errors.demoCount) return;
    setWorking(true);
    setError(null);
    try {
      await setup({
        region,
        seccional: seccional.trim() === '' ? null : seccional.trim(),
        operator: operator.trim(),
        pin,
        demoProfessionals: demo ? (count ?? 0) : 0,
      });
    } catch (failure) {
      setError(errorMessage(failure));
      setWorking(false);
    }
  }

  return (
    <EntryPage title={TEXT.title} intro={TEXT.intro}>
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack spacing={2.5}>
        <RegionField
          label={TEXT.region}
          placeholder={TEXT.regionPlaceholder}
          noMatch={TEXT.regionNoMatch}
          value={region}
          onChange={setRegion}
          error={show(errors.region)}
          disabled={working}
        />
        <DeskIdentityFields text={TEXT} value={identity} onChange={setIdentity} operatorError={show(errors.operator)} operatorAutoComplete="name" disabled={working} />
        <Stack direction="row" spacing={2}>
          <PinField {...newPin} label={TEXT.pin} value={pin} onChange={setPin} error={show(errors.pin) !== null} helperText={show(errors.pin) ?? TEXT.pinHelp} />
          <PinField
            {...newPin}
            label={TEXT.repeatPin}
            value={repeat}
            onChange={setRepeat}
            error={show(errors.pin) === null && show(errors.repeat) !== null}
            helperText={show(errors.pin) === null ? show(errors.repeat) : null}
          />
        </Stack>
        <Box>
          <FormControlLabel
            control={<Checkbox checked={demo} onChange={(e) => setDemo(e.target.checked)} disabled={working} />}
            label={TEXT.demo}
          />
          <FormHelperText sx={{ mt: -0.5, ml: 4 }}>{TEXT.demoHelp}</FormHelperText>
          {demo ? (
            <TextField
              label={TEXT.demoCount}
              value={demoCount}
              onChange={(e) => setDemoCount(formatTyped(e.target.value))}
              disabled={working}
              error={show(errors.demoCount) !== null}
              helperText={show(errors.demoCount)}
              sx={{ mt: 1.5, ml: 4, width: 300 }}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
          ) : null}
        </Box>
        {error ? <Alert severity="error">{error}</Alert> : null}
        {working ? (
          <Box role="status">
            <Typography variant="body2" sx={{ mb: 1 }}>
              {TEXT.working(demo ? count : null)}
            </Typography>
            <LinearProgress aria-label={TEXT.working(demo ? count : null)} />
          </Box>
        ) : null}
        <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
          <BusyButton type="submit" variant="contained" size="large" busy={working}>
            {TEXT.start}
          </BusyButton>
        </Box>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {TEXT.privacy}
        </Typography>
      </Stack>
    </form>
    </EntryPage>
  );
}

/** Thousands dots while typing: "25000" → "25.000". */
function formatTyped(value: string): string {
  const count = parseCount(value);
  return count === null ? '' : formatCount(count);
}
