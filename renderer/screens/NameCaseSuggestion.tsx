// Under a name field of the correction form: the council's capitalisation of what was typed, as a
// one-click suggestion — the name stays as typed unless the clerk takes it.
import Button from '@mui/material/Button';
import { capitalisationSuggestion } from '../../shared/rules/nameCase';
import { CORRECTION_TEXT as TEXT } from './correction.text';

export function NameCaseSuggestion({ typed, onApply }: { typed: string; onApply(suggested: string): void }) {
  const suggested = capitalisationSuggestion(typed);
  if (suggested === null) return null;
  return (
    <Button size="small" variant="text" onClick={() => onApply(suggested)} sx={{ alignSelf: 'flex-start', textTransform: 'none', mt: 0.5 }}>
      {TEXT.nameCase(suggested)}
    </Button>
  );
}
