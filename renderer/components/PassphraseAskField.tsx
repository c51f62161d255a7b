// The password asked for to open a file (an encrypted backup or lote package): read-only, not
// disabled, while the file is checked, so the keyboard stays here for a retry; a wrong one said
// under it.
import { PASSPHRASE_MAX } from '../../shared/contract/common';
import { LimitedTextField } from './LimitedTextField';

export function PassphraseAskField({ label, value, onChange, busy, wrong }: { label: string; value: string; onChange(value: string): void; busy: boolean; wrong: string | null }) {
  return (
    <LimitedTextField
      type="password"
      label={label}
      max={PASSPHRASE_MAX}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoFocus
      fullWidth
      autoComplete="off"
      slotProps={{ htmlInput: { readOnly: busy } }}
      error={wrong !== null}
      helperText={wrong ?? ' '}
    />
  );
}
