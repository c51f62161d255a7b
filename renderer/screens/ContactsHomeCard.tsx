// Início's card of atendimentos: how many are still open and how many wait on Implanta past the
// desk's days (in red), and the way to the list.
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Output } from '../../shared/contract';
import { call } from '../api/client';
import { DashboardCard } from '../components/DashboardCard';
import { useContacts } from '../stores/contacts';
import { useNavigation } from '../stores/navigation';
import { CONTACTS_TEXT } from './contacts.text';

const TEXT = CONTACTS_TEXT.home;

export function ContactsHomeCard() {
  const [counts, setCounts] = useState<Output<'contacts:counts'> | null>(null);
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    call('contacts:counts', {}).then(setCounts, () => setCounts(null));
  }, []);
  if (!counts) return null;
  const open = (counts.byStatus.open ?? 0) + (counts.byStatus.forwarded ?? 0) + (counts.byStatus.waiting_professional ?? 0);
  function see(overdue: boolean) {
    // The list loads with these filters when it opens.
    useContacts.setState({ status: null, overdue, page: 0 });
    go({ name: 'contacts' });
  }
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
      <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1.5, flexWrap: 'wrap' }}>
        <Button size="small" variant="outlined" onClick={() => see(false)}>
          {TEXT.see}
        </Button>
        {counts.overdue > 0 ? (
          <Button size="small" variant="outlined" color="error" onClick={() => see(true)}>
            {TEXT.seeOverdue}
          </Button>
        ) : null}
      </Stack>
    </DashboardCard>
  );
}
