// The nationality in the correction form: the DIP's fixed list as a select and, for a foreigner, the
// country beside it; a stored value off the list stays shown as the current choice until replaced.
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { EMPTY_VALUE } from '../../shared/display/values';
import { FIELDS } from '../../shared/fields';
import { NATIONALITY_LABELS } from '../../shared/rules/vocabulary';
import { CHANGED_SX, fieldInputId, type FieldEditorProps } from '../components/FieldInput';
import { composeNationality, NATIONALITY_KINDS, nationalityChoice, type NationalityKind } from '../lib/nationality';
import { CORRECTION_TEXT as TEXT } from './correction.text';

const UNLISTED = 'unlisted';
export function NationalityField({ value, onChange, onBlur, error, hint, changed }: FieldEditorProps) {
  const choice = nationalityChoice(value);
  const foreign = choice.kind === 'foreign';
  const id = fieldInputId('nationality');
  const sx = changed ? CHANGED_SX : undefined;
  return (
    <Box sx={{ display: 'flex', gap: 2, minWidth: 0 }}>
      <TextField
        // The field's id goes to the part the clerk must fix: the country, once "Estrangeira" is chosen.
        id={foreign ? `${id}-kind` : id}
        label={FIELDS.nationality.label}
        select
        fullWidth
        value={choice.kind ?? (choice.unlisted === null ? '' : UNLISTED)}
        onChange={(e) => {
          if (e.target.value !== UNLISTED) onChange(composeNationality((e.target.value || null) as NationalityKind | null, choice.country));
        }}
        onBlur={onBlur}
        error={error !== null && !foreign}
        helperText={(foreign ? null : error) ?? hint ?? undefined}
        sx={{ flex: 1, minWidth: 0, ...sx }}
        slotProps={{ select: { displayEmpty: true, onClose: onBlur }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">
          <em>{EMPTY_VALUE}</em>
        </MenuItem>
        {NATIONALITY_KINDS.map((kind) => (
          <MenuItem key={kind} value={kind}>
            {NATIONALITY_LABELS[kind]}
          </MenuItem>
        ))}
        {choice.unlisted === null ? null : <MenuItem value={UNLISTED}>{TEXT.nationality.unlisted(choice.unlisted)}</MenuItem>}
      </TextField>
      {foreign ? (
        <TextField
          id={id}
          label={TEXT.nationality.country}
          required
          value={choice.country}
          onChange={(e) => onChange(composeNationality('foreign', e.target.value))}
          onBlur={onBlur}
          error={error !== null}
          helperText={error ?? TEXT.nationality.countryHelp}
          sx={{ flex: 1, minWidth: 0, ...sx }}
          // No browser maxLength: the rule says a country too long, never a country cut at its end.
          slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
        />
      ) : null}
    </Box>
  );
}
