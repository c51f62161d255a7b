// The Backups screen's dialogs: a new backup (with an optional passphrase asked twice), a
// passphrase for an encrypted file, a verification's problems, and the restore confirmation.
import LockIcon from '@mui/icons-material/Lock';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState, type FormEvent } from 'react';
import type { BackupVerification, RestorePrepared } from '../../shared/contract/backups';
import { PASSPHRASE_MAX } from '../../shared/contract/common';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { DialogForm } from '../components/DialogForm';
import { LimitedTextField } from '../components/LimitedTextField';
import { PassphraseAskField } from '../components/PassphraseAskField';
import { useKeepTyped } from '../components/KeepTyped';
import { tooLongError } from '../lib/textLimit';
import type { RestoreConfirmation } from '../stores/backups';
import { BACKUPS_TEXT as TEXT } from './backups.text';
import { BusyButton } from '../components/BusyButton';

const MIN_PASSPHRASE = 8;

/** A new passphrase typed twice: its state, and whether it may be used (`min`: the shortest allowed). */
export function usePassphrasePair(min: number) {
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [touched, setTouched] = useState(false);
  const tooShort = first.length < min;
  // Said by the field itself as soon as it is pasted (LimitedTextField); here it stops the backup.
  const tooLong = tooLongError(TEXT.passphrase, first, PASSPHRASE_MAX) !== null;
  const mismatch = first !== second;
  return {
    first,
    second,
    setFirst,
    setSecond,
    touched,
    tooShort,
    mismatch,
    /** Something is typed in either field: a stray Esc asks before losing it. */
    typed: first !== '' || second !== '',
    /** Marks the fields touched; true when the passphrase may be used. */
    check: () => (setTouched(true), !tooShort && !tooLong && !mismatch),
    reset: () => (setFirst(''), setSecond(''), setTouched(false)),
  };
}

/** The two password fields of a new passphrase, with their messages once the clerk tried to go on. */
export function PassphrasePair({ pair, min, tooShortText }: { pair: ReturnType<typeof usePassphrasePair>; min: number; tooShortText: string }) {
  return (
    <>
      <LimitedTextField
        type="password"
        label={TEXT.passphrase}
        max={PASSPHRASE_MAX}
        value={pair.first}
        autoFocus
        autoComplete="new-password"
        onChange={(e) => pair.setFirst(e.target.value)}
        error={pair.touched && pair.tooShort}
        // The rule is said before any attempt; after a failed one, the failure in its place.
        helperText={pair.touched && pair.tooShort ? tooShortText : TEXT.passphraseMin(min)}
      />
      <TextField
        type="password"
        label={TEXT.passphraseAgain}
        value={pair.second}
        autoComplete="new-password"
        onChange={(e) => pair.setSecond(e.target.value)}
        error={pair.touched && !pair.tooShort && pair.mismatch}
        helperText={pair.touched && !pair.tooShort && pair.mismatch ? TEXT.passphraseMismatch : ' '}
      />
    </>
  );
}

export function CreateBackupDialog({ open, onClose, onStart }: { open: boolean; onClose: () => void; onStart: (passphrase: string | null) => void }) {
  const [encrypt, setEncrypt] = useState(false);
  const encryptHelpId = useId();
  const pair = usePassphrasePair(MIN_PASSPHRASE);
  const reset = () => {
    setEncrypt(false);
    pair.reset();
  };
  const close = () => (reset(), onClose());
  const keep = useKeepTyped(encrypt && pair.typed, close);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (encrypt && !pair.check()) return;
    onStart(encrypt ? pair.first : null);
    reset();
  };
  return (
    <>
      <Dialog open={open} onClose={keep.close} fullWidth maxWidth="sm">
        <DialogForm onSubmit={submit}>
          <DialogTitle>{TEXT.createTitle}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {TEXT.createIntro}
            </Typography>
            <FormControlLabel
              control={<Checkbox checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} slotProps={{ input: { 'aria-describedby': encryptHelpId } }} />}
              label={TEXT.encrypt}
            />
            {/* The technical detail in small print, for whoever opens the file elsewhere. */}
            <FormHelperText id={encryptHelpId} sx={{ mt: -0.75, ml: 4 }}>
              {TEXT.encryptHelp}
            </FormHelperText>
            {encrypt ? (
              <Stack spacing={2} sx={{ mt: 1 }}>
                <Alert severity="warning" icon={<LockIcon />}>
                  {TEXT.passphraseWarning}
                </Alert>
                <PassphrasePair pair={pair} min={MIN_PASSPHRASE} tooShortText={TEXT.passphraseTooShort} />
              </Stack>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>{TEXT.cancel}</Button>
            <Button type="submit" variant="contained">
              {TEXT.start}
            </Button>
          </DialogActions>
        </DialogForm>
      </Dialog>
      {keep.question}
    </>
  );
}

