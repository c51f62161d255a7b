// "Verificar um pacote…" in Lotes: the clerk picks a package file (a native dialog in the app, an
// upload in the browser preview), it is checked as a job (batches:verify) with its progress on the
// page, an encrypted one asks for its password, and a dialog says whether the package is sound.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useRef, useState, type ReactNode } from 'react';
import type { VerifyResult } from '../../shared/contract';
import type { PickedFile } from '../../shared/contract/channels';
import { PASSPHRASE_MAX } from '../../shared/contract/common';
import type { JobStatus } from '../../shared/contract/jobs';
import { errorMessage } from '../api/client';
import { pickFile } from '../api/desktop';
import { JobDialog } from '../components/JobDialog';
import { JobProgress } from '../components/JobProgress';
import { PassphraseAskField } from '../components/PassphraseAskField';
import { tooLongError } from '../lib/textLimit';
import { useBatches } from '../stores/batches';
import { cancelJob } from '../stores/jobs';
import { BATCHES_TEXT, isBackupZip } from './batches.text';

const TEXT = BATCHES_TEXT.verifyDialog;

const ZIP_FILTER = [{ name: TEXT.filter, extensions: ['zip'] }];

/** The package's password was asked for: the file, and whether the one given was wrong. */
interface Asking {
  file: PickedFile;
  wrong: boolean;
}

/**
 * The action of the Lotes toolbar: `start` picks a file and checks it; `view` is what it shows
 * (the progress on the page, the password dialog, the verdict), placed in the page's body.
 */
export function usePackageVerify(): { busy: boolean; start(): void; view: ReactNode } {
  const verifyPackage = useBatches((s) => s.verifyPackage);
  // Set before the first status arrives: a second click while the file is picked or checked does nothing.
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [verdict, setVerdict] = useState<{ name: string; result: VerifyResult } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function check(file: PickedFile, passphrase: string | null) {
    setBusy(true);
    setError(null);
    const outcome = await verifyPackage({ path: file.handle, passphrase }, setStatus);
    setStatus(null);
    setBusy(false);
    if (!outcome.ok) {
      setAsking(null);
      if (!outcome.cancelled) setError(`${TEXT.failed} ${outcome.message}`);
      return;
    }
    const codes = outcome.value.problems.map((p) => p.code);
    // An encrypted package opens only with its password: asked for, and asked again when wrong.
    if (codes.includes('ZIP_PASSWORD_REQUIRED') || (codes.includes('ZIP_PASSWORD_WRONG') && passphrase !== null)) {
      setAsking({ file, wrong: passphrase !== null });
      return;
    }
    setAsking(null);
    setVerdict({ name: file.name, result: outcome.value });
  }

  async function guarded(work: () => Promise<void>) {
    if (running.current) return;
    running.current = true;
    try {
      await work();
    } finally {
      running.current = false;
    }
  }

  const start = () =>
    void guarded(async () => {
      setError(null);
      let file: PickedFile | null;
      try {
        file = await pickFile(TEXT.pickTitle, ZIP_FILTER);
      } catch (failure) {
        setError(`${TEXT.failed} ${errorMessage(failure)}`);
        return;
      }
      if (file) await check(file, null);
    });

  const cancel = status ? () => void cancelJob(status.id) : undefined;
  const view = (
    <>
      {busy && !asking ? (
        <Card sx={{ mb: 2 }}>
          <CardContent>{status ? <JobProgress status={status} onCancel={cancel} /> : <LinearProgress aria-label={TEXT.progress} />}</CardContent>
        </Card>
      ) : null}
      {error ? (
        <Alert severity="error" onClose={() => setError(null)} sx={{ mb: 2, wordBreak: 'break-word' }}>
          {error}
        </Alert>
      ) : null}
      {asking ? (
        <PackagePassphraseDialog
          fileName={asking.file.name}
          wrong={asking.wrong && !busy}
          busy={busy}
          job={busy ? { status, label: TEXT.progress, ...(cancel ? { onCancel: cancel } : {}) } : null}
          onClose={() => setAsking(null)}
          onSubmit={(passphrase) => void guarded(() => check(asking.file, passphrase))}
        />
      ) : null}
      {verdict ? <BatchVerifyDialog name={verdict.name} result={verdict.result} onClose={() => setVerdict(null)} /> : null}
    </>
  );
  return { busy, start, view };
}

