// Importar, step 3: which field each column fills (or ignore it), the default reason, and
// "all or nothing"; then the preview.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { IMPORT_REASON_MAX, IMPORT_TARGETS, importTargetLabel, type ImportTarget } from '../../shared/contract/imports';
import { LimitedTextField } from '../components/LimitedTextField';
import { isCpfColumn, maskCpfCell } from '../lib/cpfCells';
import { TableHeadRow } from '../components/TableHeadRow';
import { tooLongError } from '../lib/textLimit';
import { useImports } from '../stores/imports';
import { IMPORT_TEXT as TEXT } from './import.text';
import { ImportStepHeading } from './ImportStepHeading';

const IGNORE = '';

export function MappingStep() {
  const { inspect, sheet, kind, mapping, reason, allOrNothing, mapColumn, setReason, setAllOrNothing, goTo, runPreview } = useImports();
  const info = inspect?.sheets.find((s) => s.name === sheet);
  if (!inspect || !info) return null;

  const counts = new Map<ImportTarget, number>();
  for (const target of mapping) if (target) counts.set(target, (counts.get(target) ?? 0) + 1);
  const duplicated = [...counts.values()].some((n) => n > 1);
  // A registry load finds each record by its registration number; corrections by it or the CPF.
  const keys: ImportTarget[] = kind === 'cep' ? ['cep'] : kind === 'registry' ? ['registrationNumber'] : ['cpf', 'registrationNumber'];
  const missingKey = !mapping.some((t) => t !== null && keys.includes(t));
  const usesReason = kind !== 'registry';
  // The field says it at once; the check waits until the reason fits.
  const reasonTooLong = usesReason && tooLongError(TEXT.mapping.reasonName, reason, IMPORT_REASON_MAX) !== null;

  return (
    <Stack spacing={2.5}>
      <ImportStepHeading title={TEXT.mapping.title} help={TEXT.mapping.help} />
      {info.remembered[kind] ? <Alert severity="info">{TEXT.mapping.remembered}</Alert> : null}
      <TableContainer sx={{ border: '1px solid #dbe3e8', borderRadius: 1, maxWidth: 760 }}>
        <Table aria-label={TEXT.mapping.title}>
          <TableHeadRow columns={[TEXT.mapping.column, TEXT.mapping.target]} />
          <TableBody>
            {info.headers.map((header, column) => {
              const target = mapping[column] ?? null;
              const clash = target !== null && (counts.get(target) ?? 0) > 1;
              const name = header || TEXT.mapping.noHeader(column);
              return (
                <TableRow key={`${column}-${header}`}>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 500, color: target ? 'text.primary' : 'text.secondary' }}>
                      {name}
                    </Typography>
                    <Typography variant="caption" sx={{ color: 'text.secondary', display: 'block', maxWidth: 340, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {TEXT.mapping.samples(isCpfColumn(header, target) ? (info.samples[column] ?? []).map(maskCpfCell) : (info.samples[column] ?? []))}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ width: 340 }}>
                    <TextField
                      select
                      fullWidth
                      value={target ?? IGNORE}
                      onChange={(event) => mapColumn(column, event.target.value === IGNORE ? null : (event.target.value as ImportTarget))}
                      error={clash}
                      helperText={clash ? TEXT.mapping.duplicate : undefined}
                      slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'aria-label': `${TEXT.mapping.target}: ${name}` } } }}
                    >
                      <MenuItem value={IGNORE}>
                        <em>{TEXT.mapping.ignore}</em>
                      </MenuItem>
                      {IMPORT_TARGETS[kind].map((option) => (
                        <MenuItem key={option} value={option}>
                          {importTargetLabel(option)}
                        </MenuItem>
                      ))}
                    </TextField>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {missingKey ? <Alert severity="warning">{TEXT.mapping.missingKey(kind)}</Alert> : null}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: { md: 'flex-start' } }}>
        {usesReason ? (
          <LimitedTextField
            label={TEXT.mapping.reasonLabel}
            limitName={TEXT.mapping.reasonName}
            max={IMPORT_REASON_MAX}
            value={reason}
            placeholder={TEXT.mapping.defaultReason(inspect.file)}
            onChange={(event) => setReason(event.target.value)}
            helperText={TEXT.mapping.reasonHelp}
            sx={{ minWidth: 360 }}
          />
        ) : null}
        <Box>
          <FormControlLabel control={<Checkbox checked={allOrNothing} onChange={(event) => setAllOrNothing(event.target.checked)} />} label={TEXT.mapping.allOrNothing} />
          <Typography variant="body2" sx={{ color: 'text.secondary', ml: 4, maxWidth: 420 }}>
            {TEXT.mapping.allOrNothingHelp}
          </Typography>
        </Box>
      </Stack>
      <Stack direction="row" spacing={1.5}>
        <Button onClick={() => goTo('sheet')}>{TEXT.mapping.back}</Button>
        <Button variant="contained" disabled={duplicated || missingKey || reasonTooLong} onClick={() => void runPreview()}>
          {TEXT.mapping.check}
        </Button>
      </Stack>
    </Stack>
  );
}
