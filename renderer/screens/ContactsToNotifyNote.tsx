// After Implanta's answer is applied: how many atendimentos now have news for their professional
// ("a avisar"), with the way to that list. Nothing shows when nobody is waiting to be told.
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { seeContacts } from '../stores/contacts';
import { CONTACTS_TEXT } from './contacts.text';

const TEXT = CONTACTS_TEXT.notifyAfter;

/** `answer`: changes whenever another answer is applied, so the count is read again. */
export function ContactsToNotifyNote({ answer, onLeave }: { answer: string; onLeave(): void }) {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    call('contacts:counts', {}).then(
      (counts) => current && setCount(counts.toNotify),
      () => current && setCount(null),
    );
    return () => {
      current = false;
    };
  }, [answer]);
  if (!count) return null;
  return (
    <Alert
      severity="info"
      icon={<NotificationsActiveIcon />}
      sx={{ mb: 2 }}
      data-testid="ack-to-notify"
      action={
        <Button
          color="inherit"
          size="small"
          onClick={() => {
            onLeave();
            seeContacts('toNotify');
          }}
          sx={{ whiteSpace: 'nowrap' }}
        >
          {TEXT.see}
        </Button>
      }
    >
      {TEXT.ack(count)}
    </Alert>
  );
}
