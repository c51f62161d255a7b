// The DIP notice of the correction form: as soon as the draft changes identification data, what
// that means for the professional's DIP request (seed case G) — the same words the store records
// and the review dialog asks the clerk to acknowledge.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { DipStatus } from '../../shared/domain';
import { FIELDS, isFieldName } from '../../shared/fields';
import { dipConsequence, dipWarning, DIP_CONSEQUENCE_MESSAGES, DIP_WARNING_MESSAGES } from '../../shared/rules/dip';
import { CORRECTION_TEXT as TEXT } from './correction.text';

export function CorrectionDipNotice({ dipStatus, changedFields }: { dipStatus: DipStatus; changedFields: readonly string[] }) {
  const identificationChanged = changedFields.some((f) => isFieldName(f) && FIELDS[f].identification);
  const consequence = dipConsequence(dipStatus, identificationChanged);
  const warning = dipWarning(dipStatus, identificationChanged);
  const message = DIP_CONSEQUENCE_MESSAGES[consequence] ?? (warning ? DIP_WARNING_MESSAGES[warning] : null);
  if (message === null) return null;
  return (
    <Alert severity={consequence === 'new_card_required' ? 'error' : 'warning'} sx={{ mb: 2 }} data-testid="form-dip-notice" role="status">
      <AlertTitle>{TEXT.dialog.dipTitle}</AlertTitle>
      {message}
    </Alert>
  );
}
