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
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    if (!settings) return;
    setFolder(settings.folder);
    setFolderChoice(null);
    setKeepLast(String(settings.keepLast));
    setIntervalHours(String(settings.intervalHours));
    setOnClose(settings.onClose);
  }, [settings]);

  if (!settings) return null;

  const keepProblem = countProblem(keepLast, KEEP_MAX);
  const intervalProblem = countProblem(interval, INTERVAL_MAX);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setChecked(true);
    // The window's own check, in Portuguese and under the field (the browser's bubble may not be).
    const first = keepProblem ? IDS.keep : intervalProblem ? IDS.interval : null;
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
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
        <form onSubmit={(e) => void save(e)} noValidate>
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
              <WholeNumberField id={IDS.keep} label={TEXT.keepLast} value={keepLast} onChange={setKeepLast} helperText={TEXT.keepLastHelp} max={KEEP_MAX} error={checked ? keepProblem : null} />
              <WholeNumberField
                id={IDS.interval}
                label={TEXT.interval}
                value={interval}
                onChange={setIntervalHours}
                helperText={TEXT.intervalHelp}
                max={INTERVAL_MAX}
                error={checked ? intervalProblem : null}
              />
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

const KEEP_MAX = 1000;
const INTERVAL_MAX = 720;
const IDS = { keep: 'backup-keep-last', interval: 'backup-interval' } as const;

/** What is wrong with a count typed for 1 to `max`; null when nothing is. */
function countProblem(value: string, max: number): string | null {
  const n = Number(value.trim());
  return /^\d+$/.test(value.trim()) && n >= 1 && n <= max ? null : TEXT.wholeNumber(max);
}

/** A count from 1 to `max`, typed as the text of a number field, its help (or its problem) below. */
function WholeNumberField(props: { id: string; label: string; value: string; onChange(value: string): void; helperText: string; max: number; error: string | null }) {
  const { id, label, value, onChange, helperText, max, error } = props;
  return (
    <TextField
      id={id}
      label={label}
      type="number"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error !== null}
      helperText={error ?? helperText}
      slotProps={{ htmlInput: { min: 1, max } }}
    />
  );
}
