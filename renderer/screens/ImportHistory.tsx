// The imports made on this desk: counts, the error report, and undoing one (with a confirmation
// that says exactly what will happen).
import HistoryIcon from '@mui/icons-material/History';
import UndoIcon from '@mui/icons-material/Undo';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ImportRecord } from '../../shared/contract/imports';
import { formatCount } from '../../shared/display/numbers';
import { DateTimeText } from '../components/DateTimeText';
import { EmptyState } from '../components/EmptyState';
import { PagedTable, type Column } from '../components/PagedTable';
import { useImportResume } from '../stores/importResume';
import { useImports } from '../stores/imports';
import { useNotify } from '../stores/notify';
import { ImportProgress } from './ImportProgress';
import { ImportReportButton } from './ImportReportButton';
import { IMPORT_TEXT as TEXT } from './import.text';
import { IMPORT_RESUME_TEXT as RESUME } from './importResume.text';
import { BusyButton } from '../components/BusyButton';

export function ImportHistory() {
  const { history, historyError, historyJob, loadHistory } = useImports();
  const writing = useImportResume((s) => s.writing !== null);
  const [undoing, setUndoing] = useState<ImportRecord | null>(null);
  const t = TEXT.history;

  return (
    <Paper variant="outlined" component="section" aria-label={t.title}>
      <Box sx={{ px: 2, pt: 2, pb: 1 }}>
        <Typography variant="h6" component="h2">
          {t.title}
        </Typography>
      </Box>
      {writing && history && history.items.length > 0 ? (
        <Stack direction="row" spacing={1} sx={{ px: 2, pb: 1, alignItems: 'center' }}>
          <Chip size="small" variant="outlined" color="info" label={RESUME.historyWriting} />
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {RESUME.historyWritingHelp}
          </Typography>
        </Stack>
      ) : null}
      {historyError ? <Alert severity="error" sx={{ mx: 2, mb: 2 }}>{historyError}</Alert> : null}
      {historyJob ? (
        <Box sx={{ px: 2 }}>
          <ImportProgress status={historyJob} />
        </Box>
      ) : null}
      <PagedTable
        framed={false}
        hover={false}
        label={t.tableLabel}
        columns={historyColumns(historyJob !== null, setUndoing)}
        rows={history ? history.items : null}
        rowKey={(item) => item.id}
        empty={<EmptyState icon={<HistoryIcon />} title={writing ? RESUME.historyWritingHelp : t.empty} />}
        paging={
          // Ten fit without paging.
          history && history.total > 10
            ? { total: history.total, page: history.page, pageSize: history.pageSize, onPage: (page) => void loadHistory(page), onPageSize: (size) => void loadHistory(0, size) }
            : null
        }
      />
      {undoing ? <UndoDialog item={undoing} onClose={() => setUndoing(null)} /> : null}
    </Paper>
  );
}

