// A screen is its header over its content; the header's title and line come from the screen's texts.
import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader';

export function Page({ text, actions, children }: { text: { title: ReactNode; subtitle?: ReactNode }; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box>
      <PageHeader title={text.title} subtitle={text.subtitle} actions={actions} />
      {children}
    </Box>
  );
}
