// Settings → the audit trail of a period as a spreadsheet for the data-protection officer.
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { exportPrefix } from '../../shared/regions';
import { formatDateBr, parseDateBr, todayIso } from '../../shared/rules/dates';
import { call } from '../api/client';
import { chooseSavePath, deliver } from '../api/desktop';
import { DateField } from '../components/DateField';
import { SettingsCard } from '../components/SettingsCard';
import { useWork } from '../lib/work';
import { useNotify } from '../stores/notify';
import { useSession } from '../stores/session';
import { SETTINGS_TEXT as TEXT } from './settings.text';
import { BusyButton } from '../components/BusyButton';

function firstOfMonth(): string {
  return `${todayIso().slice(0, 8)}01`;
}

export function AuditExport() {
  const prefix = useSession((s) => exportPrefix(s.info?.settings?.region ?? 0, s.info?.settings?.demo === true));
  const notify = useNotify((s) => s.show);
  const [from, setFrom] = useState(formatDateBr(firstOfMonth()));
  const [to, setTo] = useState(formatDateBr(todayIso()));
  const { running: busy, error, setError, run } = useWork();

  async function exportTrail() {
    const start = parseDateBr(from);
    const end = parseDateBr(to);
    if (!start.ok || !end.ok) {
      // Which date, and the rule's own words for a complete one (a day that does not exist is not a wrong format).
      const [label, typed, parsed] = !start.ok ? [TEXT.exportFrom, from, start] : [TEXT.exportTo, to, end];
      return setError(typed.length < 10 || parsed.ok ? TEXT.exportDateInvalid : `${label}: ${parsed.message}`);
    }
    setError(null);
    const name = `${prefix}-auditoria-${start.value.replaceAll('-', '')}-${end.value.replaceAll('-', '')}.xlsx`;
    const target = await chooseSavePath(TEXT.exportSaveTitle, name, [{ name: 'Planilha Excel', extensions: ['xlsx'] }]);
    if (!target) return;
    await run(async () => {
      const result = await call('audit:export', { from: start.value, to: end.value, path: target.handle });
      await deliver(target);
      notify(TEXT.exported(result.entries, target.name));
    });
  }

  return (
    <SettingsCard title={TEXT.exportTitle} help={TEXT.exportHelp} error={error}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <DateField label={TEXT.exportFrom} value={from} onChange={setFrom} size="small" sx={{ width: 160 }} />
        <DateField label={TEXT.exportTo} value={to} onChange={setTo} size="small" sx={{ width: 160 }} />
        <BusyButton variant="outlined" onClick={() => void exportTrail()} busy={busy} sx={{ height: 40 }}>
          {busy ? TEXT.exporting : TEXT.exportButton}
        </BusyButton>
      </Stack>
    </SettingsCard>
  );
}
