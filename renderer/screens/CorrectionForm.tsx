// The correction form: only catalogue fields, each showing what it holds now; the mother as one
// choice; reason and evidence; the atendimento it deals with; "Revisar correção" asks the store for
// the plan before anything is saved.
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import GlobalStyles from '@mui/material/GlobalStyles';
import LinearProgress from '@mui/material/LinearProgress';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { Output, RecordView } from '../../shared/contract';
import { EVIDENCE_ARRIVAL_LABELS } from '../../shared/display/labels';
import { formatFieldValue } from '../../shared/display/values';
import { EVIDENCE_ARRIVALS, type EvidenceArrival } from '../../shared/domain';
import { FIELD_GROUP_LABELS, FIELD_NAMES, FIELDS, type FieldGroup, type FieldName, type FieldValue } from '../../shared/fields';
import { call, errorMessage } from '../api/client';
import { DateField } from '../components/DateField';
import { FieldInput, fieldInputId } from '../components/FieldInput';
import { LimitedTextField } from '../components/LimitedTextField';
import {
  draftChanges,
  draftTyped,
  EVIDENCE_NOTE,
  evidenceErrors,
  fieldErrors,
  firstFieldWithError,
  motherChoiceOf,
  shownText,
  type CorrectionDraft,
} from '../lib/draft';
import { CEP_FILLED_FIELDS, useCepFill } from '../lib/cepFill';
import { draftWarnings, type DraftWarnings, type FieldWarning } from '../lib/draftWarnings';
import { useEmailInUse } from '../lib/emailInUse';
import { useDrafts } from '../stores/correctionDraft';
import { useRecord } from '../stores/record';
import { CORRECTION_TEXT as TEXT } from './correction.text';
import { CorrectionContactField, useOpenContacts } from './CorrectionContactField';
import { CorrectionDipNotice } from './CorrectionDipNotice';
import { CorrectionReview } from './CorrectionReview';
import { FieldWarnings } from './FieldWarnings';
import { MotherChoiceField } from './MotherChoiceField';
import { NameCaseSuggestion } from './NameCaseSuggestion';
import { NationalityField } from './NationalityField';

const GROUPS = Object.keys(FIELD_GROUP_LABELS) as FieldGroup[];
/** The action bar's height (one line of buttons, or of a message beside them) and a little air. */
const ACTION_BAR_ROOM = 96;
const EVIDENCE_IDS = { reason: 'evidence-reason', evidenceKind: 'evidence-kind', evidenceDate: 'evidence-date', evidenceArrival: 'evidence-arrival', evidenceNote: 'evidence-note' } as const;

export type Plan = Output<'corrections:preview'>;

interface Review {
  plan: Plan;
  changes: Record<string, FieldValue>;
  warnings: DraftWarnings;
}

