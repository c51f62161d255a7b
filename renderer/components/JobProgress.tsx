// A long job's progress as screens and dialogs show it, and the Cancelar that stops it (the job
// rolls back and ends as cancelled): pressed once, it says the job is stopping.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import type { JobStatus } from '../../shared/contract/jobs';
import { COMMON_TEXT } from './common.text';

/** Cancelar for a running job; once pressed it says the job is stopping. */
export function CancelJobButton({ onCancel, variant = 'text', size = 'medium' }: { onCancel: () => void; variant?: 'text' | 'outlined'; size?: 'small' | 'medium' }) {
  const [cancelling, setCancelling] = useState(false);
  return (
    <Button
      size={size}
      variant={variant}
      color="inherit"
      disabled={cancelling}
      onClick={() => {
        setCancelling(true);
        onCancel();
      }}
    >
      {cancelling ? COMMON_TEXT.jobCancelling : COMMON_TEXT.jobCancel}
    </Button>
  );
}

/** Seconds left in a step measured in bytes, from its pace since the step began (null until it can tell). */
function useTimeLeft(status: JobStatus): number | null {
  const start = useRef<{ key: string; at: number; done: number } | null>(null);
  const { phase, done, total, unit } = status.progress;
  const key = `${status.id}:${phase}`;
  const now = Date.now();
  if (start.current?.key !== key) start.current = { key, at: now, done };
  if (unit !== 'bytes' || total === null) return null;
  const elapsed = (now - start.current.at) / 1000;
  const moved = done - start.current.done;
  if (elapsed < 1.5 || moved <= 0) return null;
  return ((total - done) * elapsed) / moved;
}

/** A long job's progress: what it is doing, how far (sizes and time left for bytes), and a way to stop it. */
export function JobProgress({ status, onCancel }: { status: JobStatus; onCancel?: () => void }) {
  const { label, done, total, unit } = status.progress;
  const percent = total ? Math.min(100, (done / total) * 100) : undefined;
  const left = useTimeLeft(status);
  return (
    <Box role="status" aria-live="polite">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="body2">
          {label} {total === null && done === 0 ? null : <strong>{unit === 'bytes' ? COMMON_TEXT.jobBytes(done, total) : COMMON_TEXT.jobCount(done, total)}</strong>}
          {left !== null ? ` · ${COMMON_TEXT.jobTimeLeft(left)}` : null}
        </Typography>
        {onCancel && status.state === 'running' ? <CancelJobButton onCancel={onCancel} size="small" /> : null}
      </Stack>
      <LinearProgress variant={percent === undefined ? 'indeterminate' : 'determinate'} value={percent} aria-label={label} />
    </Box>
  );
}
