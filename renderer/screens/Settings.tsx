// Settings: the desk's region and seccional, its operators, where the data lives, and a check of
// the audit trail.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { AuditVerification } from '../../shared/contract';
import { SECCIONAL_MAX } from '../../shared/contract/settings';
import { formatCount } from '../../shared/display/numbers';
import { regionLabel } from '../../shared/regions';
import { call } from '../api/client';
import { LimitedTextField } from '../components/LimitedTextField';
import { Page } from '../components/Page';
import { SettingsCard, SettingsForm } from '../components/SettingsCard';
import { Term } from '../components/Term';
import { tooLongError } from '../lib/textLimit';
import { useWork } from '../lib/work';
import { useNotify } from '../stores/notify';
import { useSession } from '../stores/session';
import { AuditExport } from './AuditExport';
import { ContactSettingsCard } from './ContactSettingsCard';
import { OperatorsCard } from './OperatorsCard';
import { RecoveryKey } from './RecoveryKey';
import { SETTINGS_TEXT as TEXT } from './settings.text';
import { BusyButton } from '../components/BusyButton';

export function SettingsScreen() {
  const info = useSession((s) => s.info);
  if (!info?.settings) return null;
  return (
    <Page text={TEXT}>
      <Stack spacing={2}>
        <DeskSettings />
        <OperatorsCard />
        <ContactSettingsCard />
        <SettingsCard title={TEXT.storeTitle}>
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'minmax(200px, 30%) 1fr', rowGap: 1, columnGap: 2, m: 0 }}>
            <Term label={TEXT.storePath}>
              <Box component="code" sx={{ fontFamily: 'ui-monospace, Consolas, monospace', fontSize: '0.85rem', wordBreak: 'break-all' }}>
                {info.storePath}
              </Box>
            </Term>
            <Term label={TEXT.registrySize}>{formatCount(info.professionals)}</Term>
            <Term label={TEXT.appVersion}>{info.version}</Term>
            <Term label={TEXT.schemaVersion}>{String(info.schemaVersion)}</Term>
          </Box>
          <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1.5 }}>
            {TEXT.storeHelp}
          </Typography>
        </SettingsCard>
        <AuditCheck />
        <AuditExport />
        <RecoveryKey />
      </Stack>
    </Page>
  );
}

function DeskSettings() {
  const settings = useSession((s) => s.info?.settings);
  const updateSettings = useSession((s) => s.updateSettings);
  const notify = useNotify((s) => s.show);
  const stored = settings?.seccional ?? '';
  const [seccional, setSeccional] = useState(stored);
  // The field follows the stored seccional when it changes (saved here or elsewhere) without the
  // card being rebuilt, which would drop the keyboard's focus from Salvar.
  const [shown, setShown] = useState(stored);
  if (shown !== stored) {
    setShown(stored);
    setSeccional(stored);
  }
  const { running: saving, error, run } = useWork();
  if (!settings) return null;

  const changed = seccional.trim() !== (settings.seccional ?? '');
  // The field says it at once; nothing is saved until it fits.
  const tooLong = tooLongError(TEXT.seccional, seccional, SECCIONAL_MAX) !== null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!changed) {
      notify(TEXT.nothingChanged, 'info');
      return;
    }
    await run(async () => {
      await updateSettings({ seccional: seccional.trim() === '' ? null : seccional.trim() });
      notify(TEXT.saved);
    });
  }

  return (
    <SettingsCard title={TEXT.deskTitle}>
      <SettingsForm onSubmit={(e: FormEvent) => void submit(e)} saveLabel={TEXT.save} saving={saving} canSave={!tooLong}>
        <TextField label={TEXT.region} value={regionLabel(settings.region)} helperText={TEXT.regionHelp} slotProps={{ htmlInput: { readOnly: true } }} />
        <LimitedTextField
          label={TEXT.seccional}
          value={seccional}
          max={SECCIONAL_MAX}
          onChange={(e) => setSeccional(e.target.value)}
          disabled={saving}
          helperText={TEXT.seccionalHelp}
        />
        {error ? <Alert severity="error">{error}</Alert> : null}
      </SettingsForm>
    </SettingsCard>
  );
}

function AuditCheck() {
  const { running, error, run } = useWork();
  const [result, setResult] = useState<AuditVerification | null>(null);

  async function verify() {
    setResult(null);
    await run(async () => {
      setResult(await call('audit:verify', {}));
    });
  }

  return (
    <SettingsCard title={TEXT.auditTitle}>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2, maxWidth: 720 }}>
        {TEXT.auditHelp}
      </Typography>
      <BusyButton variant="outlined" onClick={() => void verify()} busy={running}>
        {TEXT.verify}
      </BusyButton>
      <Box sx={{ mt: 2 }} aria-live="polite">
        {running ? (
          <Box role="status">
            <Typography variant="body2" sx={{ mb: 0.5 }}>
              {TEXT.verifying}
            </Typography>
            <LinearProgress aria-label={TEXT.verifying} sx={{ maxWidth: 560 }} />
          </Box>
        ) : null}
        {error ? <Alert severity="error">{error}</Alert> : null}
        {result?.ok ? <Alert severity="success">{TEXT.auditOk(result.entries)}</Alert> : null}
        {result && !result.ok ? (
          <Alert severity="error">
            <AlertTitle>{TEXT.auditBroken(result.brokenAt)}</AlertTitle>
            {result.problem ? <Typography variant="body2">{result.problem}</Typography> : null}
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {TEXT.auditAdvice}
            </Typography>
          </Alert>
        ) : null}
        {result && result.notices.length > 0 ? (
          <Alert severity="warning" sx={{ mt: 1 }}>
            <AlertTitle>{TEXT.auditNotices}</AlertTitle>
            {result.notices.map((notice) => (
              <Typography key={notice} variant="body2">
                {notice}
              </Typography>
            ))}
          </Alert>
        ) : null}
      </Box>
    </SettingsCard>
  );
}