export function CorrectionForm({ view }: { view: RecordView }) {
  const p = view.professional;
  const draft = useDrafts((s) => s.drafts[p.id]);
  const { editField, editForm, update, visit, discard } = useDrafts();
  const reload = useRecord((s) => s.reload);
  const [reviewing, setReviewing] = useState(false);
  const [review, setReview] = useState<Review | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const cepFilled = useCepFill(draft?.edits.cep, (entry) => {
    const typed = useDrafts.getState().drafts[p.id]?.edits ?? {};
    for (const field of CEP_FILLED_FIELDS) if (typed[field] === undefined) editField(p.id, field, entry[field]);
  });
  const contacts = useOpenContacts(p.id);
  const sharedEmail = useEmailInUse(draft?.edits.email, p.id);

  if (!draft) return null;
  const chosenContact = contacts?.find((c) => c.id === draft.contactId) ?? null;

  const changes = draftChanges(p, draft);
  const changedCount = Object.keys(changes).filter((f) => f !== 'motherNotListed' || !('motherName' in changes)).length;
  const inline = fieldErrors(p, draft);
  const evidence = evidenceErrors(draft, new Date(), Object.keys(changes));
  const showError = (key: string, local: string | undefined): string | null =>
    draft.serverErrors[key] ?? ((draft.showAllErrors || draft.visited[key]) && local ? local : null);
  // Choosing how the document arrived is a deliberate click: its problem shows at once.
  const arrivalError = evidence.evidenceArrival ?? null;
  // Like errors, warnings wait until the clerk leaves the field: no flicker while a name is half typed.
  const warnings = draftWarnings(p, draft, new Date(), sharedEmail);
  const shownWarnings = (field: FieldName): FieldWarning[] => (draft.showAllErrors || draft.visited[field] ? (warnings[field] ?? []) : []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    update(p.id, { showAllErrors: true, topError: null });
    if (Object.keys(changes).length === 0) {
      update(p.id, { topError: TEXT.noChange });
      return;
    }
    const firstInvalid = firstFieldWithError({ ...inline, ...evidence });
    if (firstInvalid) {
      focusField(firstInvalid);
      return;
    }
    setReviewing(true);
    try {
      const plan = await call('corrections:preview', { professionalId: p.id, changes });
      if (plan.errors.length > 0) {
        const serverErrors: CorrectionDraft['serverErrors'] = {};
        const general: string[] = [];
        for (const violation of plan.errors) {
          if (violation.field) serverErrors[violation.field] ??= violation.message;
          else general.push(violation.message);
        }
        update(p.id, { serverErrors, topError: general.length > 0 ? general.join(' ') : TEXT.fixErrors });
        const first = firstFieldWithError(serverErrors) ?? plan.errors.find((v) => v.field)?.field;
        if (first) focusField(first);
      } else {
        setReview({ plan, changes, warnings });
      }
    } catch (error) {
      update(p.id, { topError: errorMessage(error) });
    } finally {
      setReviewing(false);
    }
  }

  async function reloadAfterConflict() {
    const fresh = await reload();
    if (fresh) update(p.id, { baseRowVersion: fresh.professional.rowVersion, conflict: false, topError: null });
  }

  // "Nenhum campo foi alterado" stops being true with the first change: it goes without a new click.
  const topError = draft.topError === TEXT.noChange && changedCount > 0 ? null : draft.topError;
  const hasTyped = draftTyped(draft);

  return (
    <Box component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate aria-label={TEXT.title}>
      {/* A field reached with Tab or focused for its error stops above the action bar, never under it. */}
      <GlobalStyles styles={{ html: { scrollPaddingBottom: ACTION_BAR_ROOM } }} />
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2">
          {TEXT.title}
        </Typography>
        <Typography variant="body2" sx={{ color: changedCount > 0 ? 'warning.dark' : 'text.secondary', fontWeight: 600 }}>
          {TEXT.changedCount(changedCount)}
        </Typography>
      </Box>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
        {TEXT.intro} {TEXT.draftKept}
      </Typography>
      {view.pendencies.length > 0 ? (
        // A pendência never blocks an unrelated correction; it is said, so the clerk can fix it too.
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="form-pendencies">
          {TEXT.pendencies}
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {view.pendencies.map((d) => (
              <li key={`${d.code}-${d.field}-${d.message}`}>{d.message}</li>
            ))}
          </Box>
        </Alert>
      ) : null}
      <CorrectionDipNotice dipStatus={p.dipStatus} changedFields={Object.keys(changes)} />
      <Box sx={{ display: 'grid', gap: 2 }}>
        {GROUPS.map((group) => (
          <Card key={group} component="fieldset" sx={{ m: 0, p: 0, minWidth: 0 }}>
            <CardContent>
              <Typography variant="subtitle1" component="legend" sx={{ mb: 1.5, float: 'left', width: '100%' }}>
                {FIELD_GROUP_LABELS[group]}
              </Typography>
              <Box sx={{ clear: 'both', display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr', xl: '1fr 1fr 1fr' }, gap: 2 }}>
                {group === 'identification' ? (
                  <MotherChoiceField
                    professional={p}
                    draft={draft}
                    error={showError('motherName', inline.motherName) ?? draft.serverErrors.motherNotListed ?? null}
                    warnings={shownWarnings('motherName')}
                    onChoice={(choice) => editForm(p.id, { motherChoice: choice })}
                    onName={(name) => {
                      editField(p.id, 'motherName', name);
                      if (motherChoiceOf(draft, p) === null) editForm(p.id, { motherChoice: 'name' });
                    }}
                    onBlur={() => visit(p.id, 'motherName')}
                  />
                ) : null}
                {FIELD_NAMES.filter((f) => FIELDS[f].group === group && f !== 'motherName' && f !== 'motherNotListed').map((field) => {
                  const props = {
                    value: shownText(draft, p, field),
                    onChange: (value: string) => editField(p.id, field, value),
                    onBlur: () => visit(p.id, field),
                    error: showError(field, inline[field]),
                    changed: field in changes,
                    hint: field in changes ? TEXT.current(formatFieldValue(field, p[field])) : null,
                  };
                  return (
                    <Box key={field} sx={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
                      {field === 'nationality' ? <NationalityField {...props} /> : <FieldInput field={field} {...props} />}
                      {field === 'cep' && cepFilled ? (
                        <Typography variant="caption" role="status" sx={{ color: 'success.dark', mt: 0.5 }}>
                          {TEXT.cepFilled}
                        </Typography>
                      ) : null}
                      {FIELDS[field].rule === 'personName' ? <NameCaseSuggestion typed={props.value} onApply={props.onChange} /> : null}
                      <FieldWarnings warnings={shownWarnings(field)} inputId={fieldInputId(field)} onUse={(value, target) => editField(p.id, target ?? field, value)} />
                    </Box>
                  );
                })}
              </Box>
            </CardContent>
          </Card>
        ))}

        <Card component="fieldset" sx={{ m: 0, p: 0, minWidth: 0 }}>
          <CardContent>
            <Typography variant="subtitle1" component="legend" sx={{ mb: 1.5, float: 'left', width: '100%' }}>
              {TEXT.evidence.title}
            </Typography>
            <Box sx={{ clear: 'both', display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
              <CorrectionContactField contacts={contacts} value={draft.contactId} onChange={(contactId) => editForm(p.id, { contactId })} error={draft.serverErrors.contactId ?? null} />
              <TextField
                id={EVIDENCE_IDS.reason}
                label={TEXT.evidence.reason}
                required
                multiline
                minRows={2}
                value={draft.reason}
                onChange={(e) => editForm(p.id, { reason: e.target.value })}
                onBlur={() => visit(p.id, 'reason')}
                error={showError('reason', evidence.reason) !== null}
                helperText={showError('reason', evidence.reason) ?? TEXT.evidence.reasonHelp}
                sx={{ gridColumn: '1 / -1' }}
              />
              <Autocomplete
                // The input's id comes from here (the TextField's own is overridden): focusField finds it.
                id={EVIDENCE_IDS.evidenceKind}
                freeSolo
                options={TEXT.evidence.kinds}
                inputValue={draft.evidenceKind}
                onInputChange={(_, value) => editForm(p.id, { evidenceKind: value })}
                renderInput={(params) => (
                  <TextField
                    {...params}
                    label={TEXT.evidence.kind}
                    required
                    onBlur={() => visit(p.id, 'evidenceKind')}
                    error={showError('evidenceKind', evidence.evidenceKind) !== null}
                    helperText={showError('evidenceKind', evidence.evidenceKind) ?? TEXT.evidence.kindHelp}
                  />
                )}
              />
              <DateField
                id={EVIDENCE_IDS.evidenceDate}
                label={TEXT.evidence.date}
                required
                value={draft.evidenceDate}
                onChange={(value) => editForm(p.id, { evidenceDate: value })}
                onBlur={() => visit(p.id, 'evidenceDate')}
                error={showError('evidenceDate', evidence.evidenceDate) !== null}
                helperText={showError('evidenceDate', evidence.evidenceDate) ?? ' '}
              />
              <FormControl error={arrivalError !== null}>
                <FormLabel id="evidence-arrival-label">{TEXT.evidence.arrival}</FormLabel>
                <RadioGroup
                  row
                  aria-labelledby="evidence-arrival-label"
                  value={draft.evidenceArrival}
                  onChange={(e) => editForm(p.id, { evidenceArrival: e.target.value as EvidenceArrival })}
                >
                  {EVIDENCE_ARRIVALS.map((arrival) => (
                    <FormControlLabel
                      key={arrival}
                      value={arrival}
                      control={<Radio id={arrival === draft.evidenceArrival ? EVIDENCE_IDS.evidenceArrival : undefined} />}
                      label={EVIDENCE_ARRIVAL_LABELS[arrival]}
                    />
                  ))}
                </RadioGroup>
                {arrivalError && <FormHelperText>{arrivalError}</FormHelperText>}
              </FormControl>
              <LimitedTextField
                id={EVIDENCE_IDS.evidenceNote}
                label={TEXT.evidence.note}
                limitName={EVIDENCE_NOTE.name}
                max={EVIDENCE_NOTE.max}
                value={draft.evidenceNote}
                onChange={(e) => editForm(p.id, { evidenceNote: e.target.value })}
                helperText={TEXT.evidence.noteHelp}
              />
            </Box>
          </CardContent>
        </Card>
      </Box>

      <Box
        sx={{
          position: 'sticky',
          bottom: 0,
          mt: 2,
          py: 1.5,
          display: 'flex',
          gap: 1.5,
          alignItems: 'center',
          justifyContent: 'flex-end',
          bgcolor: 'background.default',
          borderTop: 1,
          borderColor: 'divider',
          zIndex: 1,
        }}
      >
        {/* Messages live in this bar, which stays on screen however far down the clerk is. */}
        <Box sx={{ flex: 1, minWidth: 0 }}>
          {reviewing ? (
            <Box role="status">
              <Typography variant="body2" sx={{ mb: 0.5 }}>
                {TEXT.reviewing}
              </Typography>
              <LinearProgress aria-label={TEXT.reviewing} />
            </Box>
          ) : draft.conflict ? (
            <Alert
              severity="warning"
              sx={{ py: 0 }}
              action={
                <Button color="inherit" size="small" onClick={() => void reloadAfterConflict()} autoFocus sx={{ whiteSpace: 'nowrap' }}>
                  {TEXT.reload}
                </Button>
              }
            >
              {TEXT.conflict}
            </Alert>
          ) : topError ? (
            <Alert severity="error" sx={{ py: 0 }} role="alert">
              {topError}
            </Alert>
          ) : null}
        </Box>
        <Button onClick={() => (hasTyped ? setConfirmDiscard(true) : discard(p.id))} disabled={reviewing}>
          {TEXT.cancel}
        </Button>
        <Button type="submit" variant="contained" disabled={reviewing || draft.conflict}>
          {TEXT.review}
        </Button>
      </Box>

      {review ? (
        <CorrectionReview
          professional={p}
          draft={draft}
          plan={review.plan}
          changes={review.changes}
          warnings={review.warnings}
          contact={chosenContact}
          onClose={() => setReview(null)}
        />
      ) : null}

      <Dialog open={confirmDiscard} onClose={() => setConfirmDiscard(false)} aria-labelledby="discard-title">
        <DialogTitle id="discard-title">{TEXT.discardTitle}</DialogTitle>
        <DialogContent>
          <DialogContentText>{TEXT.discardBody}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmDiscard(false)} autoFocus>
            {TEXT.keepEditing}
          </Button>
          <Button
            color="error"
            onClick={() => {
              setConfirmDiscard(false);
              discard(p.id);
            }}
          >
            {TEXT.discardConfirm}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

function focusField(field: string) {
  const id = field in EVIDENCE_IDS ? EVIDENCE_IDS[field as keyof typeof EVIDENCE_IDS] : fieldInputId(field === 'motherNotListed' ? 'motherName' : field);
  // After React has painted the error, so the screen reader announces it with the field.
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
