// Configurações → Operadores: who works at the desk, adding one, disabling one (never deleting:
// the audit names them), clearing a forgotten PIN with the council's admin PIN, and setting that
// admin PIN once.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import type { Operator } from '../../shared/contract';
import { OPERATOR_NAME_MAX } from '../../shared/contract/operators';
import { call, failureOf } from '../api/client';
import { LimitedTextField } from '../components/LimitedTextField';
import { SettingsCard } from '../components/SettingsCard';
import { tooLongError } from '../lib/textLimit';
import { useWork } from '../lib/work';
import { useNotify } from '../stores/notify';
import { PinField } from '../components/PinField';
import { TableHeadRow } from '../components/TableHeadRow';
import { useSession } from '../stores/session';
import { OPERATORS_TEXT as TEXT } from './operators.text';
import { BusyButton } from '../components/BusyButton';

const PIN = /^\d{4,8}$/;
const NAME_ID = 'new-operator-name';

function stateOf(operator: Operator): string {
  if (operator.disabled) return TEXT.disabled;
  if (operator.lockedUntil) return TEXT.waiting;
  return operator.hasPin ? TEXT.active : TEXT.noPin;
}

export function OperatorsCard() {
  const me = useSession((s) => s.info?.sessionOperator ?? null);
  const notify = useNotify((s) => s.show);
  const [list, setList] = useState<{ operators: Operator[]; adminPinSet: boolean } | null>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [disabling, setDisabling] = useState<Operator | null>(null);
  const [resetting, setResetting] = useState<Operator | null>(null);
  const { running, error, run } = useWork();

  const load = async () => setList(await call('operators:list', {}));
  useEffect(() => {
    void run(load);
  }, []);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (name.trim().length < 2) return setNameError(TEXT.nameInvalid);
    // The field says it at once; the keyboard goes back to it.
    if (tooLongError(TEXT.nameName, name, OPERATOR_NAME_MAX)) return document.getElementById(NAME_ID)?.focus();
    setNameError(null);
    await run(async () => {
      // Refused (a name already on the list), it is said under the name, where it is fixed.
      const failure = await failureOf(async () => {
        const added = await call('operators:add', { name: name.trim() });
        setName('');
        notify(TEXT.added(added.name));
      });
      if (failure) setNameError(failure);
      await load();
    });
  }

  async function disable(operator: Operator) {
    setDisabling(null);
    await run(async () => {
      await call('operators:disable', { id: operator.id });
      notify(TEXT.disabledDone(operator.name));
      await load();
    });
  }

  return (
    <SettingsCard title={TEXT.title} help={TEXT.help} error={error}>
      <Table size="small" sx={{ maxWidth: 860, mb: 2 }}>
        <TableHeadRow columns={[TEXT.name, TEXT.state, { label: TEXT.actions, align: 'right' }]} />
        <TableBody>
          {(list?.operators ?? []).map((operator) => (
            <TableRow key={operator.id}>
              <TableCell>
                {operator.name} {operator.name === me ? TEXT.you : ''}
              </TableCell>
              <TableCell>{stateOf(operator)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {operator.disabled ? null : (
                  <>
                    <BusyButton size="small" onClick={() => setResetting(operator)} busy={running} disabled={!operator.hasPin} aria-label={`${TEXT.resetPin}: ${operator.name}`}>
                      {TEXT.resetPin}
                    </BusyButton>
                    <BusyButton size="small" color="error" onClick={() => setDisabling(operator)} busy={running} disabled={operator.name === me} aria-label={`${TEXT.disable}: ${operator.name}`}>
                      {TEXT.disable}
                    </BusyButton>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box component="form" onSubmit={(e: FormEvent) => void add(e)} noValidate sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', maxWidth: 720, flexWrap: 'wrap' }}>
        <LimitedTextField
          id={NAME_ID}
          label={TEXT.newName}
          limitName={TEXT.nameName}
          max={OPERATOR_NAME_MAX}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError !== null}
          helperText={nameError ?? TEXT.newNameHelp}
          disabled={running}
          sx={{ flex: '1 1 280px' }}
        />
        <BusyButton type="submit" variant="outlined" busy={running} sx={{ mt: 1 }}>
          {TEXT.add}
        </BusyButton>
      </Box>
      {list ? <AdminPin set={list.adminPinSet} onSet={load} /> : null}
      <Dialog open={disabling !== null} onClose={() => setDisabling(null)}>
        <DialogTitle>{disabling ? TEXT.disableTitle(disabling.name) : ''}</DialogTitle>
        <DialogContent>
          <DialogContentText>{TEXT.disableBody}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDisabling(null)}>{TEXT.cancel}</Button>
          <Button color="error" variant="contained" onClick={() => disabling && void disable(disabling)}>
            {TEXT.disable}
          </Button>
        </DialogActions>
      </Dialog>
      {resetting ? <ResetPinDialog operator={resetting} onClose={() => setResetting(null)} onDone={load} /> : null}
    </SettingsCard>
  );
}

/** Clears an operator's PIN with the admin PIN (also from the choice of who works, before any session). */
export function ResetPinDialog({ operator, onClose, onDone }: { operator: Operator; onClose(): void; onDone(): Promise<void> }) {
  const notify = useNotify((s) => s.show);
  const [adminPin, setAdminPin] = useState('');
  const { running, error, run } = useWork();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await call('operators:resetPin', { id: operator.id, adminPin });
      notify(TEXT.resetDone(operator.name));
      onClose();
      await onDone();
    });
  }

  return (
    <Dialog open onClose={onClose} slotProps={{ paper: { component: 'form', onSubmit: (e: FormEvent) => void submit(e), noValidate: true } as object }}>
      <DialogTitle>{TEXT.resetTitle(operator.name)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{TEXT.resetBody}</DialogContentText>
        <PinField autoFocus fullWidth label={TEXT.adminPin} value={adminPin} onChange={setAdminPin} error={error !== null} helperText={error} readOnly={running} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{TEXT.cancel}</Button>
        <BusyButton type="submit" variant="contained" busy={running} disabled={!PIN.test(adminPin)}>
          {TEXT.resetPin}
        </BusyButton>
      </DialogActions>
    </Dialog>
  );
}

function AdminPin({ set, onSet }: { set: boolean; onSet(): Promise<void> }) {
  const notify = useNotify((s) => s.show);
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { running, error, run } = useWork();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!PIN.test(pin)) return setProblem(TEXT.pinInvalid);
    if (pin !== repeat) return setProblem(TEXT.pinsDiffer);
    setProblem(null);
    await run(async () => {
      await call('operators:setAdminPin', { pin });
      notify(TEXT.adminSaved);
      await onSet();
    });
  }

  return (
    <Box sx={{ mt: 3, maxWidth: 720 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 0.5 }}>
        {TEXT.adminTitle}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: set ? 0 : 2 }}>
        {set ? TEXT.adminSet : TEXT.adminUnset}
      </Typography>
      {set ? null : (
        <Box component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <PinField label={TEXT.adminNew} value={pin} onChange={setPin} disabled={running} />
            <PinField label={TEXT.adminRepeat} value={repeat} onChange={setRepeat} disabled={running} error={(problem ?? error) !== null} helperText={problem ?? error} />
            <BusyButton type="submit" variant="outlined" busy={running} sx={{ mt: 1 }}>
              {TEXT.adminSave}
            </BusyButton>
          </Stack>
        </Box>
      )}
    </Box>
  );
}
