// The council this desk serves, chosen by typing its number or UF ("CRESS 9", "sp") or from the list.
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { REGIONS, regionLabel, type Region } from '../../shared/regions';
import { findRegions } from '../lib/regionSearch';

export function RegionField({
  label,
  placeholder,
  noMatch,
  value,
  onChange,
  error,
  disabled,
}: {
  label: string;
  placeholder: string;
  noMatch: string;
  value: number | null;
  onChange(region: number | null): void;
  error: string | null;
  disabled?: boolean;
}) {
  return (
    <Autocomplete<Region>
      options={REGIONS}
      value={REGIONS.find((r) => r.region === value) ?? null}
      onChange={(_, region) => onChange(region?.region ?? null)}
      getOptionLabel={(r) => regionLabel(r.region)}
      isOptionEqualToValue={(a, b) => a.region === b.region}
      filterOptions={(_, state) => findRegions(state.inputValue)}
      autoHighlight
      openOnFocus
      disabled={disabled}
      noOptionsText={noMatch}
      slotProps={{ paper: { sx: { maxHeight: 360 } } }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          placeholder={placeholder}
          required
          error={error !== null}
          helperText={error}
          slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps?.inputLabel, shrink: true } }}
        />
      )}
    />
  );
}
