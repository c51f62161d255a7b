// The dialogs of Lotes: confirmations that say the exact consequence, marking a batch sent,
// importing Implanta's answer, and the e-mail draft for DIP requests (exporting: BatchesExportDialog).
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import MailOutlineIcon from '@mui/icons-material/EmailOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import DialogContentText from '@mui/material/DialogContentText';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { AckResult, BatchSummary, DipEmail } from '../../shared/contract';
import type { JobStatus } from '../../shared/contract/jobs';
import { parseDateBr, todayIso, formatDateBr } from '../../shared/rules/dates';
import { call, errorMessage } from '../api/client';
import { pickFile } from '../api/desktop';
import { DateField } from '../components/DateField';
import { JobDialog } from '../components/JobDialog';
import { copyText } from '../lib/clipboard';
import { useWork } from '../lib/work';
import { useBatches } from '../stores/batches';
import { useNavigation } from '../stores/navigation';
import { useNotify } from '../stores/notify';
import { ContactsToNotifyNote } from './ContactsToNotifyNote';
import { BATCHES_TEXT } from './batches.text';

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
    <JobDialog
      titleId="confirm-title"
      title={title}
      busy={busy}
      onClose={onClose}
      error={error}
      busyLabel={title}
      cancelLabel={BATCHES_TEXT.keep}
      confirm={{ label: confirm, color: danger ? 'error' : 'primary', onClick: () => void run(), autoFocus: true }}
    >
      <DialogContentText component="div">{children}</DialogContentText>
    </JobDialog>
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
    <JobDialog
      titleId="sent-title"
      title={TEXT.title(batch.number)}
      busy={busy}
      onClose={onClose}
      dividers
      onSubmit={(e) => void submit(e)}
      error={error}
      busyLabel={TEXT.confirm}
      cancelLabel={BATCHES_TEXT.keep}
      confirm={{ label: TEXT.confirm }}
    >
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
    </JobDialog>
  );
}

export function AckDialog({ onClose }: { onClose(): void }) {
  const TEXT = BATCHES_TEXT.ackDialog;
  const acknowledge = useBatches((s) => s.acknowledge);
  const go = useNavigation((s) => s.go);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const { running: busy, error, setError, run } = useWork();
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
    setResult(null);
    await run(async () => {
      setResult(await acknowledge({ path: file.handle, fileName: file.name }, setStatus));
    });
    setStatus(null);
  }

  return (
    <JobDialog
      titleId="ack-title"
      title={TEXT.title}
      busy={busy}
      onClose={onClose}
      dividers
      job={busy ? { status, label: TEXT.title } : null}
      cancelLabel={TEXT.close}
      confirm={{ label: TEXT.choose, onClick: () => void choose(), autoFocus: true }}
      extraActions={
        result ? (
          <Button
            onClick={() => {
              onClose();
              go({ name: 'batch', id: result.batch.id });
            }}
          >
            {TEXT.openBatch}
          </Button>
        ) : null
      }
    >
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
      {result && result.applied + result.rejected > 0 ? <ContactsToNotifyNote answer={result.fileSha256} onLeave={onClose} /> : null}
      <Typography variant="body2">{TEXT.intro}</Typography>
    </JobDialog>
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
    <JobDialog
      titleId="dip-title"
      title={TEXT.title}
      onClose={onClose}
      maxWidth="md"
      dividers
      actions={
        <>
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
        </>
      }
    >
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
    </JobDialog>
  );
}
