// On a record: the DIP's paper side — the signed form, the 3×4 photo and the payment receipt —
// each with its arrival (day, way, who recorded it) or "Registrar chegada", and whether the
// documents are complete or which are missing. A DIP that takes no paper (not requested, in
// confecção, issued, delivered) is not offered "Registrar chegada"; its arrivals can still be undone.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import DialogContentText from '@mui/material/DialogContentText';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useState } from 'react';
import type { DipPaper, DipPaperEntry } from '../../shared/contract';
import { DIP_PAPER_WAYS, type DipPaperItem, type DipPaperWay, type DipStatus } from '../../shared/domain';
import { formatDateBr, todayIso } from '../../shared/rules/dates';
import { takesPaper, waitsForPaper } from '../../shared/rules/dipPaper';
import { DIP_LABELS } from '../../shared/rules/vocabulary';
import { call, ClientError, errorMessage } from '../api/client';
import { DateField } from '../components/DateField';
import { JobDialog } from '../components/JobDialog';
import { TableHeadRow } from '../components/TableHeadRow';
import { useNotify } from '../stores/notify';
import { useRecord } from '../stores/record';
import { DIP_PAPER_TEXT as TEXT } from './dipPaper.text';

export function RecordDipPaper({ professionalId, dipStatus }: { professionalId: number; dipStatus: DipStatus }) {
  const [paper, setPaper] = useState<DipPaper | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [arriving, setArriving] = useState<DipPaperItem | null>(null);
  const [undoing, setUndoing] = useState<DipPaperEntry | null>(null);
  // A DIP that does not wait for its paper side, with nothing recorded, shows one line until asked.
  const [expanded, setExpanded] = useState(false);
  const notify = useNotify((s) => s.show);
  const reload = useRecord((s) => s.reload);

  useEffect(() => {
    call('dip:items', { professionalId }).then(
      (value) => {
        setPaper(value);
        setError(null);
      },
      () => setError(TEXT.loadError),
    );
  }, [professionalId, dipStatus]);

  /** An arrival recorded or undone: its dialog closes and the card shows the new state. */
  function changed(value: DipPaper, message: string) {
    setArriving(null);
    setUndoing(null);
    setPaper(value);
    notify(message);
    // The record's audit trail shows the new entry.
    void reload();
  }

  if (error) return <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>;
  if (!paper) return null;
  const headingId = `dip-paper-${professionalId}`;
  const quiet = !expanded && !waitsForPaper(paper.dipStatus) && paper.missing.length === paper.items.length;
  if (quiet) {
    return (
      <Card component="section" aria-labelledby={headingId} sx={{ mb: 2 }} data-testid="dip-paper">
        <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', py: 1.5, '&:last-child': { pb: 1.5 } }}>
          <Typography variant="subtitle1" component="h2" id={headingId} sx={{ fontWeight: 600 }}>
            {TEXT.title}
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary', flex: 1, minWidth: 200 }}>
            {takesPaper(paper.dipStatus) ? TEXT.noneRecorded : TEXT.notApplicable(DIP_LABELS[paper.dipStatus])}
          </Typography>
          {takesPaper(paper.dipStatus) ? (
            <Button size="small" variant="outlined" onClick={() => setExpanded(true)}>
              {TEXT.expand}
            </Button>
          ) : null}
        </CardContent>
      </Card>
    );
  }
  return (
    <Card component="section" aria-labelledby={headingId} sx={{ mb: 2 }} data-testid="dip-paper">
      <CardContent sx={{ pb: 1 }}>
        <Typography variant="h6" component="h2" id={headingId} sx={{ mb: 0.5 }}>
          {TEXT.title}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1.5 }}>
          {TEXT.intro}
        </Typography>
        <PaperSummary paper={paper} />
        <Table size="small" aria-label={TEXT.tableLabel}>
          <TableHeadRow columns={[TEXT.columns.item, TEXT.columns.state, { label: TEXT.columns.action, align: 'right' }]} />
          <TableBody>
            {paper.items.map((entry) => (
              <TableRow key={entry.item} data-testid={`dip-paper-${entry.item}`}>
                <TableCell sx={{ fontWeight: 500 }}>{TEXT.item[entry.item]}</TableCell>
                <TableCell>
                  {entry.arrival ? (
                    <>
                      {TEXT.arrived(formatDateBr(entry.arrival.arrivedOn), TEXT.way[entry.arrival.way])}
                      <Typography component="span" variant="body2" sx={{ color: 'text.secondary', display: 'block' }}>
                        {TEXT.recordedBy(entry.arrival.operator)}
                      </Typography>
                    </>
                  ) : (
                    <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
                      {TEXT.notArrived}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">
                  {entry.arrival ? (
                    <Button size="small" onClick={() => setUndoing(entry)} aria-label={TEXT.undoAria(TEXT.item[entry.item])}>
                      {TEXT.undo}
                    </Button>
                  ) : takesPaper(paper.dipStatus) ? (
                    <Button size="small" variant="outlined" onClick={() => setArriving(entry.item)} aria-label={TEXT.recordAria(TEXT.item[entry.item])}>
                      {TEXT.record}
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
      {arriving ? (
        <ArrivalDialog professionalId={professionalId} item={arriving} onClose={() => setArriving(null)} onDone={(value) => changed(value, TEXT.recorded(TEXT.item[arriving]))} />
      ) : null}
      {undoing?.arrival ? (
        <UndoDialog professionalId={professionalId} entry={undoing} onClose={() => setUndoing(null)} onDone={(value) => changed(value, TEXT.undone(TEXT.item[undoing.item]))} />
      ) : null}
    </Card>
  );
}

/** "Documentos completos" once all arrived on a DIP that waits for them; the missing items while it waits; else that they do not apply. */
function PaperSummary({ paper }: { paper: DipPaper }) {
  if (paper.complete) {
    return (
      <Alert severity="success" sx={{ mb: 1 }} data-testid="dip-paper-summary">
        <strong>{TEXT.complete}</strong> — {TEXT.completeDetail}
      </Alert>
    );
  }
  if (paper.missing.length === 0) return null;
  if (!waitsForPaper(paper.dipStatus)) {
    return (
      <Alert severity="info" sx={{ mb: 1 }} data-testid="dip-paper-summary">
        {TEXT.notApplicable(DIP_LABELS[paper.dipStatus])}
      </Alert>
    );
  }
  return (
    <Alert severity="warning" sx={{ mb: 1 }} data-testid="dip-paper-summary">
      {TEXT.missing(paper.missing.map((item) => TEXT.item[item]))}
    </Alert>
  );
}

function ArrivalDialog({ professionalId, item, onClose, onDone }: { professionalId: number; item: DipPaperItem; onClose(): void; onDone(value: DipPaper): void }) {
  const [date, setDate] = useState(() => formatDateBr(todayIso()));
  const [way, setWay] = useState<DipPaperWay>('post');
  const [busy, setBusy] = useState(false);
  const [dateError, setDateError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const wayId = useId();

  const incomplete = date.length < 10;

  async function confirm() {
    // Enter in the date field submits too: an incomplete date or a second Enter does nothing.
    if (busy || incomplete) return;
    setBusy(true);
    setDateError(null);
    setError(null);
    try {
      onDone(await call('dip:arrive', { professionalId, item, arrivedOn: date, way }));
    } catch (problem) {
      if (problem instanceof ClientError && problem.field === 'arrivedOn') setDateError(problem.message);
      else setError(errorMessage(problem));
      setBusy(false);
    }
  }

  return (
    <JobDialog
      title={TEXT.dialog.title(TEXT.item[item])}
      busy={busy}
      onClose={onClose}
      maxWidth="xs"
      error={error}
      cancelLabel={TEXT.dialog.cancel}
      onSubmit={confirm}
      confirm={{ label: TEXT.dialog.confirm, disabled: incomplete }}
    >
      <Box sx={{ pt: 1 }}>
        <DateField label={TEXT.dialog.date} value={date} onChange={setDate} error={dateError !== null} helperText={dateError ?? ' '} disabled={busy} fullWidth autoFocus />
      </Box>
      <FormLabel id={wayId} sx={{ display: 'block', mt: 1 }}>
        {TEXT.dialog.way}
      </FormLabel>
      <RadioGroup row aria-labelledby={wayId} value={way} onChange={(e) => setWay(e.target.value as DipPaperWay)}>
        {DIP_PAPER_WAYS.map((w) => (
          <FormControlLabel key={w} value={w} control={<Radio />} label={TEXT.way[w]} disabled={busy} />
        ))}
      </RadioGroup>
    </JobDialog>
  );
}

function UndoDialog({ professionalId, entry, onClose, onDone }: { professionalId: number; entry: DipPaperEntry; onClose(): void; onDone(value: DipPaper): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    try {
      onDone(await call('dip:undo', { professionalId, item: entry.item }));
    } catch (problem) {
      setError(errorMessage(problem));
      setBusy(false);
    }
  }

  return (
    <JobDialog
      title={TEXT.undoDialog.title(TEXT.item[entry.item])}
      busy={busy}
      onClose={onClose}
      maxWidth="xs"
      error={error}
      cancelLabel={TEXT.undoDialog.cancel}
      confirm={{ label: TEXT.undoDialog.confirm, color: 'warning', onClick: () => void confirm() }}
    >
      <DialogContentText>{TEXT.undoDialog.body(formatDateBr(entry.arrival?.arrivedOn))}</DialogContentText>
    </JobDialog>
  );
}
