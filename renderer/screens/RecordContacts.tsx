// On a record: the way to register an atendimento for this professional, and the list of her/his
// atendimentos, each one click away.
import AddCommentIcon from '@mui/icons-material/AddComment';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { CONTACT_CHANNEL_LABELS, type ContactSummary } from '../../shared/contract/contacts';
import { call } from '../api/client';
import { PagedTable, type Column } from '../components/PagedTable';
import { useNavigation } from '../stores/navigation';
import { ContactNewDialog, type LocatedPerson } from './ContactNewDialog';
import { CONTACTS_TEXT, contactCaseLabel, localDateBr } from './contacts.text';
import { ContactStateChips } from './Contacts';

const TEXT = CONTACTS_TEXT.record;

/** "Registrar atendimento" for the record on screen: the new atendimento opens once registered. */
export function RecordContactButton({ person }: { person: LocatedPerson }) {
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Button variant="outlined" startIcon={<AddCommentIcon aria-hidden />} onClick={() => setAdding(true)}>
        {TEXT.add}
      </Button>
      {adding ? <ContactNewDialog person={person} onClose={() => setAdding(false)} /> : null}
    </>
  );
}

/** The record's atendimentos, newest first; nothing when she/he has none. Read again when the record changes (a correction saved for one of them). */
export function RecordContacts({ professionalId, version }: { professionalId: number; version: number }) {
  const [items, setItems] = useState<ContactSummary[] | null>(null);
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    call('contacts:list', { professionalId, page: 0, pageSize: 100 }).then(
      (result) => setItems(result.items),
      () => setItems(null),
    );
  }, [professionalId, version]);
  if (!items || items.length === 0) return null;
  return (
    <Card component="section" aria-label={TEXT.title} sx={{ mb: 2 }}>
      <CardContent sx={{ pb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {TEXT.title}
        </Typography>
        <PagedTable
          label={TEXT.tableLabel}
          columns={COLUMNS}
          rows={items}
          rowKey={(item) => item.id}
          open={{ label: (item) => CONTACTS_TEXT.openRow(item.protocol), onOpen: (item) => go({ name: 'contact', id: item.id }) }}
          empty={null}
          framed={false}
        />
      </CardContent>
    </Card>
  );
}

const c = CONTACTS_TEXT.columns;

const COLUMNS: Column<ContactSummary>[] = [
  { header: c.protocol, numeric: true, sx: { whiteSpace: 'nowrap', fontWeight: 500 }, cell: (item) => item.protocol },
  { header: c.case, cell: (item) => contactCaseLabel(item.case) },
  { header: c.channel, cell: (item) => CONTACT_CHANNEL_LABELS[item.channel] },
  { header: c.status, cell: (item) => <ContactStateChips item={item} /> },
  { header: c.openedAt, numeric: true, sx: { whiteSpace: 'nowrap' }, cell: (item) => localDateBr(item.createdAt) },
];
