// Importar, the conflicts of a registry load: a third value from the main system for a field the desk
// corrected and Implanta has not synced yet, or the value of a correction Implanta rejected (or the
// clerk cancelled) after the main system took it. The desk kept its value; per conflict the clerk
// keeps it (the correction, or the desk's value) or takes the file's value, with a reason (written
// imports only: a preview stored none).
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ImportConflict, ImportSummary } from '../../shared/contract/imports';
import { EMPTY_VALUE, formatFieldValue } from '../../shared/display/values';
import { fieldLabel } from '../../shared/fields';
import { ReasonDialog } from '../components/ReasonDialog';
import { TableHeadRow } from '../components/TableHeadRow';
import { useImports } from '../stores/imports';
import { useNotify } from '../stores/notify';
import { IMPORT_TEXT } from './import.text';

const TEXT = IMPORT_TEXT.conflicts;

type Choice = { conflict: ImportConflict; choice: 'kept' | 'file' };

export function ImportConflicts({ summary }: { summary: ImportSummary }) {
  const resolved = useImports((s) => s.resolved);
  const resolve = useImports((s) => s.resolveConflict);
  const notify = useNotify((s) => s.show);
  const [choosing, setChoosing] = useState<Choice | null>(null);
  if (summary.conflictsTotal === 0) return null;
  const stored = summary.written;

  const values = (c: ImportConflict) => ({
    who: TEXT.person(c.name, c.registration),
    label: fieldLabel(c.field),
    desk: formatFieldValue(c.field, c.deskValue, EMPTY_VALUE),
    file: formatFieldValue(c.field, c.fileValue, EMPTY_VALUE),
  });
  /** The words of a choice: a settled correction (rejected, cancelled) leaves only the desk's value to keep. */
  const words = (c: ImportConflict, choice: 'kept' | 'file') => {
    const v = values(c);
    const outcome = c.correctionOutcome;
    if (choice === 'file') {
      return { title: TEXT.takeFileTitle(v.label), consequence: outcome ? TEXT.takeFileSettledConsequence(v.who, v.desk, v.file, outcome) : TEXT.takeFileConsequence(v.who, v.desk, v.file), label: TEXT.takeFile };
    }
    return outcome
      ? { title: TEXT.keepDeskTitle(v.label), consequence: TEXT.keepDeskConsequence(v.who, v.desk, v.file), label: TEXT.keepDesk }
      : { title: TEXT.keepTitle(v.label), consequence: TEXT.keepConsequence(v.who, v.desk, v.file), label: TEXT.keep };
  };
  const chosen = choosing ? words(choosing.conflict, choosing.choice) : null;

  return (
    <Box component="section" aria-labelledby="import-conflicts-title">
      <Typography id="import-conflicts-title" variant="subtitle1" component="h3">
        {TEXT.title}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
        {stored ? TEXT.help : TEXT.previewHelp}
      </Typography>
      <TableContainer>
        <Table size="small" aria-label={TEXT.tableLabel}>
          <TableHeadRow columns={[TEXT.row, TEXT.who, TEXT.field, TEXT.desk, TEXT.file, ...(stored ? [TEXT.actions] : [])]} />
          <TableBody>
            {summary.conflicts.map((c) => {
              const v = values(c);
              const done = c.id === null ? undefined : resolved[c.id];
              return (
                <TableRow key={`${c.row}-${c.field}`}>
                  <TableCell>{c.row}</TableCell>
                  <TableCell>{v.who}</TableCell>
                  <TableCell>{v.label}</TableCell>
                  <TableCell>
                    {v.desk}
                    {c.correctionOutcome ? (
                      <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
                        {TEXT.settled(c.correctionOutcome)}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell>{v.file}</TableCell>
                  {stored ? (
                    <TableCell>
                      {done ? (
                        <Chip
                          size="small"
                          color={done === 'file' ? 'info' : 'success'}
                          label={done === 'file' ? TEXT.resolvedFile : c.correctionOutcome ? TEXT.resolvedKeptDesk : TEXT.resolvedKept}
                        />
                      ) : (
                        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                          <Button size="small" variant="outlined" onClick={() => setChoosing({ conflict: c, choice: 'kept' })}>
                            {words(c, 'kept').label}
                          </Button>
                          <Button size="small" onClick={() => setChoosing({ conflict: c, choice: 'file' })}>
                            {TEXT.takeFile}
                          </Button>
                        </Stack>
                      )}
                    </TableCell>
                  ) : null}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {summary.conflicts.length < summary.conflictsTotal ? (
        <Alert severity="info" sx={{ mt: 1 }}>
          {TEXT.more(summary.conflicts.length, summary.conflictsTotal)}
        </Alert>
      ) : null}
      <ReasonDialog
        open={choosing !== null}
        title={chosen?.title ?? ''}
        consequence={chosen?.consequence ?? ''}
        confirmLabel={chosen?.label ?? TEXT.keep}
        onClose={() => setChoosing(null)}
        onConfirm={async (reason) => {
          if (!choosing || choosing.conflict.id === null) return null;
          const outcome = await resolve(choosing.conflict.id, choosing.choice, reason);
          if (!outcome.ok) return outcome.message;
          notify(outcome.message);
          return null;
        }}
      />
    </Box>
  );
}
