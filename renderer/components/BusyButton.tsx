// A button that keeps the keyboard's focus while its work runs. `disabled` would drop the focus to
// the page, and a keyboard user would start again from the top: while busy it only looks and says
// it is disabled (aria-disabled, MUI's disabled look, which also stops the pointer) and ignores
// Enter and Space — a click while busy is cancelled, so a submit button does not send its form again
// (nor does Enter in one of the form's fields); `disabled` still disables it when there is nothing to do.
import Button, { type ButtonProps } from '@mui/material/Button';
import type { MouseEvent } from 'react';

const ignore = (event: MouseEvent) => event.preventDefault();

export function BusyButton({ busy, disabled, onClick, className, ...props }: ButtonProps & { busy: boolean }) {
  return (
    <Button
      {...props}
      disabled={disabled === true && !busy}
      aria-disabled={busy || disabled === true || undefined}
      aria-busy={busy || undefined}
      className={busy ? [className, 'Mui-disabled'].filter(Boolean).join(' ') : className}
      onClick={busy ? ignore : onClick}
    />
  );
}
