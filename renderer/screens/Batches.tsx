// Lotes: what waits for the next batch, the way to generate it, and every batch with its state.
import AddIcon from '@mui/icons-material/Add';
import Inventory2Icon from '@mui/icons-material/Inventory2';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { BatchSummary, PendingForBatch } from '../../shared/contract';
import { formatCount } from '../../shared/display/numbers';
import { fieldLabel } from '../../shared/fields';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { errorMessage } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { LoadingBar } from '../components/LoadingBar';
import { ClickableRow } from '../components/ClickableRow';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { useBatches } from '../stores/batches';
import { useNavigation } from '../stores/navigation';
import { useNotify } from '../stores/notify';
import { BATCHES_TEXT as TEXT } from './batches.text';
import { AckDialog } from './BatchesDialogs';
import { BatchStateChip } from './BatchesParts';

export function BatchesScreen() {
  const { pending, list, page, pageSize, loading, error, loadOverview, setPage, setPageSize, create } = useBatches();
  const go = useNavigation((s) => s.go);
  const notify = useNotify((s) => s.show);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [acknowledging, setAcknowledging] = useState(false);

  useEffect(() => {
    void loadOverview();
  }, [loadOverview]);

  async function generate() {
    setCreating(true);
    setCreateError(null);
    try {
      const batch = await create();
      notify(TEXT.created(batch.number));
      go({ name: 'batch', id: batch.id });
    } catch (failure) {
      setCreateError(errorMessage(failure));
    } finally {
      setCreating(false);
    }
  }

  const items = list?.items ?? [];
  return (
    <Box>
      <PageHeader
        title={TEXT.title}
        subtitle={TEXT.subtitle}
        actions={
          <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setAcknowledging(true)}>
            {TEXT.importAck}
          </Button>
        }
      />
      <PendingCard pending={pending} creating={creating} error={createError} onCreate={() => void generate()} onOpen={(id) => go({ name: 'batch', id })} />
      <LoadingBar loading={loading} label={TEXT.loading} />
      {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
      <Paper variant="outlined">
        {list && items.length === 0 ? (
          <EmptyState icon={<Inventory2Icon />} title={TEXT.empty} />
        ) : (
          <BatchTable items={items} onOpen={(id) => go({ name: 'batch', id })} />
        )}
        {list && list.total > 0 ? <Pager total={list.total} page={page} pageSize={pageSize} onPage={setPage} onPageSize={setPageSize} /> : null}
      </Paper>
      {acknowledging ? <AckDialog onClose={() => setAcknowledging(false)} /> : null}
    </Box>
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

function BatchTable({ items, onOpen }: { items: BatchSummary[]; onOpen(id: number): void }) {
  const c = TEXT.columns;
  return (
    <TableContainer>
      <Table aria-label={TEXT.tableLabel}>
        <TableHead>
          <TableRow>
            <TableCell>{c.number}</TableCell>
            <TableCell>{c.state}</TableCell>
            <TableCell>{c.items}</TableCell>
            <TableCell>{c.created}</TableCell>
            <TableCell>{c.sent}</TableCell>
            <TableCell>{c.answer}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((b) => (
            <ClickableRow key={b.id} label={TEXT.openRow(b.number)} onActivate={() => onOpen(b.id)} sx={b.overdue ? { bgcolor: 'rgba(211,47,47,0.06)' } : undefined}>
              <TableCell sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{b.number}</TableCell>
              <TableCell>
                <BatchStateChip batch={b} />
              </TableCell>
              <TableCell>{TEXT.items(b.counts.corrections, b.counts.cepChanges)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTimeBr(b.createdAt)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {b.sentAt ? formatDateTimeBr(b.sentAt) : '—'}
                {b.overdue && b.dueAt ? (
                  <Typography variant="body2" component="span" sx={{ display: 'block', color: 'error.main' }}>
                    {TEXT.overdueSince(formatDateTimeBr(b.dueAt))}
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell sx={{ color: b.counts.unresolvedRejections > 0 ? 'error.main' : undefined }}>
                {b.sentAt ? TEXT.answer(b.counts.statuses.synced, b.counts.unresolvedRejections, b.counts.unanswered) : '—'}
              </TableCell>
            </ClickableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
