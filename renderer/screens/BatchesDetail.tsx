// One batch: where it is in its life, what to do next, the review by kind and field, and its items
// (BatchItems.tsx).
import BlockIcon from '@mui/icons-material/Block';
import DownloadIcon from '@mui/icons-material/Download';
import LockIcon from '@mui/icons-material/Lock';
import MailOutlineIcon from '@mui/icons-material/EmailOutlined';
import SendIcon from '@mui/icons-material/Send';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { BatchGroup, BatchSummary } from '../../shared/contract';
import { formatCount } from '../../shared/display/numbers';
import { CORRECTION_STATUSES, type CorrectionStatus } from '../../shared/domain';
import { fieldLabel } from '../../shared/fields';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { BackButton } from '../components/BackButton';
import { InfoTip } from '../components/InfoTip';
import { LoadingBar } from '../components/LoadingBar';
import { NumericCell } from '../components/Numeric';
import { StatusChip } from '../components/StatusChip';
import { TableHeadRow } from '../components/TableHeadRow';
import { Term } from '../components/Term';
import { useBatches } from '../stores/batches';
import { useNotify } from '../stores/notify';
import { BATCHES_TEXT } from './batches.text';
import { AckDialog } from './BatchesAckDialog';
import { ConfirmDialog, DipEmailDialog, SentDialog } from './BatchesDialogs';
import { ExportDialog } from './BatchesExportDialog';
import { BatchItems } from './BatchItems';
import { BatchStateChip, Section } from './BatchesParts';

const TEXT = BATCHES_TEXT.detail;

type DialogName = 'seal' | 'cancel' | 'export' | 'sent' | 'ack' | 'dip' | null;

export function BatchDetailScreen({ id }: { id: number }) {
  const { detail, detailError, open, seal, cancel } = useBatches();
  const notify = useNotify((s) => s.show);
  const [dialog, setDialog] = useState<DialogName>(null);

  useEffect(() => {
    void open(id);
  }, [id, open]);

  const shown = detail && detail.batch.id === id ? detail : null;
  const batch = shown?.batch;

  return (
    <Box>
      <BackButton to={{ name: 'batches' }} label={TEXT.back} />
      {detailError ? <Alert severity="error" sx={{ mb: 2 }}>{detailError}</Alert> : null}
      {!batch || !shown ? (
        <>
          <LoadingBar loading={!detailError} label={TEXT.loading} />
          <Skeleton variant="rounded" height={140} />
        </>
      ) : (
        <>
          <Header batch={batch} onAction={setDialog} />
          <Review groups={shown.groups} />
          <BatchItems removable={batch.state === 'open'} batchNumber={batch.number} batchId={batch.id} />
          {dialog === 'seal' ? (
            <ConfirmDialog
              title={BATCHES_TEXT.confirmSeal.title(batch.number)}
              confirm={BATCHES_TEXT.confirmSeal.confirm}
              onConfirm={async () => {
                const sealed = await seal(batch.id);
                const held = sealed.heldBack?.length ?? 0;
                if (held > 0) notify(BATCHES_TEXT.confirmSeal.doneHeldBack(batch.number, held), 'warning');
                else notify(BATCHES_TEXT.confirmSeal.done(batch.number));
              }}
              onClose={() => setDialog(null)}
            >
              {BATCHES_TEXT.confirmSeal.body(batch.counts.corrections, batch.counts.cepChanges)}
            </ConfirmDialog>
          ) : null}
          {dialog === 'cancel' ? (
            <ConfirmDialog
              title={BATCHES_TEXT.confirmCancel.title(batch.number)}
              confirm={BATCHES_TEXT.confirmCancel.confirm}
              danger
              onConfirm={async () => {
                await cancel(batch.id);
                notify(BATCHES_TEXT.confirmCancel.done(batch.number), 'info');
              }}
              onClose={() => setDialog(null)}
            >
              {BATCHES_TEXT.confirmCancel.body(batch.counts.corrections, batch.counts.cepChanges)}
            </ConfirmDialog>
          ) : null}
          {dialog === 'export' ? <ExportDialog batch={batch} onClose={() => setDialog(null)} /> : null}
          {dialog === 'sent' ? <SentDialog batch={batch} onClose={() => setDialog(null)} /> : null}
          {dialog === 'ack' ? <AckDialog onClose={() => setDialog(null)} /> : null}
          {dialog === 'dip' ? <DipEmailDialog batch={batch} onClose={() => setDialog(null)} /> : null}
        </>
      )}
    </Box>
  );
}

function hint(batch: BatchSummary): { severity: 'info' | 'warning' | 'error' | 'success'; text: string } {
  const said = heldBackHint(batch, stateHint(batch));
  if (!batch.undoneBefore) return said;
  return { severity: 'warning', text: TEXT.undoneBeforeHint(batch.undoneBefore, formatDateTimeBr, said.text) };
}

/** An open lote some records' corrections stay out of: each with why, before the state's own hint. */
function heldBackHint(batch: BatchSummary, said: { severity: 'info' | 'warning' | 'error' | 'success'; text: string }) {
  if (!batch.heldBack) return said;
  return { severity: 'warning' as const, text: TEXT.heldBackHint(batch.heldBack, said.text) };
}

function stateHint(batch: BatchSummary): { severity: 'info' | 'warning' | 'error' | 'success'; text: string } {
  const due = formatDateTimeBr(batch.dueAt);
  switch (batch.state) {
    case 'open':
      return { severity: 'info', text: TEXT.openHint };
    case 'sealed':
      return { severity: 'info', text: TEXT.sealedHint };
    case 'exported':
      return { severity: 'info', text: TEXT.exportedHint };
    case 'sent':
      if (batch.overdue) return { severity: 'error', text: TEXT.overdueHint(due) };
      if (batch.acknowledgedAt) return { severity: 'warning', text: TEXT.partlyHint(batch.counts.unanswered) };
      return { severity: 'info', text: TEXT.sentHint(due) };
    case 'acknowledged':
      return { severity: 'success', text: TEXT.acknowledgedHint };
    case 'cancelled':
      return { severity: 'info', text: TEXT.cancelledHint };
  }
}

