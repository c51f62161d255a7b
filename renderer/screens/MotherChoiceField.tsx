// The mother's fieldset of the correction form (seed case F): a name or "Não consta mãe", never both,
// the name field shaded when it differs from the record, the council's capitalisation offered and
// the worklist's warnings about the new name shown under it.
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import { formatFieldValue } from '../../shared/display/values';
import type { Professional } from '../../shared/domain';
import { FIELDS } from '../../shared/fields';
import { CHANGED_SX, fieldInputId } from '../components/FieldInput';
import { initialText, motherChoiceOf, shownText, type CorrectionDraft, type MotherChoice } from '../lib/draft';
import type { FieldWarning } from '../lib/draftWarnings';
import { CORRECTION_TEXT as TEXT } from './correction.text';
import { FieldWarnings } from './FieldWarnings';
import { NameCaseSuggestion } from './NameCaseSuggestion';

export function MotherChoiceField({
  professional,
  draft,
  error,
  warnings,
  onChoice,
  onName,
  onBlur,
}: {
  professional: Professional;
  draft: CorrectionDraft;
  error: string | null;
  warnings: readonly FieldWarning[];
  onChoice(choice: MotherChoice): void;
  onName(name: string): void;
  onBlur(): void;
}) {
  const choice = motherChoiceOf(draft, professional);
  const name = shownText(draft, professional, 'motherName');
  const nameChanged = choice === 'name' && (professional.motherNotListed || name.trim() !== initialText(professional, 'motherName').trim());
  const current = professional.motherNotListed ? TEXT.mother.notListed : formatFieldValue('motherName', professional.motherName);
  return (
    <FormControl component="fieldset" error={error !== null} sx={{ gridColumn: '1 / -1', border: 1, borderColor: error ? 'error.main' : 'divider', borderRadius: 1, px: 2, py: 1 }}>
      <FormLabel component="legend" sx={{ px: 0.5 }}>
        {TEXT.mother.legend}
      </FormLabel>
      <RadioGroup value={choice ?? ''} onChange={(e) => onChoice(e.target.value as MotherChoice)}>
        <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
          <FormControlLabel value="name" control={<Radio />} label={TEXT.mother.name} sx={{ mt: 0.5, minWidth: 150 }} />
          <TextField
            id={fieldInputId('motherName')}
            label={FIELDS.motherName.label}
            value={choice === 'notListed' ? '' : name}
            onChange={(e) => onName(e.target.value)}
            onBlur={onBlur}
            disabled={choice === 'notListed'}
            error={error !== null}
            sx={{ flex: 1, minWidth: 280, ...(nameChanged ? CHANGED_SX : {}) }}
            helperText={
              choice === 'notListed' && professional.motherName
                ? TEXT.mother.willClear(professional.motherName)
                : nameChanged
                  ? TEXT.current(current)
                  : undefined
            }
            slotProps={{
              // No maxLength: a longer name pasted is said too long (the rule), never cut at its end.
              htmlInput: { autoComplete: 'off', spellCheck: false },
              // The group states the error once; this line only says what the record holds now.
              formHelperText: { error: false },
            }}
          />
        </Box>
        {choice === 'notListed' ? null : <NameCaseSuggestion typed={name} onApply={onName} />}
        {choice === 'notListed' ? null : <FieldWarnings warnings={warnings} inputId={fieldInputId('motherName')} onUse={onName} />}
        <FormControlLabel value="notListed" control={<Radio />} label={TEXT.mother.notListed} />
      </RadioGroup>
      {error || choice === 'notListed' ? (
        <FormHelperText sx={{ mx: 0 }}>{error ?? TEXT.mother.notListedHelp}</FormHelperText>
      ) : null}
    </FormControl>
  );
}
