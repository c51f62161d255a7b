// The seccional and the first operator's name, asked on the first run; each screen says in its
// own words what they are for.
import TextField from '@mui/material/TextField';

const MAX_LENGTH = 80;

/** The two values as typed. */
export interface DeskIdentity {
  seccional: string;
  operator: string;
}

export interface DeskIdentityText {
  seccional: string;
  seccionalHelp: string;
  operator: string;
  operatorHelp: string;
}

export function DeskIdentityFields({
  text,
  value,
  onChange,
  operatorError,
  operatorAutoComplete,
  disabled,
}: {
  text: DeskIdentityText;
  value: DeskIdentity;
  onChange(value: DeskIdentity): void;
  /** Shown in place of the help (the screen decides when: after the first submit). */
  operatorError: string | null;
  operatorAutoComplete?: string;
  disabled: boolean;
}) {
  return (
    <>
      <TextField
        label={text.seccional}
        value={value.seccional}
        onChange={(e) => onChange({ ...value, seccional: e.target.value })}
        disabled={disabled}
        helperText={text.seccionalHelp}
        slotProps={{ htmlInput: { maxLength: MAX_LENGTH } }}
      />
      <TextField
        label={text.operator}
        value={value.operator}
        onChange={(e) => onChange({ ...value, operator: e.target.value })}
        required
        disabled={disabled}
        error={operatorError !== null}
        helperText={operatorError ?? text.operatorHelp}
        slotProps={{ htmlInput: { maxLength: MAX_LENGTH, autoComplete: operatorAutoComplete } }}
      />
    </>
  );
}