/** The password of an encrypted package; it stays open while the file is checked, and says when the password was wrong. */
function PackagePassphraseDialog({
  fileName,
  wrong,
  busy,
  job,
  onClose,
  onSubmit,
}: {
  fileName: string;
  wrong: boolean;
  busy: boolean;
  job: { status: JobStatus | null; label: string; onCancel?(): void } | null;
  onClose(): void;
  onSubmit(passphrase: string): void;
}) {
  const [value, setValue] = useState('');
  // No password this long can have made a package: said under the field, never sent.
  const usable = value !== '' && tooLongError(TEXT.passphrase, value, PASSPHRASE_MAX) === null;
  return (
    <JobDialog
      title={TEXT.askTitle}
      intro={TEXT.askText(fileName)}
      maxWidth="xs"
      busy={busy}
      typed={value !== ''}
      onClose={onClose}
      onSubmit={() => {
        if (!usable) return;
        onSubmit(value);
        setValue('');
      }}
      job={job}
      cancelLabel={TEXT.cancel}
      confirm={{ label: busy ? TEXT.checking : TEXT.continue, disabled: !usable }}
    >
      <PassphraseAskField label={TEXT.passphrase} value={value} onChange={setValue} busy={busy} wrong={wrong ? TEXT.wrong : null} />
    </JobDialog>
  );
}

/** One line of a sound package's facts: its label, then its value. */
function Fact({ label, children, code = false }: { label: string; children: ReactNode; code?: boolean }) {
  return (
    <>
      <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
        {label}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        sx={{ m: 0, mb: { xs: 1, sm: 0 }, wordBreak: code ? 'break-all' : 'break-word', ...(code ? { fontFamily: 'monospace', fontSize: 13 } : {}) }}
      >
        {children}
      </Typography>
    </>
  );
}

/** The verdict on a package: sound (what it is, its code, its signature), or why it is not. */
export function BatchVerifyDialog({ name, result, onClose }: { name: string; result: VerifyResult; onClose(): void }) {
  const problems = TEXT.problems(result.problems);
  // A backup given by mistake is told in one sentence, without the advice about a damaged package.
  const backup = isBackupZip(result.problems);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{TEXT.title(result.valid, result.problems)}</DialogTitle>
      <DialogContent>
        {result.valid ? (
          <>
            <Alert severity="success" sx={{ mb: 2, wordBreak: 'break-word' }}>
              {TEXT.validIntro(name)}
            </Alert>
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 2, rowGap: 1, m: 0 }}>
              {result.batch ? <Fact label={TEXT.number}>{result.batch.number}</Fact> : null}
              {result.batch?.sourceOrganization ? <Fact label={TEXT.organization}>{result.batch.sourceOrganization}</Fact> : null}
              {result.encrypted ? <Fact label={TEXT.protection}>{TEXT.encrypted}</Fact> : null}
              <Fact label={TEXT.sha} code>
                {result.sha256}
              </Fact>
              {result.signature ? <Fact label={TEXT.signature}>{result.signature.message}</Fact> : null}
            </Box>
            {/* Sound, but of a lote a restore undid on this desk: its answer will be refused. */}
            {(result.warnings ?? []).map((w) => (
              <Alert key={w.code} severity="warning" sx={{ mt: 2, wordBreak: 'break-word' }}>
                {w.message}
              </Alert>
            ))}
          </>
        ) : (
          <>
            {!backup ? (
              <Typography variant="body2" sx={{ mb: 1, wordBreak: 'break-word' }}>
                {TEXT.invalidIntro(name)}
              </Typography>
            ) : null}
            <List dense sx={backup ? { pt: 0 } : undefined}>
              {problems.map((line, at) => (
                <ListItem key={at} disableGutters>
                  <ListItemText primary={line} sx={{ wordBreak: 'break-word' }} />
                </ListItem>
              ))}
            </List>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained" autoFocus>
          {TEXT.close}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
