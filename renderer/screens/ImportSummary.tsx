// Importar, step 5: what was written, what the DIP rule asks, a registry load's flagged and kept rows
// and its conflicts to decide one by one, and the error report to fix the rest (or why the one asked
// for could not be saved: the import stands all the same).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useImports } from '../stores/imports';
import { useNavigation } from '../stores/navigation';
import { ImportConflicts } from './ImportConflicts';
import { CorrectionNotices, DipNotices, RegistryNotices, SummaryCounts } from './ImportPreview';
import { ImportReportButton } from './ImportReportButton';
import { IMPORT_TEXT as TEXT } from './import.text';
import { ImportStepHeading } from './ImportStepHeading';

export function SummaryStep() {
  const { summary, summaryUndone, reset } = useImports();
  const go = useNavigation((s) => s.go);
  if (!summary) return null;
  const t = TEXT.summary;
  const what =
    summary.kind === 'corrections' ? t.outcome(summary.accepted, summary.corrections, summary.rejected) : summary.kind === 'registry' ? t.registry(summary.inserted, summary.updated) : t.ceps(summary.corrections);
  // Undone from the history: nothing of it stands, so nothing of it is offered any more.
  const stands = summary.written && !summaryUndone;

  return (
    <Stack spacing={2}>
      <ImportStepHeading title={t.title} />
      {summaryUndone && summary.importId !== null ? (
        <Alert severity="info">{t.undone(summary.importId, summary.kind)}</Alert>
      ) : summary.written && summary.importId !== null ? (
        <Alert severity="success">
          <strong>{t.written(summary.importId)}</strong> {what}
        </Alert>
      ) : (
        <Alert severity="warning">{t.notWritten}</Alert>
      )}
      {[summary.reportWarning, summary.checksWarning].map((warning) =>
        warning ? (
          <Alert key={warning} severity="warning">
            {warning}
          </Alert>
        ) : null,
      )}
      <SummaryCounts summary={summary} />
      {stands ? <DipNotices summary={summary} /> : null}
      {stands ? <RegistryNotices summary={summary} /> : null}
      {stands ? <CorrectionNotices summary={summary} /> : null}
      {summaryUndone ? null : <ImportConflicts summary={summary} />}
      {summary.hiddenRows.count > 0 && stands ? <Alert severity="warning">{TEXT.preview.hiddenRows(summary.hiddenRows, summary.written)}</Alert> : null}
      {summary.hiddenColumns.length > 0 && stands ? <Alert severity="warning">{TEXT.preview.hiddenColumns(summary.hiddenColumns, summary.written)}</Alert> : null}
      {summary.warned > 0 && stands ? <Alert severity="warning">{t.warned(summary.warned)}</Alert> : null}
      {summary.rejected > 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t.rejectedHelp}
        </Typography>
      ) : null}
      <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap' }}>
        {summary.rejected > 0 || summary.warned > 0 ? (
          <ImportReportButton
            importId={summary.written ? summary.importId : null}
            fileName={summary.file}
            variant="outlined"
            label={TEXT.preview.reportOf(summary.rejected, summary.warned)}
            warningsOnly={summary.rejected === 0}
          />
        ) : null}
        {stands && summary.kind === 'corrections' ? <Button onClick={() => go({ name: 'corrections' })}>{t.queue}</Button> : null}
        <Button variant="contained" onClick={reset}>
          {t.another}
        </Button>
      </Stack>
    </Stack>
  );
}
