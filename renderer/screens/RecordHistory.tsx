// The record's Histórico: every change of its fields, whatever made it (the form, imports, loads
// from the main system, Implanta's answers, cancellations, conflict choices), newest first; then the
// audit entries about this record, each with its operator and the computer's account.
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { RecordView } from '../../shared/contract';
import { labelOf } from '../../shared/display/labels';
import { fieldLabel } from '../../shared/fields';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { DIP_LABELS } from '../../shared/rules/vocabulary';
import { ChangeText } from '../components/ChangeText';
import { EmptyState } from '../components/EmptyState';
import { DateTimeText } from '../components/DateTimeText';
import { TableHeadRow } from '../components/TableHeadRow';
import { RECORD_TEXT } from './record.text';

const TEXT = RECORD_TEXT.history;

function change(field: string | null, oldValue: string | null, newValue: string | null) {
  if (field === null) return null;
  if (field === 'dipStatus') {
    const word = (v: string | null) => (v ? labelOf(DIP_LABELS, v) : '—');
    return `${word(oldValue)} → ${word(newValue)}`;
  }
  return <ChangeText field={field} oldValue={oldValue} newValue={newValue} stacked />;
}

export function RecordHistory({ view }: { view: RecordView }) {
  if (view.history.length === 0 && view.audit.length === 0) {
    return (
      <Paper variant="outlined">
        <EmptyState title={TEXT.empty} />
      </Paper>
    );
  }
  return (
    <>
      <TableContainer component={Paper} variant="outlined" sx={{ mb: 2 }}>
        <Table aria-label={TEXT.tableLabel}>
          <TableHeadRow columns={[TEXT.at, TEXT.what, TEXT.field, TEXT.change, TEXT.operator, TEXT.note]} />
          <TableBody>
            {view.history.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <DateTimeText iso={entry.at} />
                </TableCell>
                <TableCell>{TEXT.kinds[entry.kind as keyof typeof TEXT.kinds] ?? entry.kind}</TableCell>
                <TableCell>{entry.field === null ? '—' : entry.field === 'dipStatus' ? TEXT.dipField : fieldLabel(entry.field)}</TableCell>
                <TableCell>{change(entry.field, entry.oldValue, entry.newValue)}</TableCell>
                <TableCell>{entry.operator}</TableCell>
                {/* Implanta's reason for a rejection lives here: room enough to read it in a few lines. */}
                <TableCell sx={{ minWidth: 200, maxWidth: 320 }}>{entry.note ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {view.audit.length > 0 ? (
        <>
          <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
            {TEXT.auditTitle}
          </Typography>
          <TableContainer component={Paper} variant="outlined">
            <Table aria-label={TEXT.auditLabel} size="small">
              <TableHeadRow columns={[TEXT.at, TEXT.operator, TEXT.account, TEXT.summary]} />
              <TableBody>
                {view.audit.map((entry) => (
                  <TableRow key={entry.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTimeBr(entry.at)}</TableCell>
                    <TableCell>{entry.operator}</TableCell>
                    <TableCell>{entry.account ?? TEXT.noAccount}</TableCell>
                    <TableCell>{entry.summary}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      ) : null}
    </>
  );
}
