// A PIN as the desk takes it everywhere: hidden, digits only, the numeric keyboard on a touch
// screen — so the first run, the choice of operator and Configurações cannot drift apart. A PIN has
// 8 digits at most; the field keeps a ninth, so a slip of the finger is refused by the screen's rule
// ("de 4 a 8 algarismos") instead of being cut to 8 and spending an attempt as a wrong PIN.
import TextField from '@mui/material/TextField';
import type { SxProps, Theme } from '@mui/material/styles';
import type { Ref } from 'react';

const PIN_MAX = 8;
const KEPT = PIN_MAX + 1;

/** What a PIN field keeps of what was typed or pasted. */
export const pinDigits = (value: string): string => value.replace(/\D/g, '').slice(0, KEPT);

export function PinField({
  label,
  value,
  onChange,
  autoComplete = 'off',
  inputRef,
  disabled,
  required,
  error,
  helperText,
  autoFocus,
  fullWidth,
  sx,
}: {
  label: string;
  value: string;
  onChange(pin: string): void;
  /** 'new-password' where the PIN is being created. */
  autoComplete?: 'off' | 'new-password';
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  required?: boolean;
  error?: boolean;
  helperText?: string | null;
  autoFocus?: boolean;
  fullWidth?: boolean;
  sx?: SxProps<Theme>;
}) {
  return (
    <TextField
      inputRef={inputRef}
      label={label}
      type="password"
      value={value}
      onChange={(e) => onChange(pinDigits(e.target.value))}
      required={required}
      disabled={disabled}
      error={error}
      helperText={helperText}
      autoFocus={autoFocus}
      fullWidth={fullWidth}
      sx={sx}
      slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete, maxLength: KEPT } }}
    />
  );
}
