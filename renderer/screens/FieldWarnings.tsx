// Under a changed field of the correction form: what the Pendências worklist would say about the new
// value, as a warning that never blocks saving — and, for a misspelt e-mail, the likely address in one click.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { FieldName } from '../../shared/fields';
import type { FieldWarning } from '../lib/draftWarnings';
import { CORRECTION_TEXT as TEXT } from './correction.text';

interface Props {
  warnings: readonly FieldWarning[];
  /** The field's input: it gets the focus back once the suggestion (and its button) is gone. */
  inputId: string;
  /** Takes a suggestion: for the warning's own field, or for `target` (the UF of a CEP's warning). */
  onUse(suggestion: string, target?: FieldName): void;
}

export function FieldWarnings({ warnings, inputId, onUse }: Props) {
  if (warnings.length === 0) return null;
  const use = (suggestion: string, target?: FieldName) => {
    onUse(suggestion, target);
    requestAnimationFrame(() => document.getElementById(inputId)?.focus());
  };
  return (
    <Box sx={{ display: 'grid', gap: 0.5, mt: 0.5 }}>
      {warnings.map((warning) => {
        const { suggestion, suggestionField } = warning;
        return (
          <Alert
            key={`${warning.code}-${warning.message}`}
            severity="warning"
            role="status"
            data-testid="field-warning"
            sx={{ py: 0, px: 1, alignItems: 'center', '& .MuiAlert-icon': { mr: 1 }, '& .MuiAlert-action': { py: 0, mr: 0 } }}
            action={
              suggestion === undefined ? undefined : (
                <Button color="inherit" size="small" onClick={() => use(suggestion, suggestionField)} sx={{ whiteSpace: 'nowrap' }}>
                  {suggestionField === 'uf' ? TEXT.warnings.changeUf(suggestion) : (TEXT.warnings.useSuggestion[warning.code] ?? TEXT.warnings.useAnySuggestion)}
                </Button>
              )
            }
          >
            {suggestion === undefined || suggestionField !== undefined ? warning.message : TEXT.warnings.didYouMean(suggestion)}
          </Alert>
        );
      })}
    </Box>
  );
}
