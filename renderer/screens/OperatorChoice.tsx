// Each session starts here: the clerk picks their name (arrows, Enter, or typing its first letters)
// and types their PIN; an operator without one creates it. The main side keeps who was chosen and
// signs every write with it; the window never sends a name with a write.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import MenuList from '@mui/material/MenuList';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Operator } from '../../shared/contract';
import { call } from '../api/client';
import { useWork } from '../lib/work';
import { EntryPage } from '../components/EntryPage';
import { PinField } from '../components/PinField';
import { useSession } from '../stores/session';
import { OPERATOR_CHOICE_TEXT as TEXT } from './operatorChoice.text';
import { ResetPinDialog } from './OperatorsCard';
import { BusyButton } from '../components/BusyButton';

const PIN = /^\d{4,8}$/;

export function OperatorChoice() {
  const startSession = useSession((s) => s.startSession);
  const endedWhy = useSession((s) => s.endedWhy);
  const [operators, setOperators] = useState<Operator[] | null>(null);
  const [chosen, setChosen] = useState<Operator | null>(null);
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [forgot, setForgot] = useState(false);
  const { running, error, setError, run } = useWork();
  const pinRef = useRef<HTMLInputElement>(null);

  async function load() {
    const list = (await call('operators:list', {})).operators.filter((o) => !o.disabled);
    setOperators(list);
    setChosen((current) => list.find((o) => o.id === current?.id) ?? (list.length === 1 ? list[0]! : null));
  }

  useEffect(() => {
    void run(load);
  }, []);

  useEffect(() => {
    if (chosen) pinRef.current?.focus();
  }, [chosen]);

  function choose(operator: Operator) {
    setChosen(operator);
    setPin('');
    setRepeat('');
    setProblem(null);
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return setProblem(TEXT.chooseFirst);
    if (!PIN.test(pin)) return setProblem(TEXT.pinInvalid);
    if (!chosen.hasPin && pin !== repeat) return setProblem(TEXT.pinsDiffer);
    setProblem(null);
    await run(async () => {
      try {
        await startSession(chosen.name, pin);
      } catch (failure) {
        setPin('');
        pinRef.current?.focus();
        await load().catch(() => undefined);
        throw failure;
      }
    });
  }

  const message = problem ?? error;
  return (
    <EntryPage title={TEXT.title} intro={TEXT.intro}>
    {endedWhy ? (
      <Alert severity="warning" sx={{ mb: 2 }}>
        {endedWhy}
      </Alert>
    ) : null}
    {operators !== null && operators.length === 0 ? <Alert severity="warning">{TEXT.none}</Alert> : null}
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack spacing={2.5}>
        <Paper variant="outlined" sx={{ maxHeight: 280, overflowY: 'auto' }}>
          <MenuList aria-label={TEXT.list} autoFocusItem={chosen === null} dense>
            {(operators ?? []).map((operator) => (
              <MenuItem key={operator.id} selected={chosen?.id === operator.id} onClick={() => choose(operator)}>
                <ListItemText
                  primary={operator.name}
                  secondary={operator.lockedUntil ? TEXT.waiting : operator.hasPin ? null : TEXT.noPinYet}
                />
              </MenuItem>
            ))}
          </MenuList>
        </Paper>
        {chosen ? (
          <Stack direction="row" spacing={2}>
            <PinField
              inputRef={pinRef}
              label={chosen.hasPin ? TEXT.pinOf(chosen.name) : TEXT.newPin}
              value={pin}
              onChange={setPin}
              helperText={chosen.hasPin ? TEXT.pinHelp : TEXT.newPinHelp}
              disabled={running}
              sx={{ flex: 1 }}
            />
            {chosen.hasPin ? null : (
              <PinField label={TEXT.repeatPin} value={repeat} onChange={setRepeat} disabled={running} sx={{ flex: 1 }} />
            )}
          </Stack>
        ) : null}
        {message ? (
          <Alert severity="error" role="alert">
            {message}
          </Alert>
        ) : null}
        <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
          <BusyButton type="submit" variant="contained" size="large" busy={running} disabled={!chosen}>
            {running ? TEXT.entering : TEXT.enter}
          </BusyButton>
        </Box>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
          <Typography variant="body2" sx={{ color: 'text.secondary', flex: 1 }}>
            {TEXT.forgot}
          </Typography>
          <Button size="small" onClick={() => setForgot(true)} disabled={!chosen?.hasPin || running} sx={{ flexShrink: 0 }}>
            {TEXT.forgotButton}
          </Button>
        </Box>
      </Stack>
    </form>
    {forgot && chosen ? (
      <ResetPinDialog
        operator={chosen}
        onClose={() => setForgot(false)}
        onDone={async () => {
          await load();
          setChosen((current) => (current ? { ...current, hasPin: false, lockedUntil: null } : current));
        }}
      />
    ) : null}
    </EntryPage>
  );
}
