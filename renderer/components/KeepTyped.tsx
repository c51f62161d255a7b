// A dialog holding what the clerk typed does not lose it to a stray Esc or a click beside it: the
// desk asks first. Its own Cancelar stays a deliberate choice and closes at once.
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useId, useState, type ReactNode } from 'react';
import { COMMON_TEXT } from './common.text';

/**
 * `close`: what the dialog's Esc and backdrop click call — `onClose` at once when nothing is typed,
 * else the question; `question`: the question itself, to render beside the dialog.
 */
export function useKeepTyped(typed: boolean, onClose: () => void): { close(): void; question: ReactNode } {
  const [asking, setAsking] = useState(false);
  const titleId = useId();
  const question = (
    <Dialog open={asking} onClose={() => setAsking(false)} role="alertdialog" aria-labelledby={titleId} maxWidth="xs">
      <DialogTitle id={titleId}>{COMMON_TEXT.discardTypedTitle}</DialogTitle>
      <DialogContent>
        <DialogContentText>{COMMON_TEXT.discardTypedBody}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setAsking(false)} autoFocus>
          {COMMON_TEXT.keepEditing}
        </Button>
        <Button
          color="error"
          onClick={() => {
            setAsking(false);
            onClose();
          }}
        >
          {COMMON_TEXT.discardTyped}
        </Button>
      </DialogActions>
    </Dialog>
  );
  return { close: () => (typed ? setAsking(true) : onClose()), question };
}
