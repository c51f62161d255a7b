// Importar, step 4: the preview — every rule ran, nothing written. Counts (for a registry load also
// the flagged, kept and conflicting rows), the rows with their problems (cells in error
// highlighted, "Só erros" to see only those), then Gravar. A row with a warning (another record has
// the e-mail) is written all the same: it shows in the warning colour, apart from the errors.
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import { REPORT_HEADERS, type ImportSummary, type PreviewRow, type RowStatus } from '../../shared/contract/imports';
import { formatCount } from '../../shared/display/numbers';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { NumericCell } from '../components/Numeric';
import { useImports } from '../stores/imports';
import { ImportConflicts } from './ImportConflicts';
import { ImportReportButton } from './ImportReportButton';
import { IMPORT_TEXT as TEXT } from './import.text';
import { ImportStepHeading } from './ImportStepHeading';

const STATUS_COLORS: Record<RowStatus, 'success' | 'default' | 'error'> = { accepted: 'success', unchanged: 'default', rejected: 'error' };

/** A row that goes in all the same, with a problem listed: a warning, not an error. */
export const isWarned = (row: PreviewRow) => row.status !== 'rejected' && row.errors.length > 0;

export function SummaryCounts({ summary }: { summary: ImportSummary }) {
  const c = TEXT.preview.counts;
  const accepted = summary.written ? c.written(summary.accepted) : c.accepted(summary.accepted);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} aria-label={c.rows(summary.rows)}>
      <Chip label={c.rows(summary.rows)} />
      <Chip color="success" variant="outlined" label={accepted} />
      <Chip variant="outlined" label={c.unchanged(summary.unchanged)} />
      <Chip color="error" variant={summary.rejected > 0 ? 'filled' : 'outlined'} label={c.rejected(summary.rejected)} />
      {/* Next to "sem mudança": rows the desk kept unchanged may still hold conflicts to resolve. */}
      {summary.kind === 'registry' ? (
        <Chip color="warning" variant={summary.conflictsTotal > 0 ? 'filled' : 'outlined'} label={c.conflicts(summary.conflictsTotal, summary.rowsWithConflicts)} />
      ) : null}
      {summary.warned > 0 ? <Chip color="warning" icon={<WarningAmberIcon />} label={c.warned(summary.warned, summary.written)} /> : null}
      {summary.kind === 'registry' ? (
        <>
          <Chip color="warning" variant="outlined" label={c.flagged(summary.flagged)} />
          <Chip variant="outlined" label={c.kept(summary.kept)} />
        </>
      ) : null}
    </Stack>
  );
}

/** A registry load: what the flagged and kept counts mean for the clerk. */
export function RegistryNotices({ summary }: { summary: ImportSummary }) {
  if (summary.kind !== 'registry') return null;
  return (
    <>
      {summary.flagged > 0 ? <Alert severity="info">{TEXT.preview.flaggedHelp(summary.flagged)}</Alert> : null}
      {summary.kept > 0 ? <Alert severity="info">{TEXT.preview.keptHelp(summary.kept)}</Alert> : null}
      {summary.conflictsClosed > 0 ? <Alert severity="info">{TEXT.preview.closedHelp(summary.conflictsClosed, summary.written)}</Alert> : null}
      {summary.cleaned > 0 ? <Alert severity="info">{TEXT.preview.cleanedHelp(summary.cleaned)}</Alert> : null}
    </>
  );
}

/**
 * A corrections import: the open conflicts its rows close by giving the record the main system's
 * value, and those an earlier correction closed that its rows open again by taking it off.
 */
export function CorrectionNotices({ summary }: { summary: ImportSummary }) {
  if (summary.kind !== 'corrections' || summary.conflictsClosed + summary.conflictsReopened === 0) return null;
  return (
    <>
      {summary.conflictsClosed > 0 ? <Alert severity="info">{TEXT.preview.correctionsClosedHelp(summary.conflictsClosed, summary.written)}</Alert> : null}
      {summary.conflictsReopened > 0 ? <Alert severity="warning">{TEXT.preview.correctionsReopenedHelp(summary.conflictsReopened, summary.written)}</Alert> : null}
    </>
  );
}

/** How many names each DIP notice lists before "… e mais N linhas". */
const DIP_NAMES = 20;

