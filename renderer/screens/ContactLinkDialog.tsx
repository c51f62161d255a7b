// Linking an atendimento to the correction that deals with it: one of the record's corrections,
// named by field, change and date.
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import type { Correction } from '../../shared/contract';
import type { Contact } from '../../shared/contract/contacts';
import { CORRECTION_STATUS_LABELS } from '../../shared/display/labels';
import { formatFieldValue } from '../../shared/display/values';
import { fieldLabel } from '../../shared/fields';
import { call } from '../api/client';
import { JobDialog } from '../components/JobDialog';
import { useWork } from '../lib/work';
import { useContacts } from '../stores/contacts';
import { useNotify } from '../stores/notify';
import { CONTACTS_TEXT, localDateBr } from './contacts.text';

const TEXT = CONTACTS_TEXT.link;

function changeOf(c: Correction): string {
  const value = (v: string | null) => formatFieldValue(c.field, v);
  return `${value(c.oldValue)} → ${value(c.newValue)} · ${CORRECTION_STATUS_LABELS[c.status]}`;
}

export function ContactLinkDialog({ contact, onClose }: { contact: Contact; onClose(): void }) {
  const [corrections, setCorrections] = useState<Correction[] | null>(null);
  const [chosen, setChosen] = useState('');
  const { running, error, run } = useWork();
  const replace = useContacts((s) => s.replace);
  const notify = useNotify((s) => s.show);
  const professionalId = contact.person.professionalId;

  useEffect(() => {
    if (professionalId === null) return;
    void run(async () => {
      const linked = new Set(contact.corrections.map((c) => c.uuid));
      const view = await call('registry:get', { id: professionalId });
      setCorrections(view.corrections.filter((c) => !linked.has(c.uuid)));
    });
    // Once, when the dialog opens.
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen === '') return;
    await run(async () => {
      replace(await call('contacts:linkCorrection', { id: contact.id, correctionUuid: chosen }));
      notify(TEXT.done);
      onClose();
    });
  }

  return (
    <JobDialog
      title={TEXT.title}
      busy={running}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      error={error}
      cancelLabel={CONTACTS_TEXT.dialogCancel}
      confirm={corrections && corrections.length === 0 ? undefined : { label: TEXT.confirm, disabled: chosen === '' }}
    >
      {corrections && corrections.length === 0 ? (
        <Typography>{TEXT.none}</Typography>
      ) : (
        <>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {TEXT.intro}
          </Typography>
          <TextField select fullWidth label={TEXT.label} value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={!corrections}>
            {(corrections ?? []).map((c) => (
              <MenuItem key={c.uuid} value={c.uuid}>
                {TEXT.option(fieldLabel(c.field), changeOf(c), localDateBr(c.createdAt))}
              </MenuItem>
            ))}
          </TextField>
        </>
      )}
    </JobDialog>
  );
}
