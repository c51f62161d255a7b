// What the clerk can do next with an atendimento, by its state: forward it to Implanta as an e-mail
// draft, record Implanta's answer, wait for the professional or reopen, message her/him (and say so
// when a correction's news has not reached her/him yet), correct the record's data naming the
// atendimento, link the correction that deals with it, and resolve it with what was done.
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import EditNoteIcon from '@mui/icons-material/EditNote';
import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { MESSAGE_TEMPLATES } from '../../shared/contacts/messages';
import { CONTACT_TEXT_MAX, type Contact } from '../../shared/contract/contacts';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { call } from '../api/client';
import { chooseSavePath, deliver, openDraft, reveal } from '../api/desktop';
import { useWork } from '../lib/work';
import { useContacts } from '../stores/contacts';
import { useDrafts } from '../stores/correctionDraft';
import { useNavigation } from '../stores/navigation';
import { useNotify } from '../stores/notify';
import { ContactLinkDialog } from './ContactLinkDialog';
import { ContactMessageDialog } from './ContactMessageDialog';
import { ContactTextDialog } from './ContactTextDialog';
import { ToNotifyAlert } from './ContactsToNotifyNote';
import { CONTACTS_TEXT as TEXT } from './contacts.text';
import { BusyButton } from '../components/BusyButton';

type DialogName = 'answer' | 'resolve' | 'link' | 'message';

/** The steps that take one text (Implanta's answer, the resolution): how long it may be, and the channel that records it. */
const TEXT_STEPS = {
  answer: { max: CONTACT_TEXT_MAX.answer, save: (id: number, text: string) => call('contacts:answer', { id, text }) },
  resolve: { max: CONTACT_TEXT_MAX.resolution, save: (id: number, resolution: string) => call('contacts:close', { id, resolution }) },
};

export function ContactActions({ contact }: { contact: Contact }) {
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [forwarded, setForwarded] = useState<{ path: string; opened: boolean } | null>(null);
  const { running, error, setError, run } = useWork();
  const replace = useContacts((s) => s.replace);
  const notify = useNotify((s) => s.show);
  const requestForm = useDrafts((s) => s.request);
  const openRecord = useNavigation((s) => s.openRecord);

  if (contact.status === 'resolved') {
    return (
      <Typography variant="body2" sx={{ mt: 1.5, color: 'success.dark', display: 'flex', gap: 0.5, alignItems: 'center' }}>
        <CheckCircleIcon fontSize="small" aria-hidden />
        {TEXT.detail.resolvedOn(formatDateTimeBr(contact.resolvedAt))}
      </Typography>
    );
  }

  async function forward() {
    setForwarded(null);
    await run(async () => {
      const target = await chooseSavePath(TEXT.forward.saveTitle, `${contact.protocol}-encaminhamento.eml`, [{ name: TEXT.forward.filter, extensions: ['eml'] }]);
      if (!target) return;
      const written = await call('contacts:forward', { id: contact.id, path: target.handle });
      await deliver(target);
      replace(written.contact);
      // In the app the draft opens in the mail program at once; the preview downloads it instead.
      setForwarded({ path: written.path, opened: window.cress ? await openDraft(written.path) : false });
    });
  }

  async function setStatus(status: 'open' | 'waiting_professional', done: string) {
    await run(async () => {
      replace(await call('contacts:setStatus', { id: contact.id, status }));
      notify(done);
    });
  }

  const professionalId = contact.person.professionalId;
  const located = professionalId !== null;
  return (
    <Box sx={{ mt: 2 }}>
      {contact.toNotify ? (
        <ToNotifyAlert severity="warning" testId="contact-to-notify" action={{ label: TEXT.detail.toNotifyAction, onClick: () => setDialog('message'), variant: 'outlined' }}>
          <AlertTitle sx={{ mb: 0 }}>{TEXT.detail.toNotify(MESSAGE_TEMPLATES[contact.toNotify])}</AlertTitle>
          {TEXT.detail.toNotifyHelp}
        </ToNotifyAlert>
      ) : null}
      <Box role="group" aria-label={TEXT.detail.actionsTitle} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <BusyButton variant={contact.status === 'open' ? 'contained' : 'outlined'} startIcon={<ForwardToInboxIcon aria-hidden />} onClick={() => void forward()} busy={running}>
          {TEXT.forward.action}
        </BusyButton>
        {contact.status === 'forwarded' ? (
          <BusyButton variant={contact.toNotify ? 'outlined' : 'contained'} onClick={() => setDialog('answer')} busy={running}>
            {TEXT.answer.action}
          </BusyButton>
        ) : null}
        <BusyButton variant="outlined" onClick={() => setDialog('message')} busy={running}>
          {TEXT.message.action}
        </BusyButton>
        {contact.status === 'waiting_professional' ? (
          <BusyButton variant="outlined" onClick={() => void setStatus('open', TEXT.reopen.done)} busy={running}>
            {TEXT.reopen.action}
          </BusyButton>
        ) : (
          <BusyButton variant="outlined" onClick={() => void setStatus('waiting_professional', TEXT.waiting.done)} busy={running}>
            {TEXT.waiting.action}
          </BusyButton>
        )}
        {located ? (
          <BusyButton
            variant="outlined"
            startIcon={<EditNoteIcon aria-hidden />}
            onClick={() => {
              requestForm(professionalId, contact.id);
              openRecord(professionalId);
            }}
            busy={running}
          >
            {TEXT.detail.correct}
          </BusyButton>
        ) : null}
        {located ? (
          <BusyButton variant="outlined" onClick={() => setDialog('link')} busy={running}>
            {TEXT.link.action}
          </BusyButton>
        ) : null}
        <BusyButton variant="outlined" color="success" startIcon={<CheckCircleIcon aria-hidden />} onClick={() => setDialog('resolve')} busy={running}>
          {TEXT.resolve.action}
        </BusyButton>
      </Box>
      {error ? (
        <Alert severity="error" sx={{ mt: 1.5 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      ) : null}
      {forwarded ? (
        <Alert
          severity="success"
          sx={{ mt: 1.5 }}
          onClose={() => setForwarded(null)}
          action={
            window.cress ? (
              <Button color="inherit" size="small" startIcon={<FolderOpenIcon aria-hidden />} onClick={() => void reveal(forwarded.path)}>
                {TEXT.forward.reveal}
              </Button>
            ) : undefined
          }
        >
          {forwarded.opened ? TEXT.forward.opened : TEXT.forward.done}
        </Alert>
      ) : null}
      {dialog === 'answer' || dialog === 'resolve' ? (
        <ContactTextDialog
          key={dialog}
          text={TEXT[dialog]}
          max={TEXT_STEPS[dialog].max}
          onClose={() => setDialog(null)}
          onConfirm={async (text) => {
            replace(await TEXT_STEPS[dialog].save(contact.id, text));
            notify(TEXT[dialog].done);
          }}
        />
      ) : null}
      {dialog === 'link' ? <ContactLinkDialog contact={contact} onClose={() => setDialog(null)} /> : null}
      {dialog === 'message' ? <ContactMessageDialog contact={contact} initial={contact.toNotify} onClose={() => setDialog(null)} /> : null}
    </Box>
  );
}
