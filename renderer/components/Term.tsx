// One entry of a description list (`<dl>`): a label in the quieter colour and its value, so the
// screens that list facts (the desk's store, a lote's dates) read them alike.
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { NumericText } from './Numeric';

/** The label (`dt`) and its value (`dd`); `numeric`: the value's digits keep the same width. */
export function Term({ label, numeric = false, children }: { label: string; numeric?: boolean; children: ReactNode }) {
  const Value = numeric ? NumericText : Typography;
  return (
    <>
      <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
        {label}
      </Typography>
      <Value component="dd" sx={{ m: 0 }}>
        {children}
      </Value>
    </>
  );
}
