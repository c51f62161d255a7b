// Início's card of atendimentos: how many are still open, how many wait on Implanta past the desk's
// days (in red), and how many professionals still have to be told about their corrections ("a
// avisar"); each count opens the list filtered to it.
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Output } from '../../shared/contract';
import { call } from '../api/client';
import { DashboardCard } from '../components/DashboardCard';
import { seeContacts } from '../stores/contacts';
import { CONTACTS_TEXT } from './contacts.text';

const TEXT = CONTACTS_TEXT.home;

export function ContactsHomeCard() {
  const [counts, setCounts] = useState<Output<'contacts:counts'> | null>(null);
  useEffect(() => {
    call('contacts:counts', {}).then(setCounts, () => setCounts(null));
  }, []);
  if (!counts) return null;
  const open = (counts.byStatus.open ?? 0) + (counts.byStatus.forwarded ?? 0) + (counts.byStatus.waiting_professional ?? 0);
  return (
    <DashboardCard icon={<SupportAgentIcon />} title={TEXT.title} tone={counts.overdue > 0 ? 'error' : undefined}>
      <Typography variant="body2" data-testid="home-contacts-open">
        {open > 0 ? TEXT.open(open) : TEXT.none}
      </Typography>
      {counts.overdue > 0 ? (
        <Typography variant="body2" sx={{ color: 'error.main', fontWeight: 600, mt: 0.5 }} data-testid="home-contacts-overdue">
          {TEXT.overdue(counts.overdue)}
        </Typography>
      ) : null}
      {counts.toNotify > 0 ? (
        <Typography variant="body2" sx={{ color: 'warning.dark', fontWeight: 600, mt: 0.5 }} data-testid="home-contacts-to-notify">
          {TEXT.toNotify(counts.toNotify)}
        </Typography>
      ) : null}
      <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1.5, flexWrap: 'wrap' }}>
        <Button size="small" variant="outlined" onClick={() => seeContacts('all')}>
          {TEXT.see}
        </Button>
        {counts.overdue > 0 ? (
          <Button size="small" variant="outlined" color="error" onClick={() => seeContacts('overdue')}>
            {TEXT.seeOverdue}
          </Button>
        ) : null}
        {counts.toNotify > 0 ? (
          <Button size="small" variant="outlined" color="warning" onClick={() => seeContacts('toNotify')}>
            {TEXT.seeToNotify}
          </Button>
        ) : null}
      </Stack>
    </DashboardCard>
  );
}