/** Who, by name and row, a DIP consequence of the import falls on. */
function DipPeople({ summary, consequence }: { summary: ImportSummary; consequence: 'correct_dip_request' | 'new_card_required' }) {
  const people = summary.dipPeople.filter((p) => p.consequence === consequence);
  const more = summary.dipConsequences[consequence] - Math.min(people.length, DIP_NAMES);
  return (
    <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
      {people.slice(0, DIP_NAMES).map((p) => (
        <li key={p.row}>{TEXT.preview.dipPerson(p.row, p.who)}</li>
      ))}
      {more > 0 ? <li>{TEXT.preview.dipMore(more)}</li> : null}
    </Box>
  );
}

/** How each DIP consequence is told: the alert's severity and its sentence. */
const DIP_NOTICE = {
  correct_dip_request: { severity: 'info', text: TEXT.preview.dipCorrect },
  new_card_required: { severity: 'warning', text: TEXT.preview.dipNewCard },
} as const;

/** One DIP consequence, when the import has it: how many rows, and who by name and row. */
function DipNotice({ summary, consequence }: { summary: ImportSummary; consequence: keyof typeof DIP_NOTICE }) {
  const count = summary.dipConsequences[consequence];
  if (!(count > 0)) return null;
  const { severity, text } = DIP_NOTICE[consequence];
  return (
    <Alert severity={severity}>
      {text(count)}
      <DipPeople summary={summary} consequence={consequence} />
    </Alert>
  );
}

/** The DIP consequences with the names; in the preview (`ack`), the one tick for the whole import. */
export function DipNotices({ summary, ack }: { summary: ImportSummary; ack?: { checked: boolean; onChange(value: boolean): void } }) {
  const { correct_dip_request: correct, new_card_required: newCard } = summary.dipConsequences;
  return (
    <>
      <DipNotice summary={summary} consequence="correct_dip_request" />
      <DipNotice summary={summary} consequence="new_card_required" />
      {ack && correct + newCard > 0 ? (
        <FormControlLabel control={<Checkbox checked={ack.checked} onChange={(e) => ack.onChange(e.target.checked)} />} label={TEXT.preview.dipAck} />
      ) : null}
    </>
  );
}

export function PreviewStep() {
  const { preview, allOrNothing, goTo, write, file, dipAcknowledged, setDipAcknowledged } = useImports();
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [confirmRepeat, setConfirmRepeat] = useState(false);
  if (!preview || !file) return null;

  const rows = onlyErrors ? preview.sample.filter((r) => r.status === 'rejected' || isWarned(r)) : preview.sample;
  const blocked = allOrNothing && preview.rejected > 0;
  // A registry load whose only news are conflicts is still worth writing: it records them.
  const nothing = preview.accepted === 0 && preview.conflictsTotal === 0;
  const dipRows = preview.dipConsequences.correct_dip_request + preview.dipConsequences.new_card_required;
  const needsDipAck = dipRows > 0 && !dipAcknowledged;

  async function save(force: boolean) {
    setConfirmRepeat(false);
    const outcome = await write(force);
    if (!outcome.ok && outcome.code === 'IMPORT_REPEATED') setConfirmRepeat(true);
  }

  return (
    <Stack spacing={2}>
      <ImportStepHeading title={TEXT.preview.title} help={TEXT.preview.help} />
      <SummaryCounts summary={preview} />
      <DipNotices summary={preview} ack={{ checked: dipAcknowledged, onChange: setDipAcknowledged }} />
      <RegistryNotices summary={preview} />
      <CorrectionNotices summary={preview} />
      {preview.hiddenRows.count > 0 ? <Alert severity="warning">{TEXT.preview.hiddenRows(preview.hiddenRows, false)}</Alert> : null}
      {preview.hiddenColumns.length > 0 ? <Alert severity="warning">{TEXT.preview.hiddenColumns(preview.hiddenColumns, false)}</Alert> : null}
      {preview.warned > 0 ? <Alert severity="warning">{TEXT.preview.warnedHelp(preview.warned)}</Alert> : null}
      {blocked ? <Alert severity="warning">{TEXT.preview.allOrNothingBlocked}</Alert> : null}
      {!blocked && nothing ? <Alert severity={preview.rejected > 0 ? 'warning' : 'info'}>{TEXT.preview.nothingToWrite(preview.rejected, preview.unchanged)}</Alert> : null}
      {!blocked && preview.accepted === 0 && preview.conflictsTotal > 0 ? <Alert severity="info">{TEXT.preview.conflictsToWrite}</Alert> : null}
      <ImportConflicts summary={preview} />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
        <FormControlLabel control={<Switch checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />} label={preview.warned > 0 ? TEXT.preview.onlyProblems : TEXT.preview.onlyErrors} />
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {TEXT.preview.sampleNote(preview.sample.length, preview.rows)}
        </Typography>
      </Stack>
      {rows.length === 0 ? (
        <Alert severity="success">{preview.warned > 0 ? TEXT.preview.noProblems : TEXT.preview.noErrors}</Alert>
      ) : (
        <PreviewTable headers={preview.headers} rows={rows} />
      )}
      <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap' }}>
        <Button onClick={() => goTo('mapping')}>{TEXT.preview.back}</Button>
        {preview.rejected > 0 || preview.warned > 0 ? (
          <ImportReportButton
            importId={null}
            fileName={file.name}
            variant="outlined"
            label={TEXT.preview.reportOf(preview.rejected, preview.warned)}
            warningsOnly={preview.rejected === 0}
          />
        ) : null}
        <Button variant="contained" disabled={blocked || nothing || needsDipAck} onClick={() => void save(false)}>
          {TEXT.preview.write(preview.accepted)}
        </Button>
      </Stack>
      {needsDipAck && !blocked && !nothing ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {TEXT.preview.dipAckRequired}
        </Typography>
      ) : null}
      <RepeatDialog open={confirmRepeat} summary={preview} onCancel={() => setConfirmRepeat(false)} onConfirm={() => void save(true)} />
    </Stack>
  );
}

