// Lotes: what waits for the next batch, the way to generate it, and every batch with its state.
import AddIcon from '@mui/icons-material/Add';
import Inventory2Icon from '@mui/icons-material/Inventory2';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import VerifiedIcon from '@mui/icons-material/Verified';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { BatchSummary, PendingForBatch } from '../../shared/contract';
import { formatCount } from '../../shared/display/numbers';
import { fieldLabel } from '../../shared/fields';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { BusyButton } from '../components/BusyButton';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';
import { PagedTable, type Column } from '../components/PagedTable';
import { useLoad } from '../lib/load';
import { useWork } from '../lib/work';
import { useBatches } from '../stores/batches';
import { useNavigation } from '../stores/navigation';
import { useNotify } from '../stores/notify';
import { BATCHES_TEXT as TEXT } from './batches.text';
import { AckDialog } from './BatchesAckDialog';
import { BatchStateChip } from './BatchesParts';
import { usePackageVerify } from './BatchVerifyDialog';

export function BatchesScreen() {
  const { pending, list, page, pageSize, loading, error, loadOverview, setPage, setPageSize, create } = useBatches();
  const go = useNavigation((s) => s.go);
  const notify = useNotify((s) => s.show);
  const creation = useWork();
  const [acknowledging, setAcknowledging] = useState(false);
  const verify = usePackageVerify();

  useLoad(loadOverview);

  async function generate() {
    await creation.run(async () => {
      const batch = await create();
      notify(TEXT.created(batch.number));
      go({ name: 'batch', id: batch.id });
    });
  }

  const items = list?.items ?? [];
  return (
    <Page
      text={TEXT}
      actions={
        <>
          <BusyButton variant="outlined" startIcon={<VerifiedIcon />} busy={verify.busy} onClick={verify.start}>
            {TEXT.verifyPackage}
          </BusyButton>
          <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setAcknowledging(true)}>
            {TEXT.importAck}
          </Button>
        </>
      }
    >
      {verify.view}
      <PendingCard pending={pending} creating={creation.running} error={creation.error} onCreate={() => void generate()} onOpen={(id) => go({ name: 'batch', id })} />
      <PagedTable
        label={TEXT.tableLabel}
        columns={COLUMNS}
        rows={list ? items : null}
        rowKey={(b) => b.id}
        open={{ label: (b) => TEXT.openRow(b.number), onOpen: (b) => go({ name: 'batch', id: b.id }) }}
        rowSx={(b) => (b.overdue ? { bgcolor: 'rgba(211,47,47,0.06)' } : undefined)}
        loading={loading}
        loadingLabel={TEXT.loading}
        error={error}
        paging={list ? { total: list.total, page, pageSize, onPage: setPage, onPageSize: setPageSize } : null}
        empty={<EmptyState icon={<Inventory2Icon />} title={TEXT.empty} />}
      />
      {acknowledging ? <AckDialog onClose={() => setAcknowledging(false)} /> : null}
    </Page>
  );
}

function PendingCard({
  pending,
  creating,
  error,
  onCreate,
  onOpen,
}: {
  pending: PendingForBatch | null;
  creating: boolean;
  error: string | null;
  onCreate(): void;
  onOpen(id: number): void;
}) {
  const total = pending ? pending.corrections + pending.cepChanges : 0;
  return (
    <Card component="section" aria-label={TEXT.pendingTitle} sx={{ mb: 2 }}>
      <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 300 }}>
          <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
            {TEXT.pendingTitle}
          </Typography>
          {pending === null ? null : total === 0 ? (
            <Typography sx={{ color: 'text.secondary' }}>{TEXT.pendingNone}</Typography>
          ) : (
            <>
              <Typography sx={{ fontWeight: 600, mb: 1 }}>{TEXT.pendingSummary(pending.corrections, pending.cepChanges)}</Typography>
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: pending.dipRequests > 0 ? 1 : 0 }}>
                {pending.byField.map((f) => (
                  <Chip key={f.field} size="small" variant="outlined" label={`${fieldLabel(f.field)}: ${formatCount(f.count)}`} />
                ))}
              </Stack>
              {pending.dipRequests > 0 ? (
                <Typography variant="body2" sx={{ color: 'warning.dark' }}>
                  {TEXT.pendingDip(pending.dipRequests)}
                </Typography>
              ) : null}
            </>
          )}
          {pending?.openBatch ? (
            <Alert
              severity="info"
              sx={{ mt: 1.5 }}
              action={
                <Button color="inherit" size="small" sx={{ whiteSpace: 'nowrap' }} onClick={() => onOpen(pending.openBatch!.id)}>
                  {TEXT.openBatch(pending.openBatch.number)}
                </Button>
              }
            >
              {TEXT.openExists(pending.openBatch.number)}
            </Alert>
          ) : null}
          {error ? <Alert severity="error" sx={{ mt: 1.5 }}>{error}</Alert> : null}
        </Box>
        <Button variant="contained" startIcon={<AddIcon />} disabled={creating || total === 0 || Boolean(pending?.openBatch)} onClick={onCreate}>
          {creating ? TEXT.creating : TEXT.create}
        </Button>
      </CardContent>
    </Card>
  );
}

const c = TEXT.columns;

const COLUMNS: Column<BatchSummary>[] = [
  { header: c.number, numeric: true, sx: { fontWeight: 600, whiteSpace: 'nowrap' }, cell: (b) => b.number },
  { header: c.state, cell: (b) => <BatchStateChip batch={b} /> },
  { header: c.items, cell: (b) => TEXT.items(b.counts.corrections, b.counts.cepChanges) },
  { header: c.created, sx: { whiteSpace: 'nowrap' }, cell: (b) => formatDateTimeBr(b.createdAt) },
  {
    header: c.sent,
    sx: { whiteSpace: 'nowrap' },
    cell: (b) => (
      <>
        {b.sentAt ? formatDateTimeBr(b.sentAt) : '—'}
        {b.overdue && b.dueAt ? (
          <Typography variant="body2" component="span" sx={{ display: 'block', color: 'error.main' }}>
            {TEXT.overdueSince(formatDateTimeBr(b.dueAt))}
          </Typography>
        ) : null}
      </>
    ),
  },
  {
    header: c.answer,
    sxFor: (b) => ({ color: b.counts.unresolvedRejections > 0 ? 'error.main' : undefined }),
    cell: (b) => (b.sentAt ? TEXT.answer(b.counts.statuses.synced, b.counts.unresolvedRejections, b.counts.unanswered) : '—'),
  },
];
