// Importar: choose the file → sheet and kind → columns → a preview that runs every rule without
// writing → write; then the summary. The long steps run as jobs with a progress bar and Cancelar.
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import { useEffect, type ComponentType } from 'react';
import { Page } from '../components/Page';
import { useImports, type ImportStep } from '../stores/imports';
import { FileStep, SheetStep } from './ImportFile';
import { ImportHistory } from './ImportHistory';
import { ImportProgress } from './ImportProgress';
import { MappingStep } from './ImportMapping';
import { PreviewStep } from './ImportPreview';
import { SummaryStep } from './ImportSummary';
import { IMPORT_TEXT as TEXT } from './import.text';

const STEPS: ImportStep[] = ['file', 'sheet', 'mapping', 'preview', 'summary'];

export function ImportScreen() {
  const step = useImports((s) => s.step);
  const job = useImports((s) => s.job);
  const error = useImports((s) => s.error);
  const loadHistory = useImports((s) => s.loadHistory);

  useEffect(() => {
    void loadHistory(0);
  }, [loadHistory]);

  return (
    <Page text={TEXT}>
      <Paper variant="outlined" component="section" aria-label={TEXT.title} sx={{ p: { xs: 2, md: 3 }, mb: 3 }}>
        <Stepper activeStep={STEPS.indexOf(step)} aria-label={TEXT.stepsLabel} sx={{ mb: 3 }}>
          {TEXT.steps.map((label, index) => (
            <Step key={label} completed={STEPS.indexOf(step) > index || step === 'summary'}>
              <StepLabel>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {error ? (
          <Alert severity="error" sx={{ mb: 2 }} role="alert">
            {error}
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