function RepeatDialog({ open, summary, onCancel, onConfirm }: { open: boolean; summary: ImportSummary; onCancel(): void; onConfirm(): void }) {
  const previous = summary.previous;
  return (
    <Dialog open={open && previous !== null} onClose={onCancel} aria-labelledby="import-repeat-title">
      <DialogTitle id="import-repeat-title">{TEXT.repeatDialog.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{previous ? TEXT.repeatDialog.body(formatDateTimeBr(previous.finishedAt), previous.id) : ''}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{TEXT.repeatDialog.cancel}</Button>
        <Button variant="contained" onClick={onConfirm}>
          {TEXT.repeatDialog.confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Read by a screen reader, not shown: the cell's value already carries the warning colour (the cell is `position: relative`, so it stays inside the table's scroll). */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/**
 * The row number and the problems stay at the left while the file's columns scroll sideways under
 * them: on a 1024 px screen a registry load's many columns would otherwise push them out of view.
 */
const pinned = (left: number, edge = false) =>
  ({ position: 'sticky', left, zIndex: 1, bgcolor: 'inherit', ...(edge ? { boxShadow: 'inset -1px 0 0 #dbe3e8' } : {}) }) as const;
/** A header cell is pinned above the body's pinned cells, and above the columns scrolling under it. */
const pinnedHeader = (left: number, edge = false) => ({ ...pinned(left, edge), zIndex: 3, bgcolor: 'background.paper' }) as const;

function PreviewTable({ headers, rows }: { headers: string[]; rows: PreviewRow[] }) {
  const t = TEXT.preview;
  // Where the problems column pins: just right of the row number, however wide that came out.
  const [rowWidth, setRowWidth] = useState(0);
  const measureRow = useCallback((cell: HTMLTableCellElement | null) => {
    if (!cell) return;
    const observer = new ResizeObserver(() => setRowWidth(cell.offsetWidth));
    observer.observe(cell);
    return () => observer.disconnect();
  }, []);
  // A fixed error report imported again: its own columns (the old problems) are not the file's data.
  const shown = headers.map((header, index) => ({ header, index })).filter(({ header }) => !REPORT_HEADERS.includes(header.trim()));
  const anyErrors = rows.some((row) => row.errors.length > 0 && !isWarned(row));
  const anyWarnings = rows.some(isWarned);
  const problemsHeader = anyErrors && anyWarnings ? t.changesOrProblems : anyWarnings ? t.changesOrWarnings : anyErrors ? t.changesOrErrors : t.changes;
  const anyWho = rows.some((row) => row.who !== null);
  const problemsShown = anyWho || anyErrors || anyWarnings;
  return (
    // Wide and tall: it scrolls, so it takes the keyboard's focus too (arrow keys scroll it).
    <TableContainer tabIndex={0} role="region" aria-label={t.tableLabel} sx={{ border: '1px solid #dbe3e8', borderRadius: 1, maxHeight: 520 }}>
      <Table stickyHeader aria-label={t.tableLabel}>
        <TableHead>
          <TableRow>
            <TableCell ref={measureRow} sx={pinnedHeader(0, !problemsShown)}>
              {t.row}
            </TableCell>
            <TableCell>{t.status}</TableCell>
            {anyWho ? <TableCell sx={{ minWidth: 180 }}>{t.who}</TableCell> : null}
            {/* A row either changes something or has errors: one column, so the errors show on a 1024 px screen without scrolling. */}
            {problemsShown ? <TableCell sx={{ minWidth: 280, ...pinnedHeader(rowWidth, true) }}>{problemsHeader}</TableCell> : null}
            {shown.map(({ header, index }) => (
              <TableCell key={`${index}-${header}`}>{header || TEXT.mapping.noHeader(index)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => {
            const warned = isWarned(row);
            return (
            <TableRow key={row.row} sx={{ bgcolor: row.status === 'rejected' ? '#fff8f7' : warned ? '#fffaf0' : 'background.paper' }}>
              <NumericCell sx={pinned(0, !problemsShown)}>{formatCount(row.row)}</NumericCell>
              <TableCell>
                {warned ? (
                  <Chip size="small" color="warning" variant="outlined" icon={<WarningAmberIcon />} label={t.warnedLabel} />
                ) : (
                  <Chip size="small" color={STATUS_COLORS[row.status]} variant={row.status === 'rejected' ? 'filled' : 'outlined'} label={t.statusLabels[row.status]} />
                )}
              </TableCell>
              {anyWho ? <TableCell>{row.who ?? '—'}</TableCell> : null}
              {problemsShown ? (
                <TableCell sx={pinned(rowWidth, true)}>
                  {row.created && row.status !== 'rejected' ? <Typography variant="body2">{t.newRecord}</Typography> : null}
                  {row.diff.map((d) => (
                    <Typography key={d.field} variant="body2">
                      {t.change(d.field, d.from, d.to)}
                    </Typography>
                  ))}
                  {row.errors.map((error, index) => (
                    <Typography key={index} variant="body2" sx={{ color: warned ? 'warning.dark' : 'error.dark' }}>
                      {warned ? (
                        <WarningAmberIcon titleAccess={t.problemKind.warning} fontSize="inherit" sx={{ verticalAlign: 'text-bottom', mr: 0.5 }} />
                      ) : (
                        <ErrorOutlineIcon titleAccess={t.problemKind.error} fontSize="inherit" sx={{ verticalAlign: 'text-bottom', mr: 0.5 }} />
                      )}
                      {error.column && !error.message.toLowerCase().startsWith(error.column.toLowerCase()) ? <strong>{`${error.column}: `}</strong> : null}
                      {error.message}
                    </Typography>
                  ))}
                </TableCell>
              ) : null}
              {shown.map(({ header, index }) => {
                const marked = row.badColumns.includes(index);
                const bad = marked && !warned;
                const value = row.cells[index] ?? '';
                return (
                  <TableCell
                    key={`${index}-${header}`}
                    aria-invalid={bad || undefined}
                    sx={{
                      whiteSpace: 'nowrap',
                      maxWidth: 240,
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      ...(bad ? { bgcolor: '#fde7e4', color: '#8c1d12', fontWeight: 600, boxShadow: 'inset 0 0 0 1px #e6a39a' } : {}),
                      ...(marked && warned ? { position: 'relative', bgcolor: '#fff4e5', color: '#663c00', fontWeight: 600, boxShadow: 'inset 0 0 0 1px #f0b35a' } : {}),
                    }}
                    title={marked && warned ? `${t.problemKind.warning}: ${value}` : value}
                  >
                    {value}
                    {marked && warned ? <span style={VISUALLY_HIDDEN}>{` (${t.problemKind.warning.toLowerCase()})`}</span> : null}
                  </TableCell>
                );
              })}
            </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
