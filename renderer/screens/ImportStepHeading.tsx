// The heading of a step of Importar, after the file is chosen: the step's title and, under it,
// the line that says what to do (or which file is open).
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function ImportStepHeading({ title, help }: { title: ReactNode; help?: ReactNode }) {
  return (
    <Box>
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      {help ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {help}
        </Typography>
      ) : null}
    </Box>
  );
}
