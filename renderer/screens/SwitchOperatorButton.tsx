// Trocar: back to the choice of who works. A correction half typed is the operator's own: it is
// never left for the next one to sign, so Trocar asks before discarding it.
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { draftTyped } from '../lib/draft';
import { useDrafts } from '../stores/correctionDraft';
import { useSession } from '../stores/session';
import { SHELL_TEXT } from './shell.text';

export function SwitchOperatorButton() {
  const endSession = useSession((s) => s.endSession);
  const [typed, setTyped] = useState(0);

  function switchNow() {
    setTyped(0);
    useDrafts.getState().clear();
    void endSession();
  }

  function ask() {
    const count = Object.values(useDrafts.getState().drafts).filter(draftTyped).length;
    if (count > 0) setTyped(count);
    else switchNow();
  }

  return (
    <>
      <Tooltip title={SHELL_TEXT.switchOperatorHint} describeChild>
        <Button color="inherit" variant="outlined" size="small" onClick={ask} sx={{ flexShrink: 0, borderColor: 'rgba(255,255,255,0.6)' }}>
          {SHELL_TEXT.switchOperator}
        </Button>
      </Tooltip>
      <Dialog open={typed > 0} onClose={() => setTyped(0)} aria-labelledby="switch-operator-title">
        <DialogTitle id="switch-operator-title">{SHELL_TEXT.switchTitle}</DialogTitle>
        <DialogContent>
          <DialogContentText>{SHELL_TEXT.switchBody(typed)}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setTyped(0)} autoFocus>
            {SHELL_TEXT.switchKeep}
          </Button>
          <Button color="error" onClick={switchNow}>
            {SHELL_TEXT.switchConfirm}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
