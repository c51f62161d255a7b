// The files of an atendimento (screenshots, photos, PDFs): each with its type and size, saved
// where the clerk chooses; a new one is picked and checked by its content before it is kept.
import AttachFileIcon from '@mui/icons-material/AttachFile';
import DescriptionIcon from '@mui/icons-material/Description';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { ATTACHMENT_TYPE_WORDS, type Contact, type ContactAttachment } from '../../shared/contract/contacts';
import { formatFileSize } from '../../shared/display/numbers';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { call } from '../api/client';
import { chooseSavePath, deliver, pickFile } from '../api/desktop';
import { useWork } from '../lib/work';
import { useContacts } from '../stores/contacts';
import { useNotify } from '../stores/notify';
import { ATTACHMENT_FILTER } from './ContactNewDialog';
import { CONTACTS_TEXT } from './contacts.text';
import { BusyButton } from '../components/BusyButton';

const TEXT = CONTACTS_TEXT.attachments;

export function ContactAttachments({ contact }: { contact: Contact }) {
  const { running, error, setError, run } = useWork();
  const open = useContacts((s) => s.open);
  const notify = useNotify((s) => s.show);

  async function attach() {
    await run(async () => {
      const picked = await pickFile(TEXT.pickTitle, ATTACHMENT_FILTER);
      if (!picked) return;
      await call('contacts:attach', { id: contact.id, path: picked.handle, fileName: picked.name });
      await open(contact.id);
      notify(TEXT.attached(picked.name));
    });
  }

  async function save(file: ContactAttachment) {
    await run(async () => {
      const extension = file.fileName.includes('.') ? file.fileName.slice(file.fileName.lastIndexOf('.') + 1) : 'pdf';
      const target = await chooseSavePath(TEXT.saveTitle, file.fileName, [{ name: ATTACHMENT_TYPE_WORDS[file.type], extensions: [extension] }]);
      if (!target) return;
      await call('contacts:attachment', { attachmentId: file.id, path: target.handle });
      await deliver(target);
      notify(TEXT.saved(target.name));
    });
  }

  return (
    <Card component="section" aria-label={TEXT.title}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            {TEXT.title}
          </Typography>
          <BusyButton variant="outlined" size="small" startIcon={<AttachFileIcon aria-hidden />} onClick={() => void attach()} busy={running}>
            {running ? TEXT.attaching : TEXT.attach}
          </BusyButton>
        </Box>
        {error ? (
          <Alert severity="error" sx={{ mb: 1 }} onClose={() => setError(null)}>
            {error}
          </Alert>
        ) : null}
        {contact.attachmentList.length === 0 ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {TEXT.empty}
          </Typography>
        ) : (
          <List dense disablePadding aria-label={TEXT.title}>
            {contact.attachmentList.map((file) => (
              <ListItem
                key={file.id}
                disableGutters
                secondaryAction={
                  <BusyButton size="small" startIcon={<SaveAltIcon aria-hidden />} aria-label={TEXT.saveLabel(file.fileName)} onClick={() => void save(file)} busy={running}>
                    {TEXT.save}
                  </BusyButton>
                }
              >
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <DescriptionIcon aria-hidden />
                </ListItemIcon>
                <ListItemText
                  primary={file.fileName}
                  secondary={TEXT.line(ATTACHMENT_TYPE_WORDS[file.type], formatFileSize(file.size), formatDateTimeBr(file.createdAt))}
                  slotProps={{ primary: { sx: { wordBreak: 'break-all', pr: 10 } } }}
                />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
