// A PIN as the desk takes it everywhere: hidden, digits only, the numeric keyboard on a touch
// screen — so the first run, the choice of operator and Configurações cannot drift apart. A PIN has
// 8 digits at most; the field has no maxLength and keeps every digit typed or pasted, says when there
// are too many, and the screen's rule ("de 4 a 8 algarismos") refuses it: a maxLength would cut a
// pasted "1234 5678 9" to another PIN without a word, started with or spent as a wrong attempt.
import TextField from '@mui/material/TextField';
import type { SxProps, Theme } from '@mui/material/styles';
import type { Ref } from 'react';
import { formatCount } from '../../shared/display/numbers';

const PIN_MAX = 8;

/** What a PIN field keeps of what was typed or pasted. */
export const pinDigits = (value: string): string => value.replace(/\D/g, '');

/** "PIN muito longo: no máximo 8 algarismos (tem 9)." or null when the PIN fits. */
export const pinTooLong = (pin: string): string | null =>
  pin.length > PIN_MAX ? `PIN muito longo: no máximo ${formatCount(PIN_MAX)} algarismos (tem ${formatCount(pin.length)}).` : null;

export function PinField({
  label,
  value,
  onChange,
  autoComplete = 'off',
  inputRef,
  disabled,
  readOnly,
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
  /** While the PIN is checked: unlike `disabled`, the keyboard stays in the field for a retry. */
  readOnly?: boolean;
  required?: boolean;
  error?: boolean;
  helperText?: string | null;
  autoFocus?: boolean;
  fullWidth?: boolean;
  sx?: SxProps<Theme>;
}) {
  const tooLong = pinTooLong(value);
  return (
    <TextField
      inputRef={inputRef}
      label={label}
      type="password"
      value={value}
      onChange={(e) => onChange(pinDigits(e.target.value))}
      required={required}
      disabled={disabled}
      error={tooLong !== null || error}
      helperText={tooLong ?? helperText}
      autoFocus={autoFocus}
      fullWidth={fullWidth}
      sx={sx}
      slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete, readOnly } }}
    />
  );
}