function Header({ batch, onAction }: { batch: BatchSummary; onAction(name: DialogName): void }) {
  const dates: [string, string | null][] = [
    [TEXT.dates.created, batch.createdAt],
    [TEXT.dates.sealed, batch.sealedAt],
    [TEXT.dates.exported, batch.exportedAt],
    [TEXT.dates.sent, batch.sentAt],
    [TEXT.dates.due, batch.state === 'sent' ? batch.dueAt : null],
    [TEXT.dates.acknowledged, batch.acknowledgedAt],
    [TEXT.dates.cancelled, batch.cancelledAt],
  ];
  const { severity, text } = hint(batch);
  const exportable = ['sealed', 'exported', 'sent', 'acknowledged'].includes(batch.state);
  const answered = batch.state === 'sent' || batch.state === 'acknowledged';
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap', mb: 2 }}>
          <Box sx={{ flex: 1, minWidth: 280 }}>
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 0.5 }}>
              <Typography variant="h5" component="h1">
                {TEXT.title(batch.number)}
              </Typography>
              <BatchStateChip batch={batch} />
            </Stack>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {BATCHES_TEXT.items(batch.counts.corrections, batch.counts.cepChanges)} · {TEXT.file(batch.fileName)} · {TEXT.operator(batch.operator)}
            </Typography>
          </Box>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', justifyContent: 'flex-end' }}>
            {batch.state === 'open' ? (
              <>
                <Button color="error" startIcon={<BlockIcon />} onClick={() => onAction('cancel')}>
                  {TEXT.cancel}
                </Button>
                <Button variant="contained" startIcon={<LockIcon />} onClick={() => onAction('seal')}>
                  {TEXT.seal}
                </Button>
              </>
            ) : null}
            {batch.counts.dipRequests > 0 && batch.state !== 'cancelled' ? (
              <Button startIcon={<MailOutlineIcon />} onClick={() => onAction('dip')}>
                {TEXT.dipEmail}
              </Button>
            ) : null}
            {exportable ? (
              <Button variant={batch.state === 'sealed' ? 'contained' : 'outlined'} startIcon={<DownloadIcon />} onClick={() => onAction('export')}>
                {TEXT.export}
              </Button>
            ) : null}
            {batch.state === 'exported' ? (
              <Button variant="contained" startIcon={<SendIcon />} onClick={() => onAction('sent')}>
                {TEXT.markSent}
              </Button>
            ) : null}
            {answered ? (
              <Button variant={batch.state === 'sent' ? 'contained' : 'outlined'} startIcon={<UploadFileIcon />} onClick={() => onAction('ack')}>
                {TEXT.importAck}
              </Button>
            ) : null}
          </Stack>
        </Box>
        <Alert severity={severity} sx={{ mb: batch.counts.unresolvedRejections > 0 ? 1 : 2 }}>
          {text}
        </Alert>
        {batch.counts.unresolvedRejections > 0 ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            {TEXT.rejectedHint(batch.counts.unresolvedRejections)}
          </Alert>
        ) : null}
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 1.5, m: 0 }}>
          {dates
            .filter(([, at]) => at !== null)
            .map(([label, at]) => (
              <Box key={label}>
                <Term label={label} numeric>
                  {formatDateTimeBr(at)}
                </Term>
              </Box>
            ))}
        </Box>
        {batch.packageSha256 || batch.encryptedSha256 ? (
          <Box sx={{ mt: 1.5 }}>
            {batch.packageSha256 ? <Sha label={TEXT.sha} value={batch.packageSha256} /> : null}
            {batch.encryptedSha256 ? <Sha label={TEXT.shaEncrypted} value={batch.encryptedSha256} /> : null}
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
}

function Sha({ label, value }: { label: string; value: string }) {
  return (
    <Typography variant="body2" sx={{ color: 'text.secondary', wordBreak: 'break-all' }}>
      {label} <InfoTip text={TEXT.shaHelp} />
      {': '}
      <Box component="code" sx={{ fontFamily: 'monospace', color: 'text.primary' }}>
        {value}
      </Box>
    </Typography>
  );
}

function StatusCounts({ statuses }: { statuses: Record<CorrectionStatus, number> }) {
  return (
    <Stack direction="row" spacing={0.75} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {CORRECTION_STATUSES.filter((s) => (statuses[s] ?? 0) > 0).map((s) => (
        <StatusChip key={s} status={s} count={statuses[s]} />
      ))}
    </Stack>
  );
}

function Review({ groups }: { groups: BatchGroup[] }) {
  const c = TEXT.groupColumns;
  return (
    <Section title={TEXT.reviewTitle}>
      <TableContainer component={Paper} variant="outlined">
        <Table aria-label={TEXT.reviewLabel}>
          <TableHeadRow columns={[c.kind, c.field, { label: c.count, align: 'right' }, c.statuses]} />
          <TableBody>
            {groups.map((g) => (
              <TableRow key={`${g.kind}-${g.field ?? ''}`}>
                <TableCell>{TEXT.kinds[g.kind]}</TableCell>
                <TableCell>{g.field ? fieldLabel(g.field) : '—'}</TableCell>
                <NumericCell align="right" sx={{ fontWeight: 600 }}>
                  {formatCount(g.count)}
                </NumericCell>
                <TableCell>
                  <StatusCounts statuses={g.statuses} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Section>
  );
}
