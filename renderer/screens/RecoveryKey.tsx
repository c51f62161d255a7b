// Settings → the recovery key: the key the store and its backups are encrypted with, written to a
// file for the council's IT. The clerk first confirms she read who can read the data with it; the
// key goes from the app straight to the file (the window never holds it).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { regionCode } from '../../shared/regions';
import { call } from '../api/client';
import { chooseSavePath, deliver } from '../api/desktop';
import { SettingsCard } from '../components/SettingsCard';
import { useWork } from '../lib/work';
import { useNotify } from '../stores/notify';
import { useSession } from '../stores/session';
import { SETTINGS_TEXT as TEXT } from './settings.text';

export function RecoveryKey() {
  const region = useSession((s) => s.info?.settings?.region ?? 0);
  const notify = useNotify((s) => s.show);
  const [understood, setUnderstood] = useState(false);
  const { running: busy, error, setError, run } = useWork();

  async function exportKey() {
    setError(null);
    const target = await chooseSavePath(TEXT.keySaveTitle, `${regionCode(region)}-chave-de-recuperacao.key`, [{ name: TEXT.keyFileType, extensions: ['key'] }]);
    if (!target) return;
    await run(async () => {
      await call('settings:exportKey', { path: target.handle });
      await deliver(target);
      notify(TEXT.keyExported(target.name));
      setUnderstood(false);
    });
  }

  return (
    <SettingsCard title={TEXT.keyTitle} help={TEXT.keyHelp} error={error}>
      <Alert severity="warning" sx={{ mb: 2, maxWidth: 760 }}>
        {TEXT.keyWarning}
      </Alert>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <FormControlLabel control={<Checkbox checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />} label={TEXT.keyUnderstood} />
        <Button variant="outlined" onClick={() => void exportKey()} disabled={!understood || busy}>
          {busy ? TEXT.keyExporting : TEXT.keyButton}
        </Button>
      </Stack>
    </SettingsCard>
  );
}
