// Rows that open something work with the keyboard too (Tab, then Enter or Space), not only the mouse.
import TableRow from '@mui/material/TableRow';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';

/** A table row that opens something: by click, and by Enter or Space once focused with Tab. */
export function ClickableRow({ label, onActivate, sx, children }: { label: string; onActivate(): void; sx?: SxProps<Theme>; children: ReactNode }) {
  return (
    <TableRow
      hover
      tabIndex={0}
      aria-label={label}
      onClick={onActivate}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onActivate();
        }
      }}
      sx={[{ cursor: 'pointer' }, ...(Array.isArray(sx) ? sx : [sx])]}
    >
      {children}
    </TableRow>
  );
}
