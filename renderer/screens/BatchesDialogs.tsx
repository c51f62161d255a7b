// The dialogs of Lotes: confirmations that say the exact consequence, marking a batch sent
// and the e-mail draft for DIP requests (exporting: BatchesExportDialog; Implanta's answer: BatchesAckDialog).
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import MailOutlineIcon from '@mui/icons-material/EmailOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import DialogContentText from '@mui/material/DialogContentText';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ReactNode } from 'react';
import type { BatchSummary, DipEmail } from '../../shared/contract';
import { parseDateBr, todayIso, formatDateBr } from '../../shared/rules/dates';
import { call, errorMessage } from '../api/client';
import { DateField } from '../components/DateField';
import { JobDialog } from '../components/JobDialog';
import { copyText } from '../lib/clipboard';
import { useBatches } from '../stores/batches';
import { useNotify } from '../stores/notify';
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
  const [opened] = useState(() => ({ ...nowParts(), hours: String(batch.overdueHours) }));
  const [values, setValues] = useState(opened);
  // A date, time or deadline changed from what the dialog offered is the clerk's: Esc asks first.
  const typed = values.date !== opened.date || values.time !== opened.time || values.hours !== opened.hours;
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const date = parseDateBr(values.date);
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(values.time.trim());
  const hours = /^\d+$/.test(values.hours) ? Number(values.hours) : NaN;
  const errors = {
    // The date rule's own words: "use dd/mm/aaaa", or that the day does not exist.
    date: date.ok ? null : date.message,
    time: time ? null : TEXT.invalidTime,
    hours: hours >= 1 && hours <= 8760 ? null : TEXT.invalidHours,
  };

  async function submit() {
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
      intro={TEXT.intro}
      busy={busy}
      onClose={onClose}
      typed={typed}
      dividers
      onSubmit={submit}
      error={error}
      busyLabel={TEXT.confirm}
      cancelLabel={BATCHES_TEXT.keep}
      confirm={{ label: TEXT.confirm }}
    >
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
          // No browser maxLength: a time pasted with a space before it would lose its last digit.
          slotProps={{ htmlInput: { inputMode: 'numeric' }, inputLabel: { shrink: true } }}
        />
        <TextField
          label={TEXT.hours}
          value={values.hours}
          onChange={(e) => setValues((s) => ({ ...s, hours: e.target.value.replace(/\D/g, '') }))}
          error={submitted && errors.hours !== null}
          helperText={(submitted ? errors.hours : null) ?? TEXT.hoursHelp}
          disabled={busy}
          sx={{ gridColumn: '1 / -1' }}
          // No browser maxLength: 10000 typed would become 1000 without a word; the range check says it.
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
      </Box>
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
