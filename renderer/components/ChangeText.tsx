// A field's change as the clerk reads it everywhere (review, history, lotes): old → new, formatted.
import Box from '@mui/material/Box';
import type { FieldValue } from '../../shared/fields';
import { EMPTY_VALUE, formatFieldValue } from '../../shared/display/values';

/**
 * "antigo → novo" for one field, formatted, with empty values said as such.
 * `stacked` puts the new value on its own line, for narrow table columns.
 */
export function ChangeText({ field, oldValue, newValue, stacked = false }: { field: string; oldValue: FieldValue; newValue: FieldValue; stacked?: boolean }) {
  return (
    <Box component="span" sx={{ overflowWrap: 'anywhere' }}>
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {formatFieldValue(field, oldValue, EMPTY_VALUE)}
      </Box>
      {stacked ? <br /> : null}
      {/* A no-break space keeps the arrow with the new value when the line wraps. */}
      {stacked ? '→\u00a0' : ' →\u00a0'}
      <Box component="span" sx={{ fontWeight: 600 }}>
        {formatFieldValue(field, newValue, EMPTY_VALUE)}
      </Box>
    </Box>
  );
}
