// Importar, the conflicts of a registry load: a third value from the main system for a field the desk
// corrected and Implanta has not synced yet. The desk kept its value; per conflict the clerk keeps
// the correction or takes the file's value, with a reason (written imports only: a preview stored none).
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
  const current = choosing ? values(choosing.conflict) : null;

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
                  <TableCell>{v.desk}</TableCell>
                  <TableCell>{v.file}</TableCell>
                  {stored ? (
                    <TableCell>
                      {done ? (
                        <Chip size="small" color={done === 'file' ? 'info' : 'success'} label={done === 'file' ? TEXT.resolvedFile : TEXT.resolvedKept} />
                      ) : (
                        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                          <Button size="small" variant="outlined" onClick={() => setChoosing({ conflict: c, choice: 'kept' })}>
                            {TEXT.keep}
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
        title={choosing && current ? (choosing.choice === 'file' ? TEXT.takeFileTitle(current.label) : TEXT.keepTitle(current.label)) : ''}
        consequence={
          choosing && current
            ? choosing.choice === 'file'
              ? TEXT.takeFileConsequence(current.who, current.desk, current.file)
              : TEXT.keepConsequence(current.who, current.desk, current.file)
            : ''
        }
        confirmLabel={choosing?.choice === 'file' ? TEXT.takeFile : TEXT.keep}
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
