// The seccional and the first operator's name, asked on the first run; each screen says in its
// own words what they are for.
import { OPERATOR_NAME_MAX } from '../../shared/contract/operators';
import { SECCIONAL_MAX } from '../../shared/contract/settings';
import { LimitedTextField } from './LimitedTextField';

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
      <LimitedTextField
        label={text.seccional}
        value={value.seccional}
        max={SECCIONAL_MAX}
        onChange={(e) => onChange({ ...value, seccional: e.target.value })}
        disabled={disabled}
        helperText={text.seccionalHelp}
      />
      <LimitedTextField
        label={text.operator}
        value={value.operator}
        max={OPERATOR_NAME_MAX}
        onChange={(e) => onChange({ ...value, operator: e.target.value })}
        required
        disabled={disabled}
        error={operatorError !== null}
        helperText={operatorError ?? text.operatorHelp}
        slotProps={{ htmlInput: { autoComplete: operatorAutoComplete } }}
      />
    </>
  );
}
