// A PIN as the desk takes it everywhere: hidden, digits only (8 at most), the numeric keyboard on a
// touch screen — so the first run, the choice of operator and Configurações cannot drift apart.
import TextField from '@mui/material/TextField';
import type { SxProps, Theme } from '@mui/material/styles';
import type { Ref } from 'react';

const PIN_MAX = 8;

/** What a PIN field keeps of what was typed or pasted. */
export const pinDigits = (value: string): string => value.replace(/\D/g, '').slice(0, PIN_MAX);

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
      slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete, maxLength: PIN_MAX } }}
    />
  );
}
