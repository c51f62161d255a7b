// The form of a dialog, wrapping its title, content and actions. A plain form between the dialog's
// paper and those parts would take the paper's scrolling for itself: a long dialog then scrolls
// whole, title and buttons with it. As a flex column that may shrink, it leaves the scrolling to
// DialogContent: the title and the buttons always show, whatever the window's height.
import Box from '@mui/material/Box';
import type { FormEvent, ReactNode } from 'react';

/** What a dialog's form needs to pass the scrolling to its content (also for forms built by hand). */
export const DIALOG_FORM_SX = { display: 'flex', flexDirection: 'column', minHeight: 0, flex: '1 1 auto', overflow: 'hidden' } as const;

export function DialogForm({ onSubmit, children, ...rest }: { onSubmit(event: FormEvent): void; children: ReactNode; 'aria-label'?: string }) {
  return (
    <Box component="form" onSubmit={onSubmit} noValidate sx={DIALOG_FORM_SX} {...rest}>
      {children}
    </Box>
  );
}
