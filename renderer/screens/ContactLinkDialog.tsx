// Linking an atendimento to the correction that deals with it: one of the record's corrections,
// named by field, change and date.
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Correction } from '../../shared/contract';
import type { Contact } from '../../shared/contract/contacts';
import { CORRECTION_STATUS_LABELS } from '../../shared/display/labels';
import { formatFieldValue } from '../../shared/display/values';
import { fieldLabel } from '../../shared/fields';
import { call } from '../api/client';
import { useWork } from '../lib/work';
import { useContacts } from '../stores/contacts';
import { useNotify } from '../stores/notify';
import { ContactDialog } from './ContactDialog';
import { CONTACTS_TEXT, localDateBr } from './contacts.text';

const TEXT = CONTACTS_TEXT.link;

function changeOf(c: Correction): string {
  const value = (v: string | null) => formatFieldValue(c.field, v);
  return `${value(c.oldValue)} → ${value(c.newValue)} · ${CORRECTION_STATUS_LABELS[c.status]}`;
}

export function ContactLinkDialog({ contact, onClose }: { contact: Contact; onClose(): void }) {
  const [corrections, setCorrections] = useState<Correction[] | null>(null);
  const [chosen, setChosen] = useState('');
  const work = useWork();
  const replace = useContacts((s) => s.replace);
  const notify = useNotify((s) => s.show);
  const professionalId = contact.person.professionalId;

  useEffect(() => {
    if (professionalId === null) return;
    void work.run(async () => {
      const linked = new Set(contact.corrections.map((c) => c.uuid));
      const view = await call('registry:get', { id: professionalId });
      setCorrections(view.corrections.filter((c) => !linked.has(c.uuid)));
    });
    // Once, when the dialog opens.
  }, []);

  async function submit() {
    if (chosen === '') return;
    await work.run(async () => {
      replace(await call('contacts:linkCorrection', { id: contact.id, correctionUuid: chosen }));
      notify(TEXT.done);
      onClose();
    });
  }

  const none = corrections !== null && corrections.length === 0;
  return (
    <ContactDialog
      title={TEXT.title}
      intro={none ? undefined : TEXT.intro}
      work={work}
      onClose={onClose}
      onSubmit={submit}
      confirm={none ? undefined : { label: TEXT.confirm, disabled: chosen === '' }}
    >
      {none ? (
        <Typography>{TEXT.none}</Typography>
      ) : (
        <TextField select fullWidth label={TEXT.label} value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={!corrections}>
          {(corrections ?? []).map((c) => (
            <MenuItem key={c.uuid} value={c.uuid}>
              {TEXT.option(fieldLabel(c.field), changeOf(c), localDateBr(c.createdAt))}
            </MenuItem>
          ))}
        </TextField>
      )}
    </ContactDialog>
  );
}
