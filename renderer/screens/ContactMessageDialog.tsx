// A message to the professional from the council's templates, the ones that fit what happened
// first: the e-mail text and the phone script to copy or read, an .eml draft when the record has an
// e-mail, and "Marcar como enviada" to put it on the timeline.
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import MailOutlineIcon from '@mui/icons-material/EmailOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Output } from '../../shared/contract';
import type { Contact } from '../../shared/contract/contacts';
import { MESSAGE_TEMPLATE_IDS, MESSAGE_TEMPLATES, type MessageTemplate } from '../../shared/contacts/messages';
import { call } from '../api/client';
import { chooseSavePath, deliver } from '../api/desktop';
import { copyText } from '../lib/clipboard';
import { useWork } from '../lib/work';
import { useContacts } from '../stores/contacts';
import { useNotify } from '../stores/notify';
import { ContactDialog } from './ContactDialog';
import { CONTACTS_TEXT } from './contacts.text';

const TEXT = CONTACTS_TEXT.message;
type Message = Output<'contacts:message'>;

/** `initial`: the template to open with (the one the professional still has to receive); else the best fit. */
export function ContactMessageDialog({ contact, initial, onClose }: { contact: Contact; initial?: MessageTemplate | null; onClose(): void }) {
  const [template, setTemplate] = useState<MessageTemplate | null>(null);
  const [proposed, setProposed] = useState<MessageTemplate[]>([]);
  const [message, setMessage] = useState<Message | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const work = useWork();
  const replace = useContacts((s) => s.replace);
  const notify = useNotify((s) => s.show);

  async function show(chosen: MessageTemplate | null) {
    setNotice(null);
    await work.run(async () => {
      const first = await call('contacts:message', { id: contact.id, template: chosen ?? MESSAGE_TEMPLATE_IDS[0], path: null });
      const pick = chosen ?? first.proposed[0] ?? MESSAGE_TEMPLATE_IDS[0];
      const answer = pick === (chosen ?? MESSAGE_TEMPLATE_IDS[0]) ? first : await call('contacts:message', { id: contact.id, template: pick, path: null });
      setProposed(answer.proposed);
      setTemplate(pick);
      setMessage(answer);
    });
  }

  useEffect(() => {
    void show(initial ?? null);
    // Once, when the dialog opens: the store says which templates fit.
  }, []);

  async function saveEml() {
    if (!template) return;
    await work.run(async () => {
      const target = await chooseSavePath(TEXT.saveTitle, `${contact.protocol}-mensagem.eml`, [{ name: CONTACTS_TEXT.forward.filter, extensions: ['eml'] }]);
      if (!target) return;
      await call('contacts:message', { id: contact.id, template, path: target.handle });
      await deliver(target);
      setNotice(TEXT.saved(target.name));
    });
  }

  async function markSent() {
    if (!message) return;
    await work.run(async () => {
      replace(await call('contacts:messageSent', { id: contact.id, to: 'professional', subject: message.subject, ...(template ? { template } : {}) }));
      notify(TEXT.sent);
      onClose();
    });
  }

  const others = MESSAGE_TEMPLATE_IDS.filter((t) => !proposed.includes(t));
  return (
    <ContactDialog
      title={TEXT.title}
      work={work}
      onClose={onClose}
      maxWidth="md"
      dividers
      busyLabel={TEXT.loading}
      cancelLabel={TEXT.close}
      extraActions={
        message?.to ? (
          <Button startIcon={<MailOutlineIcon aria-hidden />} onClick={() => void saveEml()} disabled={work.running}>
            {TEXT.saveEml}
          </Button>
        ) : null
      }
      confirm={{ label: TEXT.markSent, onClick: () => void markSent(), disabled: !message }}
    >
      <TextField
        select
        fullWidth
        label={TEXT.template}
        value={template ?? ''}
        onChange={(e) => void show(e.target.value as MessageTemplate)}
        disabled={work.running || !template}
        sx={{ mb: 2 }}
      >
        {proposed.length > 0 ? <ListSubheader>{TEXT.proposed}</ListSubheader> : null}
        {proposed.map((t) => (
          <MenuItem key={t} value={t}>
            {MESSAGE_TEMPLATES[t]}
          </MenuItem>
        ))}
        {proposed.length > 0 ? <ListSubheader>{TEXT.others}</ListSubheader> : null}
        {others.map((t) => (
          <MenuItem key={t} value={t}>
            {MESSAGE_TEMPLATES[t]}
          </MenuItem>
        ))}
      </TextField>
      {notice ? (
        <Alert severity="success" sx={{ mb: 2 }} role="status">
          {notice}
        </Alert>
      ) : null}
      {message ? (
        <>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {message.to ? TEXT.to(message.to) : TEXT.noEmail}
          </Typography>
          <Typography sx={{ fontWeight: 600, mt: 1 }}>{`${TEXT.subject}: ${message.subject}`}</Typography>
          <Block label={TEXT.text} text={message.text} />
          <Block label={TEXT.phone} text={message.phoneScript} />
        </>
      ) : null}
    </ContactDialog>
  );
}

function Block({ label, text }: { label: string; text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Box component="section" aria-label={label} sx={{ mt: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="subtitle2" component="h3" sx={{ flex: 1 }}>
          {label}
        </Typography>
        <Button size="small" startIcon={<ContentCopyIcon aria-hidden />} onClick={() => void copyText(text).then(() => setCopied(true))}>
          {copied ? TEXT.copied : TEXT.copy}
        </Button>
      </Box>
      <Box sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', bgcolor: 'grey.50', border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, maxHeight: 220, overflowY: 'auto' }} tabIndex={0}>
        <Typography variant="body2">{text}</Typography>
      </Box>
    </Box>
  );
}
