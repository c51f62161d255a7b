// One professional, opened: identity, every field grouped and formatted, this record's corrections
// and audit trail, and the way into the correction form.
import EditIcon from '@mui/icons-material/Edit';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Correction, RecordView } from '../../shared/contract';
import { EVIDENCE_ARRIVAL_LABELS } from '../../shared/display/labels';
import { formatFieldValue } from '../../shared/display/values';
import { CORRECTION_STATUSES, type Professional } from '../../shared/domain';
import { FIELD_GROUP_LABELS, FIELD_NAMES, FIELDS, fieldLabel, isFieldName, type FieldGroup, type FieldName } from '../../shared/fields';
import { formatCpf } from '../../shared/rules/cpf';
import { formatDateBr, formatDateTimeBr } from '../../shared/rules/dates';
import { DIP_CONSEQUENCE_LABELS } from '../../shared/rules/dip';
import { withFieldLabel } from '../../shared/rules/fieldValue';
import { caseOfRecord } from '../../shared/rules/pendencyCases';
import { BackButton } from '../components/BackButton';
import { DipChip } from '../components/DipChip';
import { EmptyState } from '../components/EmptyState';
import { LoadingBar } from '../components/LoadingBar';
import { NumericText } from '../components/Numeric';
import { ChangeText } from '../components/ChangeText';
import { StatusChip } from '../components/StatusChip';
import { DateTimeText } from '../components/DateTimeText';
import { TableHeadRow } from '../components/TableHeadRow';
import { useDrafts } from '../stores/correctionDraft';
import { useRecord } from '../stores/record';
import { CorrectionForm } from './CorrectionForm';
import { RecordContactButton, RecordContacts } from './RecordContacts';
import { RecordCorrectionActions } from './RecordCorrectionActions';
import { RecordDipPaper } from './RecordDipPaper';
import { RecordHistory } from './RecordHistory';
import { ConflictNote, correctAgainEdits, notesOfField, openRejections, PendencyNote, RejectionNote } from './RecordNotes';
import { RECORD_TEXT as TEXT } from './record.text';

type TabName = 'data' | 'corrections' | 'history';

const GROUPS = Object.keys(FIELD_GROUP_LABELS) as FieldGroup[];
const HEADING_ID = 'record-heading';

