// Registering an atendimento: for a record already open, or for a professional not found yet (the
// CPF and name as told); how it arrived, the notice's case, what happened, and the files she/he sent.
// Once registered, the desk says so and opens the new atendimento.
import AttachFileIcon from '@mui/icons-material/AttachFile';
import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { PickedFile } from '../../shared/contract/channels';
import { CONTACT_CASES, CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, CONTACT_TEXT_MAX, type ContactCase, type ContactChannel } from '../../shared/contract/contacts';
import { parseCpf } from '../../shared/rules/cpf';
import { call } from '../api/client';
import { pickFile } from '../api/desktop';
import { LimitedTextField } from '../components/LimitedTextField';
import { tooLongError } from '../lib/textLimit';
import { maskCpf } from '../lib/masks';
import { useWork } from '../lib/work';
import { useNavigation } from '../stores/navigation';
import { useNotify } from '../stores/notify';
import { ContactDialog } from './ContactDialog';
import { CONTACTS_TEXT, contactCaseLabel } from './contacts.text';

const TEXT = CONTACTS_TEXT.new;
const IDS = { cpf: 'contact-new-cpf', name: 'contact-new-name', case: 'contact-new-case', summary: 'contact-new-summary', notes: 'contact-new-notes' } as const;
export const ATTACHMENT_FILTER = [{ name: CONTACTS_TEXT.attachments.filter, extensions: ['png', 'jpg', 'jpeg', 'pdf'] }];

/** The record the atendimento is for, when the clerk started from it. */
export interface LocatedPerson {
  id: number;
  name: string;
  /** The notice's case of the record's pendência, when it has one: the atendimento's case proposed. */
  pendencyCase?: ContactCase | null;
}

