// The age of the last verified backup: a banner on Backups, the dashboard card's text, a chip in
// the header. It turns to a warning when there is none or it is older than 7 days.
import BackupIcon from '@mui/icons-material/Backup';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import type { BackupSummary } from '../../shared/contract/backups';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { useBackups } from '../stores/backups';
import { useNavigation } from '../stores/navigation';
import { BACKUPS_TEXT as TEXT } from './backups.text';

function ageText(summary: BackupSummary): string {
  if (summary.ageDays === null) return TEXT.ageNone;
  return summary.ageDays === 0 ? TEXT.ageToday : TEXT.ageDays(summary.ageDays);
}

function warningText(summary: BackupSummary): string {
  return summary.lastVerified === null ? TEXT.noneWarning : TEXT.ageWarning(summary.warnAfterDays);
}

export function BackupAge({ summary, variant, onClick }: { summary: BackupSummary; variant: 'banner' | 'card' | 'chip'; onClick?: () => void }) {
  if (variant === 'chip') {
    return (
      <Chip
        size="small"
        icon={summary.warning ? <WarningAmberIcon /> : <BackupIcon />}
        label={TEXT.ageShort(summary.ageDays)}
        onClick={onClick}
        // Explicit colours: readable on the dark title bar, amber when a backup is due.
        sx={
          summary.warning
            ? { fontWeight: 600, bgcolor: '#ffe0b2', color: '#4a2a00', '& .MuiChip-icon': { color: '#4a2a00' }, '&:hover': { bgcolor: '#ffcc80' } }
            : { bgcolor: 'primary.dark', border: '1px solid rgba(255,255,255,0.7)', color: '#ffffff', '& .MuiChip-icon': { color: '#ffffff' }, '&:hover': { bgcolor: 'primary.dark' } }
        }
      />
    );
  }
  const last = summary.lastVerified;
  if (variant === 'card') {
    return (
      <Box>
        <Typography sx={{ fontSize: '1.15rem', fontWeight: 600 }}>{TEXT.ageCard(summary.ageDays)}</Typography>
        {last ? (
          <Typography variant="body2" sx={{ color: 'text.secondary', wordBreak: 'break-all' }}>
            {TEXT.lastOn(formatDateTimeBr(last.createdAt), last.fileName)}
          </Typography>
        ) : null}
        {summary.warning ? (
          <Alert severity="warning" sx={{ mt: 1.5 }}>
            {warningText(summary)}
          </Alert>
        ) : null}
      </Box>
    );
  }
  return (
    <Alert severity={summary.warning ? 'warning' : 'success'} sx={{ mb: 2 }}>
      <strong>{ageText(summary)}</strong>
      {last ? ` — ${TEXT.lastOn(formatDateTimeBr(last.createdAt), last.fileName)}` : ''}
      {summary.warning ? `. ${warningText(summary)}` : ''}
    </Alert>
  );
}

/** The summary of the backups, read when shown and again whenever `refreshOn` changes. */
function useBackupSummary(refreshOn?: unknown) {
  const summary = useBackups((s) => s.summary);
  const loadSummary = useBackups((s) => s.loadSummary);
  useEffect(() => {
    void loadSummary();
  }, [loadSummary, refreshOn]);
  return summary;
}

/** The header's chip: refreshed on every change of screen (a backup may have just been made). */
export function BackupHeaderChip() {
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const summary = useBackupSummary(route);
  return summary ? <BackupAge summary={summary} variant="chip" onClick={() => go({ name: 'backups' })} /> : null;
}

/** The dashboard's "Último backup" card: the age, the file, and the way to Backups. */
export function BackupCardBody() {
  const summary = useBackupSummary();
  const go = useNavigation((s) => s.go);
  if (!summary) return <Skeleton width="60%" />;
  return (
    <>
      <BackupAge summary={summary} variant="card" />
      <Button size="small" variant={summary.warning ? 'contained' : 'outlined'} sx={{ mt: 1.5 }} onClick={() => go({ name: 'backups' })}>
        {TEXT.goBackups}
      </Button>
    </>
  );
}
