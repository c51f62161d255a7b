// Exporting a batch's package: where to save it, an optional passphrase asked twice, the job's
// progress, and the result with its verification code (SHA-256) to copy.
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Typography from '@mui/material/Typography';
import { type Ref, useId, useRef, useState } from 'react';
import type { BatchSummary, ExportResult } from '../../shared/contract';
import { PASSPHRASE_MAX } from '../../shared/contract/common';
import type { JobStatus } from '../../shared/contract/jobs';
import { formatFileSize } from '../../shared/display/numbers';
import { errorMessage } from '../api/client';
import { chooseSavePath, deliver, reveal } from '../api/desktop';
import { InfoTip } from '../components/InfoTip';
import { JobDialog } from '../components/JobDialog';
import { LimitedTextField } from '../components/LimitedTextField';
import { copyText } from '../lib/clipboard';
import { tooLongError } from '../lib/textLimit';
import { useBatches } from '../stores/batches';
import { cancelJob } from '../stores/jobs';
import { BATCHES_TEXT } from './batches.text';

const MIN_PASSPHRASE = 8;

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
  // Said by the field itself as soon as it is pasted; here it stops the export.
  const tooLong = protect && tooLongError(TEXT.passphrase, passphrase, PASSPHRASE_MAX) !== null;
  const passphraseInput = useRef<HTMLInputElement>(null);
  const protectHelpId = useId();

  async function start() {
    setSubmitted(true);
    setError(null);
    if (tooLong || shortError) {
      passphraseInput.current?.focus();
      return;
    }
    if (repeatError) return;
    const target = await chooseSavePath(TEXT.saveTitle, batch.fileName, [{ name: TEXT.filter, extensions: ['zip'] }], { storeNamed: true }).catch((failure: unknown) => {
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
    <JobDialog
      titleId="export-title"
      title={TEXT.title(batch.number)}
      busy={running}
      onClose={onClose}
      typed={state.step === 'form' && protect && (passphrase !== '' || repeat !== '')}
      dividers
      onSubmit={start}
      error={error}
      job={running ? { status: state.status, label: TEXT.choose, onCancel: () => void (state.status && cancelJob(state.status.id)) } : null}
      cancelLabel={TEXT.cancel}
      confirm={{ label: TEXT.choose }}
      actions={
        state.step === 'done' ? (
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
        ) : undefined
      }
    >
      {state.step === 'done' ? (
        <ExportDone result={state.result} copied={copied} onCopy={() => void copyText(state.result.sha256).then(() => setCopied(true))} />
      ) : (
        <>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {TEXT.intro} <InfoTip text={TEXT.formatHelp} />
          </Typography>
          <FormControlLabel
            control={<Checkbox checked={protect} onChange={(e) => setProtect(e.target.checked)} disabled={running} slotProps={{ input: { 'aria-describedby': protectHelpId } }} />}
            label={TEXT.protect}
          />
          {/* The technical detail in small print, for whoever opens the package. */}
          <FormHelperText id={protectHelpId} sx={{ mt: -0.75, ml: 4 }}>
            {TEXT.protectHelp}
          </FormHelperText>
          {protect ? (
            <Box sx={{ display: 'grid', gap: 2, mt: 1 }}>
              <NewPassphraseField
                label={TEXT.passphrase}
                value={passphrase}
                onChange={setPassphrase}
                problem={submitted ? shortError : null}
                help={TEXT.passphraseHelp}
                disabled={running}
                inputRef={passphraseInput}
                autoFocus
              />
              <NewPassphraseField label={TEXT.repeat} value={repeat} onChange={setRepeat} problem={submitted ? repeatError : null} disabled={running} />
              <Alert severity="warning">{TEXT.warning}</Alert>
            </Box>
          ) : null}
        </>
      )}
    </JobDialog>
  );
}

interface NewPassphraseFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** What is wrong with it, shown once the clerk tried to go on; null when nothing is. */
  problem: string | null;
  help?: string;
  disabled: boolean;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}

/** A field of the passphrase: hidden, waiting while the package is written, never filled with a saved password. */
function NewPassphraseField({ label, value, onChange, problem, help, disabled, inputRef, autoFocus }: NewPassphraseFieldProps) {
  // No browser maxLength: a passphrase pasted longer would be cut without a word, and the package
  // sealed with a passphrase nobody knows; the field says it is too long instead.
  return (
    <LimitedTextField
      type="password"
      max={PASSPHRASE_MAX}
      disabled={disabled}
      inputRef={inputRef}
      slotProps={{ htmlInput: { autoComplete: 'new-password' } }}
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={problem !== null}
      helperText={problem ?? help}
      autoFocus={autoFocus}
    />
  );
}

function ExportDone({ result, copied, onCopy }: { result: ExportResult; copied: boolean; onCopy(): void }) {
  const TEXT = BATCHES_TEXT.exportDialog;
  return (
    <Box role="status">
      <Alert severity="success" sx={{ mb: 2 }}>
        <Typography sx={{ fontWeight: 600 }}>{TEXT.done}</Typography>
        {TEXT.result(result.fileName, formatFileSize(result.bytes))}
        {result.encrypted ? ` · ${TEXT.encrypted}` : ''}
      </Alert>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 0.5 }}>
        {TEXT.sha} <InfoTip text={TEXT.shaHelp} />
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
        {/* In the browser preview the path is the host's private copy: the clerk's file is the download. */}
        {window.cress ? result.path : TEXT.downloaded}
      </Typography>
    </Box>
  );
}
