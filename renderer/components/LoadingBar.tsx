// Loading shown without moving the page: the bar keeps its height when idle.
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import { COMMON_TEXT } from './common.text';

/** A thin progress bar that keeps its height when idle, so content never jumps. */
export function LoadingBar({ loading, label = COMMON_TEXT.loading }: { loading: boolean; label?: string }) {
  return <Box sx={{ height: 4 }}>{loading ? <LinearProgress aria-label={label} /> : null}</Box>;
}