export function RecordScreen({ id }: { id: number }) {
  const { view, loading, error, open } = useRecord();
  const formOpen = useDrafts((s) => s.open[id] ?? false);
  const startDraft = useDrafts((s) => s.start);
  const [tab, setTab] = useState<TabName>('data');

  useEffect(() => {
    void open(id);
  }, [id, open]);

  const shown = view && view.professional.id === id ? view : null;
  const p = shown?.professional;
  const shownId = p?.id;

  // Opened from a list by the keyboard, the row it came from is gone: the focus goes to the record's
  // name (read out by a screen reader) instead of the page's body. Focus held elsewhere is left alone.
  useEffect(() => {
    if (shownId !== undefined && (document.activeElement === null || document.activeElement === document.body)) {
      document.getElementById(HEADING_ID)?.focus();
    }
  }, [shownId]);

  // Opened by "Corrigir dados" on an atendimento: the form opens with it chosen.
  useEffect(() => {
    if (p && useDrafts.getState().startRequested(p)) setTab('data');
  }, [p]);

  // "Corrigir de novo": the form opens with the rejected value, for the clerk to fix and save again.
  function correctAgain(correction: Correction) {
    if (!p) return;
    startDraft(p);
    const edit = correctAgainEdits(correction);
    const drafts = useDrafts.getState();
    if (edit.motherNotListed !== undefined) {
      drafts.editForm(p.id, { motherChoice: edit.motherNotListed ? 'notListed' : 'name' });
      if (!edit.motherNotListed) drafts.editField(p.id, 'motherName', edit.text);
    } else if (isFieldName(edit.field)) {
      drafts.editField(p.id, edit.field, edit.text);
    }
    setTab('data');
  }

  return (
    <Box>
      <BackButton to={{ name: 'registry' }} label={TEXT.back} />
      <LoadingBar loading={loading} label={TEXT.loading} />
      {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
      {!p || !shown ? (
        loading ? <Skeleton variant="rounded" height={120} /> : null
      ) : (
        <>
          <Header
            view={shown}
            formOpen={formOpen}
            onCorrect={() => {
              startDraft(p);
              setTab('data');
            }}
          />
          <RecordSummaryAlert view={shown} />
          <RecordContacts professionalId={p.id} version={p.rowVersion} />
          <RecordDipPaper professionalId={p.id} dipStatus={p.dipStatus} />
          <Tabs value={tab} onChange={(_, value: TabName) => setTab(value)} aria-label={TEXT.tabsLabel} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
            <Tab value="data" label={TEXT.tabs.data} id="record-tab-data" aria-controls="record-panel" />
            <Tab value="corrections" label={TEXT.tabs.corrections(shown.corrections.length)} id="record-tab-corrections" aria-controls="record-panel" />
            <Tab value="history" label={TEXT.tabs.history(shown.history.length)} id="record-tab-history" aria-controls="record-panel" />
          </Tabs>
          <div role="tabpanel" id="record-panel" aria-labelledby={`record-tab-${tab}`}>
            {tab === 'data' ? formOpen ? <CorrectionForm view={shown} /> : <RecordFields view={shown} onCorrectAgain={correctAgain} /> : null}
            {tab === 'corrections' ? <CorrectionsTable corrections={shown.corrections} /> : null}
            {tab === 'history' ? <HistoryTable view={shown} /> : null}
          </div>
        </>
      )}
    </Box>
  );
}

/** A pendência's message under its field's name, the subject never said twice. */
function pendencyLine(field: string | null, message: string): string {
  return field ? withFieldLabel(fieldLabel(field), message) : message;
}

function Header({ view, formOpen, onCorrect }: { view: RecordView; formOpen: boolean; onCorrect(): void }) {
  const p = view.professional;
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 280 }}>
          <Typography variant="h5" component="h1" id={HEADING_ID} tabIndex={-1} sx={{ '&:focus': { outline: 'none' } }}>
            {p.name}
          </Typography>
          {p.socialName ? (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {TEXT.socialName(p.socialName)}
            </Typography>
          ) : null}
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <NumericText>{TEXT.registration(p.registrationNumber)}</NumericText>
            <NumericText>{TEXT.cpf(formatCpf(p.cpf))}</NumericText>
            <DipChip status={p.dipStatus} prefix />
            {p.dipStatusAt ? (
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {TEXT.dipStatusAt(formatDateBr(p.dipStatusAt))}
              </Typography>
            ) : null}
            {view.pendencies.length > 0 ? <Chip size="small" color="warning" label={TEXT.pendencyChip(view.pendencies.length)} /> : null}
            {/* Where this record's corrections are on their way to Implanta: pending, sent, synced… */}
            {CORRECTION_STATUSES.filter((status) => (view.statusCounts[status] ?? 0) > 0).map((status) => (
              <StatusChip key={status} status={status} count={view.statusCounts[status]} />
            ))}
          </Stack>
          <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
            {TEXT.updatedAt(formatDateTimeBr(p.updatedAt))}
          </Typography>
        </Box>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <RecordContactButton person={{ id: p.id, name: p.name, pendencyCase: caseOfRecord(view.pendencies) }} />
          {!formOpen ? (
            <Button variant="contained" startIcon={<EditIcon />} onClick={onCorrect}>
              {TEXT.correct}
            </Button>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
}

function shownValue(p: Professional, field: FieldName): string {
  if (field === 'motherName' && p.motherNotListed) return TEXT.motherNotListed;
  return formatFieldValue(field, p[field]);
}

function RecordSummaryAlert({ view }: { view: RecordView }) {
  const rejections = openRejections(view);
  const { pendencies, conflicts } = view;
  if (rejections.length + pendencies.length + conflicts.length === 0) return null;
  // One line per problem, each a link to the field where it is explained and acted on.
  const lines = [
    ...rejections.map((c) => ({ key: c.uuid, field: fieldOfNote(c.field), text: TEXT.summaryLine.rejected(fieldLabel(c.field), c.statusMessage) })),
    ...conflicts.map((c) => ({ key: `c${c.id}`, field: fieldOfNote(c.field), text: TEXT.summaryLine.conflict(fieldLabel(c.field)) })),
    ...pendencies.map((d) => ({ key: `${d.code}-${d.field}-${d.message}`, field: d.field, text: pendencyLine(d.field, d.message) })),
  ];
  return (
    <Alert severity={rejections.length + conflicts.length > 0 ? 'error' : 'warning'} sx={{ mb: 2 }} data-testid="record-summary">
      {TEXT.summary(pendencies.length, rejections.length, conflicts.length)}
      <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
        {lines.map((line) => (
          <li key={line.key}>
            {line.field ? (
              <Link component="button" type="button" onClick={() => document.getElementById(`field-${line.field}`)?.scrollIntoView({ block: 'center' })} sx={{ textAlign: 'left', verticalAlign: 'top' }}>
                {line.text}
              </Link>
            ) : (
              line.text
            )}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

/** The record field whose row shows a correction field's notes (the mother fact shows at the mother's name). */
function fieldOfNote(correctionField: string): string {
  return correctionField === 'mother' || correctionField === 'motherNotListed' ? 'motherName' : correctionField;
}

function RecordFields({ view, onCorrectAgain }: { view: RecordView; onCorrectAgain(c: Correction): void }) {
  const professional = view.professional;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
      {GROUPS.map((group) => (
        <Card key={group} component="section" aria-label={FIELD_GROUP_LABELS[group]}>
          <CardContent>
            <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
              {FIELD_GROUP_LABELS[group]}
            </Typography>
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'minmax(150px, 40%) 1fr', columnGap: 2, rowGap: 1, m: 0 }}>
              {FIELD_NAMES.filter((f) => FIELDS[f].group === group && f !== 'motherNotListed').map((field) => {
                const value = shownValue(professional, field);
                const notes = notesOfField(view, field);
                return (
                  <Box key={field} sx={{ display: 'contents' }}>
                    <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
                      {FIELDS[field].label}
                    </Typography>
                    <Box component="dd" id={`field-${field}`} sx={{ m: 0, wordBreak: 'break-word', scrollMarginTop: 80 }}>
                      <Typography
                        sx={{ color: value === '—' ? 'text.disabled' : undefined, fontStyle: field === 'motherName' && professional.motherNotListed ? 'italic' : undefined }}
                      >
                        {value}
                      </Typography>
                      {notes.pendencies.map((d) => (
                        <PendencyNote key={`${d.code}-${d.message}`} pendency={d} />
                      ))}
                      {notes.rejections.map((c) => (
                        <RejectionNote key={c.uuid} correction={c} professional={professional} onCorrectAgain={onCorrectAgain} />
                      ))}
                      {notes.conflicts.map((c) => (
                        <ConflictNote key={c.id} conflict={c} />
                      ))}
                    </Box>
                  </Box>
                );
              })}
            </Box>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}

function CorrectionsTable({ corrections }: { corrections: Correction[] }) {
  if (corrections.length === 0) {
    return (
      <Paper variant="outlined">
        <EmptyState title={TEXT.corrections.empty}>{TEXT.corrections.emptyHelp}</EmptyState>
      </Paper>
    );
  }
  const c = TEXT.corrections;
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table aria-label={c.tableLabel}>
        {/* Why, the document and who saved it share one column: the table fits a 1024 px screen with its actions. */}
        <TableHeadRow columns={[c.date, c.field, c.change, c.status, c.reasonAndEvidence, { label: c.actions, hidden: true }]} />
        <TableBody>
          {corrections.map((row) => (
            <TableRow key={row.uuid}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <DateTimeText iso={row.createdAt} />
              </TableCell>
              <TableCell>{fieldLabel(row.field)}</TableCell>
              <TableCell sx={{ minWidth: 160, maxWidth: 280 }}>
                <ChangeText field={row.field} oldValue={row.oldValue} newValue={row.newValue} stacked />
              </TableCell>
              <TableCell>
                <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                  <StatusTip correction={row} />
                  {row.dipConsequence !== 'none' ? (
                    <Typography variant="caption" sx={{ color: 'warning.dark' }}>
                      {`${c.dip}: ${DIP_CONSEQUENCE_LABELS[row.dipConsequence]}`}
                    </Typography>
                  ) : null}
                </Stack>
              </TableCell>
              <TableCell sx={{ minWidth: 180 }}>
                <Typography variant="body2">{row.reason}</Typography>
                <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
                  {c.evidenceLine(
                    row.evidenceKind ?? '',
                    row.evidenceArrival ? EVIDENCE_ARRIVAL_LABELS[row.evidenceArrival] : '',
                    formatDateBr(row.evidenceDate),
                  )}
                </Typography>
                <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
                  {c.savedBy(row.operator)}
                </Typography>
              </TableCell>
              <TableCell>
                <RecordCorrectionActions correction={row} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function StatusTip({ correction }: { correction: Correction }) {
  const chip = <StatusChip status={correction.status} />;
  return correction.statusMessage ? (
    <Tooltip title={correction.statusMessage}>
      <span tabIndex={0}>{chip}</span>
    </Tooltip>
  ) : (
    chip
  );
}

function HistoryTable({ view }: { view: RecordView }) {
  return <RecordHistory view={view} />;
}
