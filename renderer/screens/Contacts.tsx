// Atendimentos: every problem a professional brought to the council, filtered by state, overdue or "a avisar",
// a page at a time, each row one click from the atendimento; a new one is registered from here.
import AddCommentIcon from '@mui/icons-material/AddComment';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import Box from '@mui/material/Box';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { CONTACT_CHANNEL_LABELS, CONTACT_STATUS_LABELS, CONTACT_STATUSES, type ContactStatus, type ContactSummary } from '../../shared/contract/contacts';
import { MESSAGE_TEMPLATES } from '../../shared/contacts/messages';
import { ContactStatusChip } from '../components/ContactStatusChip';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';
import { PagedTable, pagedListProps, type Column } from '../components/PagedTable';
import { useLoad } from '../lib/load';
import { useContacts } from '../stores/contacts';
import { useNavigation } from '../stores/navigation';
import { ContactNewDialog } from './ContactNewDialog';
import { CONTACTS_TEXT as TEXT, localDateBr } from './contacts.text';

export function ContactsScreen() {
  const contacts = useContacts();
  const { status, overdue, toNotify, result, load, setStatus, setOverdue, setToNotify } = contacts;
  const go = useNavigation((s) => s.go);
  const [adding, setAdding] = useState(false);

  useLoad(load);

  const filtered = status !== null || overdue || toNotify;
  return (
    <Page
      text={TEXT}
      actions={
        <Button variant="contained" startIcon={<AddCommentIcon aria-hidden />} onClick={() => setAdding(true)}>
          {TEXT.add}
        </Button>
      }
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <TextField
          select
          size="small"
          label={TEXT.statusFilter}
          value={status ?? ''}
          onChange={(e) => setStatus(e.target.value === '' ? null : (e.target.value as ContactStatus))}
          sx={{ minWidth: 260, bgcolor: 'background.paper' }}
        >
          <MenuItem value="">{TEXT.allStatuses}</MenuItem>
          {CONTACT_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {CONTACT_STATUS_LABELS[s]}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel control={<Switch checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />} label={TEXT.overdueOnly} />
        <Chip
          icon={<NotificationsActiveIcon aria-hidden />}
          label={TEXT.toNotifyOnly}
          color={toNotify ? 'warning' : 'default'}
          variant={toNotify ? 'filled' : 'outlined'}
          onClick={() => setToNotify(!toNotify)}
          aria-pressed={toNotify}
          sx={{ bgcolor: toNotify ? undefined : 'background.paper' }}
        />
        {result ? (
          <Typography variant="body2" sx={{ color: 'text.secondary', ml: 'auto' }} data-testid="contacts-total">
            {TEXT.total(result.total)}
          </Typography>
        ) : null}
      </Box>
      <PagedTable
        {...pagedListProps(contacts)}
        label={TEXT.tableLabel}
        columns={COLUMNS}
        rowKey={(item) => item.id}
        open={{ label: (item) => TEXT.openRow(item.protocol), onOpen: (item) => go({ name: 'contact', id: item.id }) }}
        loadingLabel={TEXT.loading}
        empty={
          <EmptyState
            icon={<SupportAgentIcon />}
            title={toNotify && status === null && !overdue ? TEXT.noneToNotify : filtered ? TEXT.noneFiltered : TEXT.noneTitle}
            action={
              filtered ? undefined : (
                <Button variant="outlined" onClick={() => setAdding(true)}>
                  {TEXT.add}
                </Button>
              )
            }
          >
            {filtered ? undefined : TEXT.noneText}
          </EmptyState>
        }
      />
      {adding ? <ContactNewDialog person={null} onClose={() => setAdding(false)} /> : null}
    </Page>
  );
}

const c = TEXT.columns;

const COLUMNS: Column<ContactSummary>[] = [
  { header: c.protocol, numeric: true, sx: { whiteSpace: 'nowrap', fontWeight: 500 }, cell: (item) => item.protocol },
  {
    header: c.person,
    cell: (item) => (
      <>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {item.person.name ?? TEXT.noName}
        </Typography>
        <Typography variant="caption" sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
          {item.person.professionalId === null ? `${item.person.cpf ?? ''}${item.person.cpf ? ' · ' : ''}${TEXT.notLocated}` : item.person.cpf ?? ''}
        </Typography>
      </>
    ),
  },
  { header: c.case, align: 'center', cell: (item) => (item.case === 'other' ? TEXT.caseOther : item.case) },
  { header: c.channel, cell: (item) => CONTACT_CHANNEL_LABELS[item.channel] },
  { header: c.status, cell: (item) => <ContactStateChips item={item} /> },
  { header: c.openedAt, numeric: true, sx: { whiteSpace: 'nowrap' }, cell: (item) => localDateBr(item.createdAt) },
];

/** The state of an atendimento in a list: its situation, overdue, and "a avisar" with the message it needs. */
export function ContactStateChips({ item }: { item: ContactSummary }) {
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
      <ContactStatusChip status={item.status} overdue={item.overdue} overdueLabel={TEXT.overdue} />
      {item.toNotify ? (
        <Tooltip title={TEXT.toNotifyTip(MESSAGE_TEMPLATES[item.toNotify])}>
          <Chip size="small" color="warning" variant="outlined" icon={<NotificationsActiveIcon aria-hidden />} label={TEXT.toNotifyChip} />
        </Tooltip>
      ) : null}
    </Box>
  );
}
