// An empty list or screen says what would be there and how to start, instead of a blank area.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** What the clerk sees where data would be: what fills this place and how to start. */
export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Box role="status" sx={{ textAlign: 'center', py: 6, px: 3, color: 'text.secondary' }}>
      {icon ? <Box sx={{ fontSize: 44, color: 'primary.light', mb: 1, '& svg': { fontSize: 'inherit' } }}>{icon}</Box> : null}
      <Typography variant="subtitle1" component="p" sx={{ color: 'text.primary', mb: 0.5 }}>
        {title}
      </Typography>
      {children ? (
        <Typography variant="body2" component="div" sx={{ maxWidth: 560, mx: 'auto' }}>
          {children}
        </Typography>
      ) : null}
      {action ? <Box sx={{ mt: 2 }}>{action}</Box> : null}
    </Box>
  );
}
