// What was done about an atendimento, oldest first: when, by whom, what, and the text written then.
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ContactEvent } from '../../shared/contract/contacts';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { SectionCard } from '../components/SectionCard';
import { CONTACTS_TEXT } from './contacts.text';

const TEXT = CONTACTS_TEXT.timeline;

export function ContactTimeline({ events }: { events: ContactEvent[] }) {
  return (
    <SectionCard title={TEXT.title}>
      <TableContainer>
        <Table size="small" aria-label={TEXT.label}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 150 }}>{TEXT.at}</TableCell>
              <TableCell sx={{ width: 140 }}>{TEXT.operator}</TableCell>
              <TableCell>{TEXT.what}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((event) => (
              <TableRow key={event.id} data-testid="timeline-event">
                <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', verticalAlign: 'top' }}>{formatDateTimeBr(event.at)}</TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>{event.operator}</TableCell>
                <TableCell>
                  <Typography variant="body2" sx={{ fontWeight: 500 }}>
                    {event.label}
                  </Typography>
                  {event.text ? (
                    <Typography variant="body2" sx={{ color: 'text.secondary', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {event.text}
                    </Typography>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </SectionCard>
  );
}
