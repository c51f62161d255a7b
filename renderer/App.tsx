// The gate: while the store opens, a progress bar; before setup, the first-run screen; before
// anyone chose who works, the choice of operator; then the app.
import CloseIcon from '@mui/icons-material/Close';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { SESSION_LOST_EVENT } from './api/client';
import { useLoad } from './lib/load';
import { FirstRun } from './screens/FirstRun';
import { OperatorChoice } from './screens/OperatorChoice';
import { Shell } from './screens/Shell';
import { SHELL_TEXT } from './screens/shell.text';
import { useNotify } from './stores/notify';
import { useSession } from './stores/session';

export function App() {
  const { info, loadError, loadRetryable, load } = useSession();

  useLoad(load);

  useEffect(() => {
    const lost = (event: Event) => {
      const why = event instanceof CustomEvent && typeof event.detail === 'string' ? event.detail : null;
      useSession.getState().sessionLost(why);
    };
    window.addEventListener(SESSION_LOST_EVENT, lost);
    return () => window.removeEventListener(SESSION_LOST_EVENT, lost);
  }, []);

  let body;
  if (loadError) {
    body = (
      <Box sx={{ maxWidth: 560, mx: 'auto', mt: 12, px: 2 }}>
        <Alert
          severity="error"
          action={
            loadRetryable && (
              <Button color="inherit" onClick={() => void load()}>
                {SHELL_TEXT.retry}
              </Button>
            )
          }
        >
          <Typography component="p" sx={{ fontWeight: 600 }}>
            {SHELL_TEXT.startFailed}
          </Typography>
          {loadError}
        </Alert>
      </Box>
    );
  } else if (!info) {
    body = (
      <Box sx={{ maxWidth: 420, mx: 'auto', mt: 16, px: 2, textAlign: 'center' }}>
        <Typography sx={{ mb: 2, color: 'text.secondary' }}>{SHELL_TEXT.starting}</Typography>
        <LinearProgress aria-label={SHELL_TEXT.starting} />
      </Box>
    );
  } else if (!info.settings) {
    body = <FirstRun />;
  } else if (!info.sessionOperator) {
    body = <OperatorChoice />;
  } else {
    body = <Shell />;
  }

  return (
    <>
      {body}
      <Notices />
    </>
  );
}

function Notices() {
  const { notice, dismiss } = useNotify();
  return (
    <Snackbar
      key={notice?.id}
      open={notice !== null}
      autoHideDuration={notice?.action || notice?.severity === 'warning' ? null : 5000}
      onClose={(_, reason) => reason !== 'clickaway' && dismiss()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      {notice ? (
        <Alert
          severity={notice.severity}
          variant="filled"
          onClose={dismiss}
          sx={{ minWidth: 360, alignItems: 'center' }}
          action={
            notice.action ? (
              <>
                <Button
                  color="inherit"
                  size="small"
                  sx={{ whiteSpace: 'nowrap' }}
                  onClick={() => {
                    dismiss();
                    notice.action?.onClick();
                  }}
                >
                  {notice.action.label}
                </Button>
                <IconButton color="inherit" size="small" aria-label={SHELL_TEXT.closeNotice} onClick={dismiss}>
                  <CloseIcon fontSize="small" />
                </IconButton>
              </>
            ) : undefined
          }
        >
          {notice.message}
        </Alert>
      ) : undefined}
    </Snackbar>
  );
}