function historyColumns(busy: boolean, onUndo: (item: ImportRecord) => void): Column<ImportRecord>[] {
  const t = TEXT.history;
  return [
    { header: t.number, numeric: true, cell: (item) => item.id },
    { header: t.date, sx: { whiteSpace: 'nowrap' }, cell: (item) => <DateTimeText iso={item.finishedAt} /> },
    {
      header: t.file,
      sx: { minWidth: 180 },
      cell: (item) => (
        <>
          <Typography variant="body2" sx={{ fontWeight: 500, wordBreak: 'break-all' }}>
            {item.fileName}
          </Typography>
          <Typography variant="caption" sx={{ color: 'text.secondary' }}>
            {/* A CSV is one table: it has no tab to name. */}
            {[t.kinds[item.kind], /\.csv$/i.test(item.fileName) ? null : t.sheet(item.sheet), item.operator].filter(Boolean).join(' · ')}
          </Typography>
        </>
      ),
    },
    { header: t.rows, align: 'right', numeric: true, cell: (item) => formatCount(item.rows) },
    {
      header: t.result,
      sx: { whiteSpace: 'nowrap' },
      cell: (item) => (
        <>
          <Typography variant="body2">{t.accepted(item.accepted)}</Typography>
          <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
            {t.unchanged(item.unchanged)}
            {' · '}
            <Box component="span" sx={{ color: item.rejected > 0 ? 'error.main' : undefined, fontWeight: item.rejected > 0 ? 600 : undefined }}>
              {t.rejected(item.rejected)}
            </Box>
            {item.reportRows > item.rejected ? (
              <>
                {' · '}
                <Box component="span" sx={{ color: 'warning.dark', fontWeight: 600 }}>
                  {t.warned(item.reportRows - item.rejected)}
                </Box>
              </>
            ) : null}
          </Typography>
          {item.kind === 'registry' && item.flagged + item.conflicts > 0 ? (
            <Typography variant="caption" component="div" sx={{ color: 'warning.dark' }}>
              {[item.flagged > 0 ? t.flagged(item.flagged) : null, item.conflicts > 0 ? t.conflicts(item.conflicts) : null].filter(Boolean).join(' · ')}
            </Typography>
          ) : null}
        </>
      ),
    },
    {
      header: t.state,
      cell: (item) => <Chip size="small" variant="outlined" color={item.state === 'done' ? 'success' : 'default'} label={t.states[item.state]} />,
    },
    {
      header: t.actions,
      sx: { whiteSpace: 'nowrap' },
      // One under the other: both stay whole on a 1024 px screen.
      cell: (item) => (
        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
          {item.rejected > 0 || item.reportRows > 0 ? (
            <ImportReportButton
              importId={item.id}
              fileName={item.fileName}
              label={t.report}
              size="small"
              aria-label={t.reportOf(item.id, item.rejected, Math.max(0, item.reportRows - item.rejected))}
              warningsOnly={item.rejected === 0}
              disabled={busy}
            />
          ) : null}
          <UndoButton item={item} disabled={busy} onUndo={() => onUndo(item)} />
        </Stack>
      ),
    },
  ];
}

function UndoButton({ item, disabled, onUndo }: { item: ImportRecord; disabled: boolean; onUndo(): void }) {
  if (item.state === 'undone') return null;
  const button = (
    <Button size="small" color="warning" startIcon={<UndoIcon />} disabled={disabled || item.undoBlocker !== null} onClick={onUndo} aria-label={TEXT.history.undoOf(item.id)}>
      {TEXT.history.undo}
    </Button>
  );
  // A disabled button gets no pointer events: the wrapper keeps the reason's tooltip working.
  return item.undoBlocker ? (
    <Tooltip title={item.undoBlocker}>
      <span>{button}</span>
    </Tooltip>
  ) : (
    button
  );
}

function UndoDialog({ item, onClose }: { item: ImportRecord; onClose(): void }) {
  const undo = useImports((s) => s.undo);
  const notify = useNotify((s) => s.show);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = TEXT.undoDialog;

  async function confirm() {
    setBusy(true);
    const outcome = await undo(item.id);
    setBusy(false);
    if (outcome.ok) {
      notify(t.done(item.id, outcome.value.restoredRecords));
      onClose();
    } else if (!outcome.cancelled) setError(outcome.message);
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby="import-undo-title" maxWidth="sm" fullWidth>
      <DialogTitle id="import-undo-title">{t.title(item.id)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1.5 }}>{t.body(item.fileName, item.kind, item.corrections)}</DialogContentText>
        <DialogContentText variant="body2">{t.refused}</DialogContentText>
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {error}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <BusyButton onClick={onClose} busy={busy}>
          {t.cancel}
        </BusyButton>
        <BusyButton variant="contained" color="warning" onClick={() => void confirm()} busy={busy} disabled={error !== null}>
          {busy ? t.running : t.confirm}
        </BusyButton>
      </DialogActions>
    </Dialog>
  );
}