/** The passphrase of an encrypted backup; it stays open while the file is checked, and says when the passphrase was wrong. */
export function PassphraseDialog({
  fileName,
  wrong,
  busy,
  onClose,
  onSubmit,
}: {
  fileName: string | null;
  wrong: boolean;
  busy: boolean;
  onClose: () => void;
  onSubmit: (passphrase: string) => void;
}) {
  const [value, setValue] = useState('');
  // No passphrase this long can have made a backup: said under the field, never sent to the store.
  const usable = value !== '' && tooLongError(TEXT.passphrase, value, PASSPHRASE_MAX) === null;
  const close = () => (setValue(''), onClose());
  const keep = useKeepTyped(value !== '', close);
  return (
    <>
      <Dialog open={fileName !== null} onClose={busy ? undefined : keep.close} fullWidth maxWidth="xs">
        <DialogForm
          onSubmit={(e) => {
            e.preventDefault();
            if (!usable) return;
            onSubmit(value);
            setValue('');
          }}
        >
          <DialogTitle>{TEXT.askPassphraseTitle}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {TEXT.askPassphraseText(fileName ?? '')}
            </Typography>
            <PassphraseAskField label={TEXT.passphrase} value={value} onChange={setValue} busy={busy} wrong={wrong && !busy ? TEXT.passphraseWrong : null} />
          </DialogContent>
          <DialogActions>
            <BusyButton onClick={close} busy={busy}>
              {TEXT.cancel}
            </BusyButton>
            <BusyButton type="submit" variant="contained" busy={busy} disabled={!usable}>
              {busy ? TEXT.checking : TEXT.continue}
            </BusyButton>
          </DialogActions>
        </DialogForm>
      </Dialog>
      {keep.question}
    </>
  );
}

export function ProblemsDialog({ verification, onClose }: { verification: BackupVerification | null; onClose: () => void }) {
  const name = verification?.file.split(/[/\\]/).pop() ?? '';
  return (
    <Dialog open={verification !== null} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{TEXT.verifyInvalidTitle(name, verification?.problems.map((p) => p.code) ?? [])}</DialogTitle>
      <DialogContent>
        <List dense>
          {verification?.problems.map((p, i) => (
            <ListItem key={i} disableGutters>
              <ListItemText primary={p.message} />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained">
          {TEXT.close}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function RestoreDialog({
  prepared,
  currentProfessionals,
  onCancel,
  onConfirm,
}: {
  prepared: RestorePrepared | null;
  currentProfessionals: number | null;
  onCancel: () => void;
  onConfirm: (confirm: RestoreConfirmation) => void;
}) {
  const [otherOk, setOtherOk] = useState(false);
  const [otherDeskOk, setOtherDeskOk] = useState(false);
  if (!prepared) return null;
  const name = prepared.file.split(/[/\\]/).pop() ?? prepared.file;
  const blocked = (prepared.otherRegion && !otherOk) || (prepared.otherDesk && !otherDeskOk);
  // Another desk of this CRESS: confirmed like another CRESS, or — over a desk only set up — just told.
  const otherDesk = prepared.deskChanges && !prepared.otherRegion && prepared.desk && prepared.currentDesk ? TEXT.otherDesk(prepared.desk, prepared.currentDesk) : null;
  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm">
      <DialogTitle>{TEXT.restoreTitle}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography>{TEXT.restoreWhat(name, prepared.createdAt ? formatDateTimeBr(prepared.createdAt) : '—')}</Typography>
          <Alert severity="warning">{TEXT.restoreConsequence}</Alert>
          {prepared.correctionsAfter.count > 0 ? (
            <Alert severity="warning">{TEXT.restoreDropsCorrections(prepared.correctionsAfter.count, formatDateTimeBr(prepared.correctionsAfter.latest))}</Alert>
          ) : null}
          {prepared.otherAfter.cepChanges + prepared.otherAfter.contacts > 0 ? <Alert severity="warning">{TEXT.restoreDropsOtherWork(prepared.otherAfter)}</Alert> : null}
          {prepared.cancelledAfter.count > 0 ? (
            <Alert severity="warning">{TEXT.restoreBringsBackCancelled(prepared.cancelledAfter.count, formatDateTimeBr(prepared.cancelledAfter.latest))}</Alert>
          ) : null}
          {currentProfessionals !== null ? (
            <Typography variant="body2">{TEXT.restoreCompare(currentProfessionals, prepared.counts.professionals ?? 0)}</Typography>
          ) : null}
          <Typography variant="body2">{TEXT.restoreKept}</Typography>
          {prepared.migratedFrom !== null ? <Alert severity="info">{TEXT.restoreMigrated(prepared.migratedFrom, prepared.schemaVersion)}</Alert> : null}
          {prepared.implantaCopy ? <Alert severity="warning">{TEXT.restoreImplantaCopy}</Alert> : null}
          {prepared.undoneLotes.length > 0 ? <Alert severity="warning">{TEXT.restoreUndoesLotes(prepared.undoneLotes, formatDateTimeBr)}</Alert> : null}
          {prepared.otherRegion ? (
            <Alert severity="error">
              {TEXT.otherRegion(prepared.region, prepared.currentRegion)}
              <FormControlLabel
                sx={{ display: 'flex', mt: 1 }}
                control={<Checkbox checked={otherOk} onChange={(e) => setOtherOk(e.target.checked)} />}
                label={TEXT.otherRegionConfirm}
              />
            </Alert>
          ) : null}
          {otherDesk ? (
            <Alert severity={prepared.otherDesk ? 'error' : 'warning'}>
              {otherDesk}
              {prepared.otherDesk ? (
                <FormControlLabel
                  sx={{ display: 'flex', mt: 1 }}
                  control={<Checkbox checked={otherDeskOk} onChange={(e) => setOtherDeskOk(e.target.checked)} />}
                  label={TEXT.otherDeskConfirm}
                />
              ) : null}
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{TEXT.cancel}</Button>
        <Button color="error" variant="contained" disabled={blocked} onClick={() => onConfirm({ otherRegion: prepared.otherRegion && otherOk, otherDesk: prepared.otherDesk && otherDeskOk })}>
          {TEXT.restoreConfirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
