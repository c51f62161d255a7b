// The backup routine's settings: folder, how many to keep, the minimum interval, backup on close.
// The folder is shown, not typed: it changes only through the folder dialog (the app) or back to
// the default, so nobody can point the backups (and their clean-up) at a folder by its path.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import { canPickFolder, pickFolder } from '../api/desktop';
import { useBackups } from '../stores/backups';
import { useNotify } from '../stores/notify';
import { BACKUPS_TEXT as TEXT } from './backups.text';

export function BackupSettingsCard() {
  const settings = useBackups((s) => s.settings);
  const saveSettings = useBackups((s) => s.saveSettings);
  const notify = useNotify((s) => s.show);
  const [folder, setFolder] = useState('');
  /** What the clerk did to the folder since the last save: nothing, back to the default, or a dialog's choice. */
  const [folderChoice, setFolderChoice] = useState<null | 'default' | { handle: string }>(null);
  const [keepLast, setKeepLast] = useState('30');
  const [interval, setIntervalHours] = useState('24');
  const [onClose, setOnClose] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!settings) return;
    setFolder(settings.folder);
    setFolderChoice(null);
    setKeepLast(String(settings.keepLast));
    setIntervalHours(String(settings.intervalHours));
    setOnClose(settings.onClose);
  }, [settings]);

  if (!settings) return null;

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await saveSettings({
        folder: folderChoice === null ? undefined : folderChoice === 'default' ? null : folderChoice.handle,
        keepLast: Number(keepLast),
        intervalHours: Number(interval),
        onClose,
      });
      notify(TEXT.saved);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Card sx={{ mt: 2 }} component="section" aria-label={TEXT.settingsTitle}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {TEXT.settingsTitle}
        </Typography>
        <form onSubmit={(e) => void save(e)}>
          <Stack spacing={2}>
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ alignItems: { md: 'flex-start' } }}>
              <TextField
                label={TEXT.settingsFolder}
                value={folder}
                helperText={canPickFolder() ? TEXT.folderHelp : TEXT.folderPreviewOnly}
                slotProps={{ htmlInput: { readOnly: true } }}
                sx={{ flex: 1, minWidth: 0 }}
              />
              {canPickFolder() ? (
                <Button
                  variant="outlined"
                  sx={{ whiteSpace: 'nowrap', minWidth: 120, height: 40, flexShrink: 0 }}
                  onClick={() =>
                    void pickFolder(TEXT.settingsFolder).then((chosen) => {
                      if (!chosen) return;
                      setFolder(chosen.name);
                      setFolderChoice({ handle: chosen.handle });
                    })
                  }
                >
                  {TEXT.chooseFolder}
                </Button>
              ) : null}
              <Button
                sx={{ whiteSpace: 'nowrap', height: 40, flexShrink: 0 }}
                onClick={() => {
                  setFolder(settings.defaultFolder);
                  setFolderChoice('default');
                }}
              >
                {TEXT.useDefault}
              </Button>
            </Stack>
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
              <WholeNumberField label={TEXT.keepLast} value={keepLast} onChange={setKeepLast} helperText={TEXT.keepLastHelp} max={1000} />
              <WholeNumberField label={TEXT.interval} value={interval} onChange={setIntervalHours} helperText={TEXT.intervalHelp} max={720} />
              <FormControlLabel control={<Switch checked={onClose} onChange={(e) => setOnClose(e.target.checked)} />} label={TEXT.onClose} />
            </Stack>
            {error ? <Alert severity="error">{error}</Alert> : null}
            <div>
              <Button type="submit" variant="contained">
                {TEXT.save}
              </Button>
            </div>
          </Stack>
        </form>
      </CardContent>
    </Card>
  );
}

/** A count from 1 to `max`, typed as the text of a number field, its help below. */
function WholeNumberField({ label, value, onChange, helperText, max }: { label: string; value: string; onChange(value: string): void; helperText: string; max: number }) {
  return (
    <TextField label={label} type="number" value={value} onChange={(e) => onChange(e.target.value)} helperText={helperText} slotProps={{ htmlInput: { min: 1, max } }} />
  );
}
