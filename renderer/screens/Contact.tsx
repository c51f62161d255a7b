// One atendimento, opened: its protocol and state, the professional, what happened, the actions its
// state allows, the attachments, and the timeline of everything done about it.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { CONTACT_CHANNEL_LABELS, type Contact } from '../../shared/contract/contacts';
import { fieldLabel } from '../../shared/fields';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { CORRECTION_STATUS_LABELS } from '../../shared/display/labels';
import type { CorrectionStatus } from '../../shared/domain';
import { BackButton } from '../components/BackButton';
import { ContactStatusChip } from '../components/ContactStatusChip';
import { LoadingBar } from '../components/LoadingBar';
import { SectionCard } from '../components/SectionCard';
import { useContacts } from '../stores/contacts';
import { ContactActions } from './ContactActions';
import { ContactAttachments } from './ContactAttachments';
import { ContactPerson } from './ContactPerson';
import { ContactTimeline } from './ContactTimeline';
import { CONTACTS_TEXT, contactCaseLabel } from './contacts.text';

const TEXT = CONTACTS_TEXT.detail;

export function ContactScreen({ id }: { id: number }) {
  const { current, currentLoading, currentError, open } = useContacts();

  useEffect(() => {
    void open(id);
  }, [id, open]);

  const contact = current && current.id === id ? current : null;
  return (
    <Box>
      <BackButton to={{ name: 'contacts' }} label={TEXT.back} />
      <LoadingBar loading={currentLoading} label={TEXT.loading} />
      {currentError ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {currentError}
        </Alert>
      ) : null}
      {!contact ? (
        currentLoading ? <Skeleton variant="rounded" height={120} /> : null
      ) : (
        <Stack spacing={2}>
          <Header contact={contact} />
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
            <ContactPerson contact={contact} />
            <WhatHappened contact={contact} />
          </Box>
          <ContactAttachments contact={contact} />
          <ContactTimeline events={contact.events} />
        </Stack>
      )}
    </Box>
  );
}

function Header({ contact }: { contact: Contact }) {
  return (
    <Card data-testid="contact-header">
      <CardContent>
        <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {contact.protocol}
          </Typography>
          <ContactStatusChip status={contact.status} overdue={contact.overdue} overdueLabel={CONTACTS_TEXT.overdue} />
        </Box>
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
          {[TEXT.caseLine(contactCaseLabel(contact.case)), TEXT.channelLine(CONTACT_CHANNEL_LABELS[contact.channel]), TEXT.openedBy(formatDateTimeBr(contact.createdAt), contact.operator)].join(' · ')}
        </Typography>
        <ContactActions contact={contact} />
      </CardContent>
    </Card>
  );
}

function WhatHappened({ contact }: { contact: Contact }) {
  return (
    <SectionCard title={TEXT.whatTitle}>
      <Typography sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{contact.summary}</Typography>
      {contact.notes ? <Labelled label={TEXT.notes} text={contact.notes} /> : null}
      {contact.resolution ? <Labelled label={TEXT.resolution} text={contact.resolution} /> : null}
      {contact.corrections.length > 0 ? (
        <Labelled
          label={TEXT.linkedTitle}
          text={contact.corrections
            .map((c) => `${fieldLabel(c.field)} — ${CORRECTION_STATUS_LABELS[c.status as CorrectionStatus] ?? c.status}`)
            .join('\n')}
        />
      ) : null}
    </SectionCard>
  );
}

function Labelled({ label, text }: { label: string; text: string }) {
  return (
    <Box sx={{ mt: 1.5 }}>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {label}
      </Typography>
      <Typography sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{text}</Typography>
    </Box>
  );
}
