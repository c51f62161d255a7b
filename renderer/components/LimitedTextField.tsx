// A text field with a limit the clerk sees: no browser maxLength (a pasted text would lose its end
// without a word); near the limit it counts the characters, past it it says so and by how much.
import Box from '@mui/material/Box';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { lengthCounter, tooLongError } from '../lib/textLimit';

type Props = Omit<TextFieldProps, 'value'> & {
  value: string;
  /** The longest text the store keeps. */
  max: number;
  /** The field as the message names it, when its label says more ("Observações (opcional)"). */
  limitName?: string;
  label: string;
};

export function LimitedTextField({ value, max, limitName, label, error, helperText, ...rest }: Props) {
  const tooLong = tooLongError(limitName ?? label, value, max);
  const counter = tooLong ? null : lengthCounter(value, max);
  return <TextField {...rest} label={label} value={value} error={tooLong !== null || error} helperText={withCounter(tooLong ?? helperText, counter)} />;
}

function withCounter(helper: ReactNode, counter: string | null): ReactNode {
  if (counter === null) return helper;
  return (
    <Box component="span" sx={{ display: 'flex', gap: 1, justifyContent: 'space-between' }}>
      <span>{helper}</span>
      <Box component="span" sx={{ flexShrink: 0 }}>
        {counter}
      </Box>
    </Box>
  );
}
