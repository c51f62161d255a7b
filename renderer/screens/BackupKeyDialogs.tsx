// The Backups screen's dialogs about keys: the copy for Implanta (its database encrypted with a
// passphrase agreed with Implanta, asked twice) and the recovery key a backup made with another
// desk's key needs (a backup of this desk before a reinstall, or of another computer).
import KeyIcon from '@mui/icons-material/Key';
import LockIcon from '@mui/icons-material/Lock';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { FormEvent } from 'react';
import { DialogForm } from '../components/DialogForm';
import { useKeepTyped } from '../components/KeepTyped';
import { BACKUPS_TEXT as TEXT } from './backups.text';
import { PassphrasePair, usePassphrasePair } from './BackupsDialogs';

/** As db/backups/create.ts requires: the passphrase alone protects the data once the file leaves the council. */
const IMPLANTA_MIN_PASSPHRASE = 12;

export function ImplantaCopyDialog({ open, onClose, onStart }: { open: boolean; onClose: () => void; onStart: (passphrase: string) => void }) {
  const pair = usePassphrasePair(IMPLANTA_MIN_PASSPHRASE);
  const close = () => (pair.reset(), onClose());
  const keep = useKeepTyped(pair.typed, close);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pair.check()) return;
    onStart(pair.first);
    pair.reset();
  };
  return (
    <>
      <Dialog open={open} onClose={keep.close} fullWidth maxWidth="sm">
        <DialogForm onSubmit={submit}>
          <DialogTitle>{TEXT.implantaTitle}</DialogTitle>
          <DialogContent>
            <Stack spacing={2}>
              <Typography variant="body2">{TEXT.implantaIntro}</Typography>
              <Alert severity="warning" icon={<LockIcon />}>
                {TEXT.implantaPassphraseWarning}
              </Alert>
              <PassphrasePair pair={pair} min={IMPLANTA_MIN_PASSPHRASE} tooShortText={TEXT.implantaPassphraseTooShort} />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>{TEXT.cancel}</Button>
            <Button type="submit" variant="contained">
              {TEXT.implantaStart}
            </Button>
          </DialogActions>
        </DialogForm>
      </Dialog>
      {keep.question}
    </>
  );
}

export function RecoveryKeyNeededDialog({ fileName, onClose, onChoose }: { fileName: string | null; onClose: () => void; onChoose: () => void }) {
  return (
    <Dialog open={fileName !== null} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{TEXT.otherKeyTitle}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography variant="body2">{TEXT.otherKeyText(fileName ?? '')}</Typography>
          <Alert severity="info">{TEXT.otherKeyWhere}</Alert>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{TEXT.cancel}</Button>
        <Button variant="contained" startIcon={<KeyIcon />} onClick={onChoose}>
          {TEXT.otherKeyChoose}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
