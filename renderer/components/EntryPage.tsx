// A page the desk shows before its shell opens (the first run, the choice of who works): one card
// in the middle of the window, with the page's title and a line of introduction over what it asks;
// a desk holding demo data says so here too.
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { DemoBanner } from './DemoBanner';

export function EntryPage({ title, intro, children }: { title: ReactNode; intro: ReactNode; children: ReactNode }) {
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', p: 3 }}>
      <Paper variant="outlined" component="main" sx={{ width: '100%', maxWidth: 560, p: 4 }}>
        <DemoBanner sticky={false} />
        <Typography variant="h4" component="h1" sx={{ mb: 1, color: 'primary.dark' }}>
          {title}
        </Typography>
        <Typography sx={{ color: 'text.secondary', mb: 3 }}>{intro}</Typography>
        {children}
      </Paper>
    </Box>
  );
}