export function ContactNewDialog({ person, onClose }: { person: LocatedPerson | null; onClose(): void }) {
  const go = useNavigation((s) => s.go);
  const notify = useNotify((s) => s.show);
  const [cpf, setCpf] = useState('');
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<ContactChannel>('email');
  // Never a case the record does not have: its pendência's case, or the clerk's choice.
  const [kase, setKase] = useState<ContactCase | ''>(person?.pendencyCase ?? '');
  const [summary, setSummary] = useState('');
  const [notes, setNotes] = useState('');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const work = useWork();

  const summaryError = summary.trim() === '' ? TEXT.summaryRequired : null;
  const personError = !person && cpf.trim() === '' && name.trim() === '' ? TEXT.personRequired : null;
  const caseError = kase === '' ? TEXT.caseRequired : null;
  // Said at once by the fields themselves (LimitedTextField); here they stop the registering.
  const nameTooLong = !person && tooLongError(TEXT.name, name, CONTACT_TEXT_MAX.name) !== null;
  const summaryTooLong = tooLongError(TEXT.summary, summary, CONTACT_TEXT_MAX.summary) !== null;
  const notesTooLong = tooLongError(TEXT.notesName, notes, CONTACT_TEXT_MAX.notes) !== null;
  // Said once the clerk left the field, never blocking: a CPF heard wrong is kept as told.
  const [cpfLeft, setCpfLeft] = useState(false);
  const parsedCpf = cpf.trim() === '' ? null : parseCpf(cpf);
  // Check digits that do not match are kept as told, but the store takes a told CPF of 11 digits
  // only: fewer or more is said wrong and stops the registering, never promised to go through.
  const cpfDigits = cpf.replace(/\D/g, '').length;
  const cpfError = parsedCpf && cpfDigits !== 11 ? TEXT.cpfLength(cpfDigits) : null;
  const cpfDoubt = cpfLeft && cpfError === null && parsedCpf && !parsedCpf.ok ? TEXT.cpfDoubt(parsedCpf.message) : null;
  const cpfShown = (cpfLeft || submitted) && cpfError !== null;

  async function addFile() {
    work.setError(null);
    await work.run(async () => {
      const picked = await pickFile(CONTACTS_TEXT.attachments.pickTitle, ATTACHMENT_FILTER);
      if (picked) setFiles((list) => [...list, picked]);
    });
  }

  async function submit() {
    setSubmitted(true);
    if (summaryError || personError || cpfError || kase === '' || nameTooLong || summaryTooLong || notesTooLong) {
      // The keyboard goes where the first problem is said, as in the correction form.
      const first = personError || cpfError ? IDS.cpf : nameTooLong ? IDS.name : caseError ? IDS.case : summaryError || summaryTooLong ? IDS.summary : IDS.notes;
      requestAnimationFrame(() => document.getElementById(first)?.focus());
      return;
    }
    const chosenCase: ContactCase = kase;
    await work.run(async () => {
      const created = await call('contacts:add', {
        professionalId: person?.id ?? null,
        cpf: person || cpf.trim() === '' ? null : cpf.trim(),
        name: person || name.trim() === '' ? null : name.trim(),
        channel,
        case: chosenCase,
        summary: summary.trim(),
        notes: notes.trim() === '' ? null : notes.trim(),
        attachments: files.map((file) => ({ path: file.handle, fileName: file.name })),
      });
      onClose();
      notify(TEXT.created(created.protocol));
      go({ name: 'contact', id: created.id });
    });
  }

  return (
    <ContactDialog
      title={TEXT.title}
      work={work}
      typed={[cpf, name, summary, notes].some((t) => t.trim() !== '') || files.length > 0}
      onClose={onClose}
      onSubmit={submit}
      busyLabel={TEXT.saving}
      cancelLabel={TEXT.cancel}
      confirm={{ label: work.running ? TEXT.saving : TEXT.save }}
      dividers
    >
      <Box sx={{ display: 'grid', gap: 2 }}>
        {person ? (
          <Typography sx={{ fontWeight: 600 }}>{TEXT.forRecord(person.name)}</Typography>
        ) : (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '200px 1fr' }, gap: 2 }}>
            <TextField
              id={IDS.cpf}
              label={TEXT.cpf}
              value={cpf}
              // Digits only, as the correction form's CPF: a pasted "CPF nº 123.456.789-09" keeps them all.
              onChange={(e) => setCpf(maskCpf(e.target.value))}
              onBlur={() => setCpfLeft(true)}
              autoFocus
              error={(submitted && personError !== null) || cpfShown}
              helperText={submitted && personError ? personError : cpfShown ? cpfError : (cpfDoubt ?? TEXT.cpfHelp)}
              slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' }, formHelperText: { sx: cpfDoubt ? { color: 'warning.dark' } : undefined } }}
            />
            <LimitedTextField
              id={IDS.name}
              label={TEXT.name}
              value={name}
              max={CONTACT_TEXT_MAX.name}
              onChange={(e) => setName(e.target.value)}
              slotProps={{ htmlInput: { autoComplete: 'off' } }}
            />
          </Box>
        )}
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '200px 1fr' }, gap: 2 }}>
          <TextField select label={TEXT.channel} value={channel} onChange={(e) => setChannel(e.target.value as ContactChannel)}>
            {CONTACT_CHANNELS.map((c) => (
              <MenuItem key={c} value={c}>
                {CONTACT_CHANNEL_LABELS[c]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            id={IDS.case}
            label={TEXT.case}
            value={kase}
            onChange={(e) => setKase(e.target.value as ContactCase)}
            error={submitted && caseError !== null}
            helperText={submitted && caseError ? caseError : undefined}
          >
            {CONTACT_CASES.map((c) => (
              <MenuItem key={c} value={c}>
                {contactCaseLabel(c)}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <LimitedTextField
          id={IDS.summary}
          label={TEXT.summary}
          value={summary}
          max={CONTACT_TEXT_MAX.summary}
          onChange={(e) => setSummary(e.target.value)}
          multiline
          minRows={3}
          maxRows={12}
          autoFocus={person !== null}
          error={submitted && summaryError !== null}
          helperText={submitted && summaryError ? summaryError : TEXT.summaryHelp}
        />
        <LimitedTextField
          id={IDS.notes}
          label={TEXT.notes}
          limitName={TEXT.notesName}
          value={notes}
          max={CONTACT_TEXT_MAX.notes}
          onChange={(e) => setNotes(e.target.value)}
          multiline
          minRows={2}
          maxRows={12}
        />
        <Box>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <Button variant="outlined" startIcon={<AttachFileIcon aria-hidden />} onClick={() => void addFile()} disabled={work.running}>
              {TEXT.attach}
            </Button>
            {files.map((file, index) => (
              <Chip
                key={file.handle}
                label={file.name}
                onDelete={() => setFiles((list) => list.filter((_, i) => i !== index))}
                deleteIcon={<CloseIcon aria-label={TEXT.removeFile(file.name)} />}
              />
            ))}
          </Stack>
          <Typography variant="caption" sx={{ color: 'text.secondary' }}>
            {TEXT.attachHelp}
          </Typography>
        </Box>
      </Box>
    </ContactDialog>
  );
}
