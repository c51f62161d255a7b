// Cadastro → "Exportar para o sistema do Regional": the records changed on the desk and synced by
// Implanta since a date, as a spreadsheet the council's main system loads (registry-import columns).
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { exportPrefix } from '../../shared/regions';
import { formatDateBr, parseDateBr, todayIso } from '../../shared/rules/dates';
import { call, errorMessage } from '../api/client';
import { chooseSavePath, deliver } from '../api/desktop';
import { DateField } from '../components/DateField';
import { JobDialog } from '../components/JobDialog';
import { useWork } from '../lib/work';
import { useNotify } from '../stores/notify';
import { useSession } from '../stores/session';
import { REGISTRY_EXPORT_TEXT as TEXT } from './registryExport.text';

type Format = 'xlsx' | 'csv';

/** The button of the Cadastro header, with its dialog. */
export function RegistryExportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" startIcon={<FileDownloadIcon aria-hidden />} onClick={() => setOpen(true)}>
        {TEXT.button}
      </Button>
      {open ? <RegistryExportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function firstOfMonth(): string {
  return `${todayIso().slice(0, 8)}01`;
}

export function RegistryExportDialog({ onClose }: { onClose(): void }) {
  const prefix = useSession((s) => exportPrefix(s.info?.settings?.region ?? 0, s.info?.settings?.demo === true));
  const notify = useNotify((s) => s.show);
  const [since, setSince] = useState(formatDateBr(firstOfMonth()));
  const [format, setFormat] = useState<Format>('xlsx');
  const [submitted, setSubmitted] = useState(false);
  const { running: busy, error, setError, run } = useWork();
  const [empty, setEmpty] = useState<string | null>(null);

  const parsed = parseDateBr(since);
  // Empty or half typed: the format; a day that does not exist: the date rule's own words.
  const dateError = !parsed.ok ? (since.length < 10 ? TEXT.dateInvalid : parsed.message) : parsed.value > todayIso() ? TEXT.dateFuture : null;

  async function submit() {
    setSubmitted(true);
    setError(null);
    setEmpty(null);
    if (dateError || !parsed.ok) {
      document.getElementById('registry-export-since')?.focus();
      return;
    }
    const name = `${prefix}-cadastro-sincronizado-desde-${parsed.value.replaceAll('-', '')}.${format}`;
    const filter = format === 'xlsx' ? { name: TEXT.filterXlsx, extensions: ['xlsx'] } : { name: TEXT.filterCsv, extensions: ['csv'] };
    const target = await chooseSavePath(TEXT.saveTitle, name, [filter]).catch((failure: unknown) => {
      setError(errorMessage(failure));
      return null;
    });
    if (!target) return;
    await run(async () => {
      const result = await call('registry:export', { since: parsed.value, path: target.handle, format });
      await deliver(target);
      if (result.rows === 0) {
        setEmpty(TEXT.empty(formatDateBr(parsed.value), target.name));
      } else {
        notify(TEXT.exported(result.rows, target.name));
        onClose();
      }
    });
  }

  return (
    <JobDialog
      titleId="registry-export-title"
      title={TEXT.title}
      intro={TEXT.intro}
      busy={busy}
      onClose={onClose}
      dividers
      onSubmit={submit}
      busyLabel={TEXT.exporting}
      cancelLabel={empty ? TEXT.close : TEXT.cancel}
      confirm={{ label: busy ? TEXT.exporting : TEXT.export }}
    >
      {error ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      ) : null}
      {empty ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {empty}
        </Alert>
      ) : null}
      <DateField
        id="registry-export-since"
        label={TEXT.since}
        value={since}
        onChange={(value) => {
          setSince(value);
          setEmpty(null);
        }}
        error={submitted && dateError !== null}
        helperText={submitted && dateError ? dateError : TEXT.sinceHelp}
        disabled={busy}
        autoFocus
        sx={{ width: 220, mb: 2 }}
      />
      <FormLabel id="registry-export-format" sx={{ display: 'block' }}>
        {TEXT.format}
      </FormLabel>
      <RadioGroup aria-labelledby="registry-export-format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
        <FormControlLabel value="xlsx" control={<Radio />} label={TEXT.xlsx} disabled={busy} />
        <FormControlLabel value="csv" control={<Radio />} label={TEXT.csv} disabled={busy} />
      </RadioGroup>
      <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
        {TEXT.privacy}
      </Typography>
    </JobDialog>
  );
}
