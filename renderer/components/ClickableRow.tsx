// Rows that open something work with the keyboard too (Tab, then Enter or Space), not only the mouse;
// the arrows move between them, and up from the first row back to the field that controls the list.
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
        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          moveFocus(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1);
        }
      }}
      sx={[{ cursor: 'pointer' }, ...(Array.isArray(sx) ? sx : [sx])]}
    >
      {children}
    </TableRow>
  );
}

/** Focuses the next or previous row; above the first, the field whose `aria-controls` names the list. */
function moveFocus(row: HTMLElement, step: 1 | -1): void {
  const sibling = step === 1 ? row.nextElementSibling : row.previousElementSibling;
  if (sibling instanceof HTMLElement && sibling.tabIndex >= 0) return sibling.focus();
  const list = row.closest('[id]');
  if (step === -1 && list) document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(list.id)}"]`)?.focus();
}

/** Focuses the first row of the list `listId`, if it has one (ArrowDown from the field that controls it). */
export function focusFirstRow(listId: string): boolean {
  const first = document.querySelector<HTMLElement>(`#${CSS.escape(listId)} tbody tr[tabindex]`);
  first?.focus();
  return first !== null;
}
