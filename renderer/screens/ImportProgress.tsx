// The progress of an import job: the step, rows read / checked / written, the bar, and Cancelar
// (which leaves nothing written: the import is one transaction).
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { JobStatus } from '../../shared/contract/jobs';
import { CancelJobButton } from '../components/JobProgress';
import { NumericText } from '../components/Numeric';
import { IMPORT_TEXT as TEXT } from './import.text';

const PHASE_TITLES: Record<string, string> = {
  open: TEXT.file.reading,
  check: TEXT.mapping.checking,
  write: TEXT.preview.writing,
  commit: TEXT.preview.writing,
  report: TEXT.report.generating,
  undo: TEXT.undoDialog.running,
};

/** A job's progress: what it does, rows read / checked / written, the bar, and Cancelar. */
export function ImportProgress({ status, onCancel }: { status: JobStatus; onCancel?: () => void }) {
  const { phase, label, done, total } = status.progress;
  const percent = total ? Math.min(100, (done / total) * 100) : undefined;
  const title = PHASE_TITLES[phase] ?? label;
  return (
    <Box role="status" aria-live="polite" sx={{ py: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1, gap: 2 }}>
        <Box>
          <Typography variant="subtitle1" component="p">
            {title}
          </Typography>
          {title !== label ? (
            <NumericText variant="body2" sx={{ color: 'text.secondary' }}>
              {label}
            </NumericText>
          ) : null}
        </Box>
        {onCancel && status.state === 'running' && phase !== 'commit' ? <CancelJobButton onCancel={onCancel} variant="outlined" /> : null}
      </Stack>
      <LinearProgress variant={percent === undefined ? 'indeterminate' : 'determinate'} value={percent} aria-label={title} sx={{ height: 8, borderRadius: 4 }} />
    </Box>
  );
}
