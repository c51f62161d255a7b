// After Implanta's answer is applied: how many atendimentos now have news for their professional
// ("a avisar"), with the way to that list. Nothing shows when nobody is waiting to be told. Its
// frame, ToNotifyAlert, also tells on an atendimento that its professional is still to be told.
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import Alert, { type AlertProps } from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useEffect, useState, type ReactNode } from 'react';
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
  const see = () => {
    onLeave();
    seeContacts('toNotify');
  };
  return (
    <ToNotifyAlert severity="info" testId="ack-to-notify" action={{ label: TEXT.see, onClick: see }}>
      {TEXT.ack(count)}
    </ToNotifyAlert>
  );
}

/** Someone is still to be told of news, with the button that leads to telling them. */
export function ToNotifyAlert({
  severity,
  testId,
  action,
  children,
}: {
  severity: AlertProps['severity'];
  testId: string;
  action: { label: string; onClick(): void; variant?: 'outlined' };
  children: ReactNode;
}) {
  return (
    <Alert
      severity={severity}
      icon={<NotificationsActiveIcon />}
      sx={{ mb: 2 }}
      data-testid={testId}
      action={
        <Button color="inherit" size="small" variant={action.variant} onClick={action.onClick} sx={{ whiteSpace: 'nowrap' }}>
          {action.label}
        </Button>
      }
    >
      {children}
    </Alert>
  );
}
