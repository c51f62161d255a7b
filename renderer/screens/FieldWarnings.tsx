// Under a changed field of the correction form: what the Pendências worklist would say about the new
// value, as a warning that never blocks saving — and, for a misspelt e-mail, the likely address in one click.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { FieldWarning } from '../lib/draftWarnings';
import { CORRECTION_TEXT as TEXT } from './correction.text';

interface Props {
  warnings: readonly FieldWarning[];
  /** The field's input: it gets the focus back once the suggestion (and its button) is gone. */
  inputId: string;
  onUse(suggestion: string): void;
}

export function FieldWarnings({ warnings, inputId, onUse }: Props) {
  if (warnings.length === 0) return null;
  const use = (suggestion: string) => {
    onUse(suggestion);
    requestAnimationFrame(() => document.getElementById(inputId)?.focus());
  };
  return (
    <Box sx={{ display: 'grid', gap: 0.5, mt: 0.5 }}>
      {warnings.map((warning) => {
        const { suggestion } = warning;
        return (
          <Alert
            key={`${warning.code}-${warning.message}`}
            severity="warning"
            role="status"
            data-testid="field-warning"
            sx={{ py: 0, px: 1, alignItems: 'center', '& .MuiAlert-icon': { mr: 1 }, '& .MuiAlert-action': { py: 0, mr: 0 } }}
            action={
              suggestion === undefined ? undefined : (
                <Button color="inherit" size="small" onClick={() => use(suggestion)} sx={{ whiteSpace: 'nowrap' }}>
                  {TEXT.warnings.useSuggestion[warning.code] ?? TEXT.warnings.useAnySuggestion}
                </Button>
              )
            }
          >
            {suggestion === undefined ? warning.message : TEXT.warnings.didYouMean(suggestion)}
          </Alert>
        );
      })}
    </Box>
  );
}
