// Settings → the audit trail of a period as a spreadsheet for the data-protection officer.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { regionCode } from '../../shared/regions';
import { formatDateBr, parseDateBr, todayIso } from '../../shared/rules/dates';
import { call, errorMessage } from '../api/client';
import { chooseSavePath, deliver } from '../api/desktop';
import { DateField } from '../components/DateField';
import { useNotify } from '../stores/notify';
import { useSession } from '../stores/session';
import { SETTINGS_TEXT as TEXT } from './settings.text';

function firstOfMonth(): string {
  return `${todayIso().slice(0, 8)}01`;
}

export function AuditExport() {
  const region = useSession((s) => s.info?.settings?.region ?? 0);
  const notify = useNotify((s) => s.show);
  const [from, setFrom] = useState(formatDateBr(firstOfMonth()));
  const [to, setTo] = useState(formatDateBr(todayIso()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function exportTrail() {
    const start = parseDateBr(from);
    const end = parseDateBr(to);
    if (!start.ok || !end.ok) return setError(TEXT.exportDateInvalid);
    setError(null);
    const name = `${regionCode(region)}-auditoria-${start.value.replaceAll('-', '')}-${end.value.replaceAll('-', '')}.xlsx`;
    const target = await chooseSavePath(TEXT.exportSaveTitle, name, [{ name: 'Planilha Excel', extensions: ['xlsx'] }]);
    if (!target) return;
    setBusy(true);
    try {
      const result = await call('audit:export', { from: start.value, to: end.value, path: target.handle });
      await deliver(target);
      notify(TEXT.exported(result.entries, target.name));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card component="section" aria-label={TEXT.exportTitle}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {TEXT.exportTitle}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2, maxWidth: 760 }}>
          {TEXT.exportHelp}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          <DateField label={TEXT.exportFrom} value={from} onChange={setFrom} size="small" sx={{ width: 160 }} />
          <DateField label={TEXT.exportTo} value={to} onChange={setTo} size="small" sx={{ width: 160 }} />
          <Button variant="outlined" onClick={() => void exportTrail()} disabled={busy} sx={{ height: 40 }}>
            {busy ? TEXT.exporting : TEXT.exportButton}
          </Button>
        </Stack>
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
