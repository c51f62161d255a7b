// The professional of an atendimento: the located record one click away and the identity check,
// or, while the record is not found, what she/he told and the way to locate it.
import HowToRegIcon from '@mui/icons-material/HowToReg';
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Contact } from '../../shared/contract/contacts';
import { formatCpf } from '../../shared/rules/cpf';
import { NumericText } from '../components/Numeric';
import { SectionCard } from '../components/SectionCard';
import { useNavigation } from '../stores/navigation';
import { ContactIdentityDialog } from './ContactIdentityDialog';
import { ContactLocateDialog } from './ContactLocateDialog';
import { CONTACTS_TEXT } from './contacts.text';

const TEXT = CONTACTS_TEXT.detail;

/** A whole CPF as `000.000.000-00` when it has its 11 digits; otherwise as told. */
function shownCpf(cpf: string): string {
  const digits = cpf.replace(/\D/g, '');
  return digits.length === 11 ? formatCpf(digits) : cpf;
}

export function ContactPerson({ contact }: { contact: Contact }) {
  const openRecord = useNavigation((s) => s.openRecord);
  const [dialog, setDialog] = useState<'locate' | 'identity' | null>(null);
  const { person } = contact;
  const located = person.professionalId !== null;
  return (
    <SectionCard title={TEXT.personTitle}>
      {located ? (
        <Link component="button" type="button" variant="body1" onClick={() => openRecord(person.professionalId as number)} sx={{ fontWeight: 600, textAlign: 'left' }}>
          {person.name ?? CONTACTS_TEXT.noName}
        </Link>
      ) : (
        <Typography sx={{ fontWeight: 600 }}>{person.name ?? CONTACTS_TEXT.noName}</Typography>
      )}
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
        {person.registrationNumber ? <NumericText variant="body2">{TEXT.registration(person.registrationNumber)}</NumericText> : null}
        {person.cpf ? <NumericText variant="body2">{TEXT.cpf(shownCpf(person.cpf))}</NumericText> : null}
      </Stack>
      {!located ? (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
          {TEXT.notLocatedHelp}
        </Typography>
      ) : null}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1.5 }}>
        {located ? (
          <>
            <Button variant="outlined" size="small" startIcon={<HowToRegIcon aria-hidden />} onClick={() => setDialog('identity')}>
              {CONTACTS_TEXT.identity.action}
            </Button>
            <Button size="small" onClick={() => openRecord(person.professionalId as number)}>
              {TEXT.openRecord}
            </Button>
          </>
        ) : (
          <Button variant="outlined" size="small" startIcon={<PersonSearchIcon aria-hidden />} onClick={() => setDialog('locate')}>
            {TEXT.locate}
          </Button>
        )}
      </Box>
      {dialog === 'locate' ? <ContactLocateDialog contact={contact} onClose={() => setDialog(null)} /> : null}
      {dialog === 'identity' ? <ContactIdentityDialog contact={contact} onClose={() => setDialog(null)} /> : null}
    </SectionCard>
  );
}
