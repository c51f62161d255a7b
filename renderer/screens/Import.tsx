// Importar: choose the file → sheet and kind → columns → a preview that runs every rule without
// writing → write; then the summary. The long steps run as jobs with a progress bar and Cancelar.
// A write that went on while the page reloaded (or runs from another tab) is found again on opening.
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import { useEffect, type ComponentType } from 'react';
import { Page } from '../components/Page';
import { useImportResume, watchOtherTabs } from '../stores/importResume';
import { useImports, type ImportStep } from '../stores/imports';
import { FileStep, SheetStep } from './ImportFile';
import { ImportHistory } from './ImportHistory';
import { ImportProgress } from './ImportProgress';
import { MappingStep } from './ImportMapping';
import { PreviewStep } from './ImportPreview';
import { SummaryStep } from './ImportSummary';
import { IMPORT_TEXT as TEXT } from './import.text';
import { IMPORT_RESUME_TEXT as RESUME } from './importResume.text';

const STEPS: ImportStep[] = ['file', 'sheet', 'mapping', 'preview', 'summary'];

export function ImportScreen() {
  const step = useImports((s) => s.step);
  const job = useImports((s) => s.job);
  const error = useImports((s) => s.error);
  const loadHistory = useImports((s) => s.loadHistory);
  const following = useImportResume((s) => s.following);
  const cancelled = useImportResume((s) => s.cancelled);

  // A write found again after a reload is at the check's step, as when the clerk pressed Gravar.
  const active = STEPS.indexOf(following && job ? 'preview' : step);

  useEffect(() => {
    void loadHistory(0);
    void useImportResume.getState().resume();
    return watchOtherTabs();
  }, [loadHistory]);

  return (
    <Page text={TEXT}>
      <Paper variant="outlined" component="section" aria-label={TEXT.title} sx={{ p: { xs: 2, md: 3 }, mb: 3 }}>
        <Stepper activeStep={active} aria-label={TEXT.stepsLabel} sx={{ mb: 3 }}>
          {TEXT.steps.map((label, index) => (
            <Step key={label} completed={active > index || step === 'summary'}>
              <StepLabel>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {error ? (
          <Alert severity="error" sx={{ mb: 2 }} role="alert">
            {error}
          </Alert>
        ) : null}
        {following && job ? (
          <Alert severity="info" sx={{ mb: 1 }}>
            {RESUME.following(following.fileName, following.here)}
          </Alert>
        ) : null}
        {cancelled && !job && step === 'file' ? (
          <Alert severity="info" sx={{ mb: 2 }} onClose={() => useImportResume.getState().dismiss()}>
            {RESUME.cancelled(cancelled.fileName)}
          </Alert>
        ) : null}
        {job ? <ImportProgress status={job} onCancel={() => void useImports.getState().cancel()} /> : <CurrentStep step={step} />}
      </Paper>
      <ImportHistory />
    </Page>
  );
}

const STEP_SCREENS: Record<ImportStep, ComponentType> = { file: FileStep, sheet: SheetStep, mapping: MappingStep, preview: PreviewStep, summary: SummaryStep };

function CurrentStep({ step }: { step: ImportStep }) {
  const Current = STEP_SCREENS[step];
  return <Current />;
}
