// A field's change as the clerk reads it everywhere (review, history, lotes): old → new, formatted.
import Box from '@mui/material/Box';
import { Fragment, type ReactNode } from 'react';
import type { FieldValue } from '../../shared/fields';
import { EMPTY_VALUE, formatFieldValue } from '../../shared/display/values';

/**
 * Where an e-mail address may wrap: after the "@" and before each dot. Null for any other text.
 * In a narrow column the address then breaks between its parts, never leaving a letter alone.
 */
export function emailParts(text: string): string[] | null {
  if (!/^[^\s@]+@[^\s@]+$/.test(text)) return null;
  const parts: string[] = [];
  for (const part of text.split(/(?<=@)|(?=\.)/)) {
    const last = parts.length - 1;
    // A short part (".br", ".sp") stays with the one before it: no line holds only that.
    if (part.length <= 3 && last >= 0 && !parts[last]!.endsWith('@')) parts[last] += part;
    else if (part) parts.push(part);
  }
  return parts;
}

function Value({ text }: { text: string }) {
  const parts = emailParts(text);
  if (!parts) return <>{text}</>;
  // Wrapping only between the parts; a part longer than the column still breaks rather than overflow.
  return (
    <Box component="span" sx={{ overflowWrap: 'break-word' }}>
      {parts.map<ReactNode>((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </Box>
  );
}

/**
 * "antigo → novo" for one field, formatted, with empty values said as such.
 * `stacked` puts the new value on its own line, for narrow table columns.
 */
export function ChangeText({ field, oldValue, newValue, stacked = false }: { field: string; oldValue: FieldValue; newValue: FieldValue; stacked?: boolean }) {
  return (
    <Box component="span" sx={{ overflowWrap: 'anywhere' }}>
      <Box component="span" sx={{ color: 'text.secondary' }}>
        <Value text={formatFieldValue(field, oldValue, EMPTY_VALUE)} />
      </Box>
      {stacked ? <br /> : null}
      {/* A no-break space keeps the arrow with the new value when the line wraps. */}
      {stacked ? '→\u00a0' : ' →\u00a0'}
      <Box component="span" sx={{ fontWeight: 600 }}>
        <Value text={formatFieldValue(field, newValue, EMPTY_VALUE)} />
      </Box>
    </Box>
  );
}
