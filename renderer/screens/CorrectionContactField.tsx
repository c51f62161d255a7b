// The atendimento a correction deals with: one of the professional's atendimentos not resolved (the
// one the form was opened from already chosen), or none. The store links it as it saves the
// correction, so the atendimento follows its lote and Implanta's answer.
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import type { ContactSummary } from '../../shared/contract/contacts';
import { call } from '../api/client';
import { CORRECTION_TEXT } from './correction.text';
import { contactCaseLabel, localDateBr } from './contacts.text';

const TEXT = CORRECTION_TEXT.contact;

/** The professional's atendimentos not resolved, newest first; null while they load (or could not). */
export function useOpenContacts(professionalId: number): ContactSummary[] | null {
  const [contacts, setContacts] = useState<ContactSummary[] | null>(null);
  useEffect(() => {
    let current = true;
    call('contacts:list', { professionalId, page: 0, pageSize: 200 }).then(
      (page) => current && setContacts(page.items.filter((c) => c.status !== 'resolved')),
      () => current && setContacts(null),
    );
    return () => {
      current = false;
    };
  }, [professionalId]);
  return contacts;
}

/** How the form and its review name an atendimento. */
export function contactChoiceLabel(contact: ContactSummary): string {
  return TEXT.option(contact.protocol, contactCaseLabel(contact.case), localDateBr(contact.createdAt));
}

interface Props {
  contacts: ContactSummary[] | null;
  value: number | null;
  onChange(contactId: number | null): void;
  error: string | null;
}

export function CorrectionContactField({ contacts, value, onChange, error }: Props) {
  // A professional with no atendimento in progress: nothing to choose, nothing shown.
  if (!contacts || (contacts.length === 0 && value === null)) return null;
  return (
    <TextField
      select
      id="correction-contact"
      label={TEXT.label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      error={error !== null}
      helperText={error ?? TEXT.help}
      sx={{ gridColumn: '1 / -1' }}
    >
      <MenuItem value="">{TEXT.none}</MenuItem>
      {contacts.map((contact) => (
        <MenuItem key={contact.id} value={contact.id}>
          {contactChoiceLabel(contact)}
        </MenuItem>
      ))}
    </TextField>
  );
}
