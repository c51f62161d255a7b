// The dialogs of Lotes: confirmations that say the exact consequence, exporting the package (with
// an optional passphrase asked twice), marking it sent, importing Implanta's answer, and the
// e-mail draft for DIP requests.
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import MailOutlineIcon from '@mui/icons-material/EmailOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { AckResult, BatchSummary, DipEmail, ExportResult } from '../../shared/contract';
import type { JobStatus } from '../../shared/contract/jobs';
import { formatCount, formatDecimal } from '../../shared/display/numbers';
import { parseDateBr, todayIso, formatDateBr } from '../../shared/rules/dates';
import { call, errorMessage } from '../api/client';
import { chooseSavePath, deliver, pickFile, reveal } from '../api/desktop';
import { DateField } from '../components/DateField';
import { JobProgress } from '../components/JobProgress';
import { useBatches } from '../stores/batches';
import { cancelJob } from '../stores/jobs';
import { useNavigation } from '../stores/navigation';
import { useNotify } from '../stores/notify';
import { BATCHES_TEXT } from './batches.text';

const MIN_PASSPHRASE = 8;

/** "3,2 kB", "1,4 MB". */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${formatDecimal(bytes / 1024)} kB`;
  return `${formatDecimal(bytes / (1024 * 1024))} MB`;
}

/** Clipboard from a sandboxed window: the async API when allowed, else a selected textarea. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

export function ConfirmDialog({
  title,
  children,
  confirm,
  danger = false,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirm: string;
  danger?: boolean;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="confirm-title">
      <DialogTitle id="confirm-title">{title}</DialogTitle>
      <DialogContent>
        {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
        <DialogContentText component="div">{children}</DialogContentText>
      </DialogContent>
      {busy ? <LinearProgress aria-label={title} /> : null}
      <DialogActions sx={{ px: 3, py: 1.5 }}>
        <Button onClick={onClose} disabled={busy}>
          {BATCHES_TEXT.keep}
        </Button>
        <Button variant="contained" color={danger ? 'error' : 'primary'} disabled={busy} onClick={() => void run()} autoFocus>
          {confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

type ExportStep = { step: 'form' } | { step: 'running'; status: JobStatus | null } | { step: 'done'; result: ExportResult; revealed: boolean };

export function ExportDialog({ batch, onClose }: { batch: BatchSummary; onClose(): void }) {
  const TEXT = BATCHES_TEXT.exportDialog;
  const exportPackage = useBatches((s) => s.exportPackage);
  const [protect, setProtect] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<ExportStep>({ step: 'form' });
  const [copied, setCopied] = useState(false);

  const shortError = protect && passphrase.length < MIN_PASSPHRASE ? TEXT.tooShort : null;
  const repeatError = protect && repeat !== passphrase ? TEXT.mismatch : null;

  async function start(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (shortError || repeatError) return;
    const target = await chooseSavePath(TEXT.saveTitle, batch.fileName, [{ name: TEXT.filter, extensions: ['zip'] }]).catch((failure: unknown) => {
      setError(errorMessage(failure));
      return null;
    });
    if (!target) return;
    setState({ step: 'running', status: null });
    try {
      const result = await exportPackage({ id: batch.id, path: target.handle, passphrase: protect ? passphrase : null }, (status) => setState({ step: 'running', status }));
      await deliver(target);
      setState({ step: 'done', result, revealed: false });
    } catch (failure) {
      setState({ step: 'form' });
      setError(errorMessage(failure));
    }
  }

  const running = state.step === 'running';
  return (
    <Dialog open onClose={running ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="export-title">
      <Box component="form" onSubmit={(e: FormEvent) => void start(e)} noValidate>
        <DialogTitle id="export-title">{TEXT.title(batch.number)}</DialogTitle>
        <DialogContent dividers>
          {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
          {state.step === 'done' ? (
            <ExportDone result={state.result} copied={copied} onCopy={() => void copyText(state.result.sha256).then(() => setCopied(true))} />
          ) : (
            <>
              <Typography variant="body2" sx={{ mb: 2 }}>
                {TEXT.intro}
              </Typography>
              <FormControlLabel
                control={<Checkbox checked={protect} onChange={(e) => setProtect(e.target.checked)} disabled={running} />}
                label={TEXT.protect}
              />
              {protect ? (
                <Box sx={{ display: 'grid', gap: 2, mt: 1 }}>
                  <TextField
                    type="password"
                    label={TEXT.passphrase}
                    value={passphrase}
                    onChange={(e) => setPassphrase(e.target.value)}
                    error={submitted && shortError !== null}
                    helperText={submitted && shortError ? shortError : TEXT.passphraseHelp}
                    disabled={running}
                    autoFocus
                    slotProps={{ htmlInput: { autoComplete: 'new-password', maxLength: 1024 } }}
                  />
                  <TextField
                    type="password"
                    label={TEXT.repeat}
                    value={repeat}
                    onChange={(e) => setRepeat(e.target.value)}
                    error={submitted && repeatError !== null}
                    helperText={submitted && repeatError ? repeatError : undefined}
                    disabled={running}
                    slotProps={{ htmlInput: { autoComplete: 'new-password', maxLength: 1024 } }}
                  />
                  <Alert severity="warning">{TEXT.warning}</Alert>
                </Box>
              ) : null}
              {state.step === 'running' && state.status ? (
                <Box sx={{ mt: 2 }}>
                  <JobProgress status={state.status} onCancel={() => void cancelJob(state.status!.id)} />
                </Box>
              ) : state.step === 'running' ? (
                <LinearProgress sx={{ mt: 2 }} aria-label={TEXT.choose} />
              ) : null}
            </>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, py: 1.5 }}>
          {state.step === 'done' ? (
            <>
              <Button
                startIcon={<FolderOpenIcon />}
                onClick={() => void reveal(state.result.path).then((shown) => setState({ ...state, revealed: shown }))}
                sx={{ display: window.cress ? undefined : 'none' }}
              >
                {TEXT.reveal}
              </Button>
              <Button variant="contained" onClick={onClose} autoFocus>
                {TEXT.close}
              </Button>
            </>
          ) : (
            <>
              <Button onClick={onClose} disabled={running}>
                {TEXT.cancel}
              </Button>
              <Button type="submit" variant="contained" disabled={running}>
                {TEXT.choose}
              </Button>
            </>
          )}
        </DialogActions>
      </Box>
    </Dialog>
  );
}

function ExportDone({ result, copied, onCopy }: { result: ExportResult; copied: boolean; onCopy(): void }) {
  const TEXT = BATCHES_TEXT.exportDialog;
  return (
    <Box role="status">
      <Alert severity="success" sx={{ mb: 2 }}>
        <Typography sx={{ fontWeight: 600 }}>{TEXT.done}</Typography>
        {TEXT.result(result.fileName, formatSize(result.bytes))}
        {result.encrypted ? ` · ${TEXT.encrypted}` : ''}
      </Alert>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 0.5 }}>
        {TEXT.sha}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography component="code" sx={{ fontFamily: 'monospace', fontSize: 13, wordBreak: 'break-all', flex: 1 }}>
          {result.sha256}
        </Typography>
        <Button size="small" startIcon={<ContentCopyIcon />} onClick={onCopy}>
          {copied ? TEXT.copied : TEXT.copy}
        </Button>
      </Box>
      <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1.5, wordBreak: 'break-all' }}>
        {result.path}
      </Typography>
    </Box>
  );
}

function nowParts(): { date: string; time: string } {
  const now = new Date();
  return { date: formatDateBr(todayIso(now)), time: `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}` };
}

export function SentDialog({ batch, onClose }: { batch: BatchSummary; onClose(): void }) {
  const TEXT = BATCHES_TEXT.sentDialog;
  const markSent = useBatches((s) => s.markSent);
  const notify = useNotify((s) => s.show);
  const [values, setValues] = useState(() => ({ ...nowParts(), hours: String(batch.overdueHours) }));
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const date = parseDateBr(values.date);
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(values.time.trim());
  const hours = /^\d+$/.test(values.hours) ? Number(values.hours) : NaN;
  const errors = {
    date: date.ok ? null : TEXT.invalidDate,
    time: time ? null : TEXT.invalidTime,
    hours: hours >= 1 && hours <= 8760 ? null : TEXT.invalidHours,
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (!date.ok || !time || errors.hours) return;
    const [y, m, d] = date.value.split('-').map(Number) as [number, number, number];
    const sentAt = new Date(y, m - 1, d, Number(time[1]), Number(time[2])).toISOString();
    setBusy(true);
    try {
      await markSent(batch.id, sentAt, hours);
      notify(TEXT.done(batch.number));
      onClose();
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="sent-title">
      <Box component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate>
        <DialogTitle id="sent-title">{TEXT.title(batch.number)}</DialogTitle>
        <DialogContent dividers>
          {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
          <Typography variant="body2" sx={{ mb: 2 }}>
            {TEXT.intro}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 2 }}>
            <DateField
              label={TEXT.date}
              value={values.date}
              onChange={(v) => setValues((s) => ({ ...s, date: v }))}
              error={submitted && errors.date !== null}
              helperText={submitted ? (errors.date ?? undefined) : undefined}
              disabled={busy}
            />
            <TextField
              label={TEXT.time}
              value={values.time}
              placeholder="hh:mm"
              onChange={(e) => setValues((s) => ({ ...s, time: e.target.value }))}
              error={submitted && errors.time !== null}
              helperText={submitted ? (errors.time ?? undefined) : undefined}
              disabled={busy}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 }, inputLabel: { shrink: true } }}
            />
            <TextField
              label={TEXT.hours}
              value={values.hours}
              onChange={(e) => setValues((s) => ({ ...s, hours: e.target.value.replace(/\D/g, '') }))}
              error={submitted && errors.hours !== null}
              helperText={(submitted ? errors.hours : null) ?? TEXT.hoursHelp}
              disabled={busy}
              sx={{ gridColumn: '1 / -1' }}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 } }}
            />
          </Box>
        </DialogContent>
        {busy ? <LinearProgress aria-label={TEXT.confirm} /> : null}
        <DialogActions sx={{ px: 3, py: 1.5 }}>
          <Button onClick={onClose} disabled={busy}>
            {BATCHES_TEXT.keep}
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {TEXT.confirm}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

export function AckDialog({ onClose }: { onClose(): void }) {
  const TEXT = BATCHES_TEXT.ackDialog;
  const acknowledge = useBatches((s) => s.acknowledge);
  const go = useNavigation((s) => s.go);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<AckResult | null>(null);

  async function choose() {
    setError(null);
    let file;
    try {
      file = await pickFile(TEXT.pickTitle, [{ name: TEXT.filter, extensions: ['json', 'csv', 'xlsx'] }]);
    } catch (failure) {
      setError(errorMessage(failure));
      return;
    }
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      setResult(await acknowledge({ path: file.handle, fileName: file.name }, setStatus));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
      setStatus(null);
    }
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="ack-title">
      <DialogTitle id="ack-title">{TEXT.title}</DialogTitle>
      <DialogContent dividers>
        {error ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            <Typography sx={{ fontWeight: 600 }}>{TEXT.refused}</Typography>
            {error}
          </Alert>
        ) : null}
        {result ? (
          <Alert severity={result.rejected > 0 || result.registryOnly > 0 ? 'warning' : 'success'} sx={{ mb: 2 }} role="status">
            <Typography sx={{ fontWeight: 600 }}>{TEXT.result(result.batch.number)}</Typography>
            {result.applied + result.rejected + result.dipUpdated === 0 ? TEXT.nothingChanged : TEXT.counts(result.applied, result.rejected, result.unchanged, result.unanswered)}
            {result.registryOnly > 0 ? <Typography variant="body2" sx={{ mt: 0.5 }}>{TEXT.registryOnly(result.registryOnly)}</Typography> : null}
            {result.dipUpdated > 0 ? <Typography variant="body2" sx={{ mt: 0.5 }}>{TEXT.dipUpdated(result.dipUpdated)}</Typography> : null}
            {result.dipStale > 0 ? <Typography variant="body2" sx={{ mt: 0.5 }}>{TEXT.dipStale(result.dipStale)}</Typography> : null}
          </Alert>
        ) : null}
        <Typography variant="body2">{TEXT.intro}</Typography>
        {busy && status ? (
          <Box sx={{ mt: 2 }}>
            <JobProgress status={status} />
          </Box>
        ) : busy ? (
          <LinearProgress sx={{ mt: 2 }} aria-label={TEXT.title} />
        ) : null}
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5 }}>
        {result ? (
          <Button
            onClick={() => {
              onClose();
              go({ name: 'batch', id: result.batch.id });
            }}
          >
            {TEXT.openBatch}
          </Button>
        ) : null}
        <Button onClick={onClose} disabled={busy}>
          {TEXT.close}
        </Button>
        <Button variant="contained" onClick={() => void choose()} disabled={busy} autoFocus>
          {TEXT.choose}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function DipEmailDialog({ batch, onClose }: { batch: BatchSummary; onClose(): void }) {
  const TEXT = BATCHES_TEXT.dipDialog;
  const [email, setEmail] = useState<DipEmail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    call('batches:dipEmail', { id: batch.id }).then(setEmail, (failure: unknown) => setError(errorMessage(failure)));
  }, [batch.id]);

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="dip-title">
      <DialogTitle id="dip-title">{TEXT.title}</DialogTitle>
      <DialogContent dividers>
        {error ? <Alert severity="error">{error}</Alert> : null}
        {email ? (
          <>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {TEXT.intro(email.count)}
            </Typography>
            <TextField label={TEXT.subject} value={email.subject} fullWidth sx={{ mb: 2 }} slotProps={{ htmlInput: { readOnly: true } }} />
            <TextField
              label={TEXT.body}
              value={email.body}
              fullWidth
              multiline
              minRows={8}
              maxRows={16}
              slotProps={{ htmlInput: { readOnly: true, style: { fontSize: 14 } } }}
            />
            {email.mailto === null ? (
              <Alert severity="info" sx={{ mt: 2 }}>
                {TEXT.tooLong}
              </Alert>
            ) : null}
          </>
        ) : error ? null : (
          <LinearProgress aria-label={TEXT.title} />
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5 }}>
        <Button onClick={onClose}>{TEXT.close}</Button>
        <Button
          startIcon={<ContentCopyIcon />}
          disabled={!email}
          onClick={() => email && void copyText(`${email.subject}\n\n${email.body}`).then(() => setCopied(true))}
        >
          {copied ? TEXT.copied : TEXT.copy}
        </Button>
        <Button variant="contained" startIcon={<MailOutlineIcon />} disabled={!email?.mailto} onClick={() => email?.mailto && window.open(email.mailto, '_blank')}>
          {TEXT.open}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
