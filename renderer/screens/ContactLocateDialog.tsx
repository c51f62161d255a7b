// Finding the record of an atendimento opened before it was found: by CPF or registration number,
// the record shown by name before the clerk links it.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Contact } from '../../shared/contract/contacts';
import type { Professional } from '../../shared/domain';
import { call } from '../api/client';
import { LimitedTextField } from '../components/LimitedTextField';
import { useWork } from '../lib/work';
import { useContacts } from '../stores/contacts';
import { useNotify } from '../stores/notify';
import { ContactDialog } from './ContactDialog';
import { CONTACTS_TEXT } from './contacts.text';

const TEXT = CONTACTS_TEXT.locate;
/** The longest key the search takes ('registry:find'). */
const KEY_MAX = 40;

export function ContactLocateDialog({ contact, onClose }: { contact: Contact; onClose(): void }) {
  const [key, setKey] = useState(contact.person.cpf ?? '');
  const [found, setFound] = useState<Professional | null | undefined>(undefined);
  const work = useWork();
  const replace = useContacts((s) => s.replace);
  const notify = useNotify((s) => s.show);

  const keyUsable = key.trim() !== '' && key.trim().length <= KEY_MAX;

  async function search() {
    if (!keyUsable) return;
    await work.run(async () => setFound(await call('registry:find', { key: key.trim() })));
  }

  async function link(professionalId: number) {
    await work.run(async () => {
      replace(await call('contacts:locate', { id: contact.id, professionalId }));
      notify(TEXT.done);
      onClose();
    });
  }

  /** Enter or the button: searches, and once the record shows, links it. */
  const submit = () => (found ? link(found.id) : search());

  return (
    <ContactDialog title={TEXT.title} work={work} onClose={onClose} onSubmit={submit} confirm={found ? { label: TEXT.confirm } : { label: TEXT.search, disabled: !keyUsable }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', pt: 1 }}>
        <LimitedTextField label={TEXT.key} max={KEY_MAX} value={key} onChange={(e) => { setKey(e.target.value); setFound(undefined); }} autoFocus fullWidth slotProps={{ htmlInput: { autoComplete: 'off' } }} />
        {found ? (
          <Button variant="outlined" sx={{ mt: 1 }} onClick={() => void search()} disabled={work.running}>
            {TEXT.search}
          </Button>
        ) : null}
      </Box>
      <Box role="status" sx={{ mt: 2 }}>
        {found === null ? <Typography sx={{ color: 'warning.dark' }}>{TEXT.notFound}</Typography> : null}
        {found ? <Typography sx={{ fontWeight: 600 }}>{TEXT.found(found.name, found.registrationNumber)}</Typography> : null}
      </Box>
    </ContactDialog>
  );
}
