// A batch's items, filtered by status and paged: who, which field, the change, its status and
// Implanta's message; while the batch is open, each item can be taken out (it waits for the next).
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { BatchItem } from '../../shared/contract';
import { CORRECTION_STATUS_LABELS } from '../../shared/display/labels';
import { CORRECTION_STATUSES } from '../../shared/domain';
import { fieldLabel } from '../../shared/fields';
import { formatCep } from '../../shared/rules/cep';
import { ChangeText } from '../components/ChangeText';
import { EmptyState } from '../components/EmptyState';
import { NumericText } from '../components/Numeric';
import { PagedTable, type Column } from '../components/PagedTable';
import { StatusChip } from '../components/StatusChip';
import { STATUS_COLORS } from '../lib/statusColors';
import { useBatches } from '../stores/batches';
import { useNavigation } from '../stores/navigation';
import { useNotify } from '../stores/notify';
import { BATCHES_TEXT } from './batches.text';
import { CepRejectionCell } from './BatchCepRejection';
import { ConfirmDialog } from './BatchesDialogs';
import { Section } from './BatchesParts';

const TEXT = BATCHES_TEXT.detail;

export function BatchItems({ removable, batchId, batchNumber }: { removable: boolean; batchId: number; batchNumber: string }) {
  const { items, itemFilters, itemPage, itemPageSize, itemsLoading, setItemFilters, setItemPage, setItemPageSize, removeItem } = useBatches();
  const openRecord = useNavigation((s) => s.openRecord);
  // Rejections still to deal with: none left, nothing to dismiss.
  const unresolved = useBatches((s) => s.detail?.batch.counts.unresolvedRejections ?? 0);
  const notify = useNotify((s) => s.show);
  const [removing, setRemoving] = useState<BatchItem | null>(null);
  const c = TEXT.itemColumns;
  return (
    <Section title={TEXT.itemsTitle}>
      <Stack direction="row" spacing={1} useFlexGap role="group" aria-label={c.status} sx={{ flexWrap: 'wrap', mb: 1.5 }}>
        <Chip
          label={TEXT.allStatuses}
          clickable
          color={itemFilters.status === null ? 'primary' : 'default'}
          variant={itemFilters.status === null ? 'filled' : 'outlined'}
          aria-pressed={itemFilters.status === null}
          onClick={() => setItemFilters({ status: null })}
        />
        {CORRECTION_STATUSES.filter((s) => s !== 'pending').map((s) => (
          <Chip
            key={s}
            label={CORRECTION_STATUS_LABELS[s]}
            clickable
            color={itemFilters.status === s ? STATUS_COLORS[s] : 'default'}
            variant={itemFilters.status === s ? 'filled' : 'outlined'}
            aria-pressed={itemFilters.status === s}
            onClick={() => setItemFilters({ status: s })}
          />
        ))}
      </Stack>
      <PagedTable
        label={TEXT.itemsLabel}
        columns={itemColumns(openRecord, removable ? setRemoving : null, unresolved > 0 ? batchId : null)}
        rows={items ? items.items : null}
        rowKey={(item) => item.uuid}
        hover={false}
        rowSx={(item) => (item.status === 'rejected' ? { bgcolor: 'rgba(211,47,47,0.06)' } : undefined)}
        loading={itemsLoading}
        loadingLabel={TEXT.loadingItems}
        empty={<EmptyState title={TEXT.noItems} />}
        paging={items ? { total: items.total, page: itemPage, pageSize: itemPageSize, onPage: setItemPage, onPageSize: setItemPageSize } : null}
      />
      {removing ? (
        <ConfirmDialog
          title={BATCHES_TEXT.confirmRemove.title(batchNumber)}
          confirm={BATCHES_TEXT.confirmRemove.confirm}
          onConfirm={async () => {
            await removeItem(batchId, removing.uuid);
            notify(BATCHES_TEXT.confirmRemove.done(batchNumber), 'info');
          }}
          onClose={() => setRemoving(null)}
        >
          {removing.kind === 'cep'
            ? BATCHES_TEXT.confirmRemove.cep(formatCep(removing.cep ?? ''))
            : BATCHES_TEXT.confirmRemove.correction(fieldLabel(removing.field), removing.professionalName ?? '', removing.registrationNumber ?? '')}
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}

/** What an item is, for the label of its button. */
function itemWords(item: BatchItem): string {
  return item.kind === 'cep' ? TEXT.cepChange(formatCep(item.cep ?? '')) : `${fieldLabel(item.field)} — ${item.professionalName ?? ''}`;
}

function cepAddress(text: string | null): string | null {
  if (!text) return null;
  try {
    const a = JSON.parse(text) as { street?: string; district?: string; city?: string; uf?: string };
    return [a.street, a.district, a.city && a.uf ? `${a.city}/${a.uf}` : a.city].filter(Boolean).join(', ');
  } catch {
    return text;
  }
}

/**
 * `onRemove` null: the batch is closed, and the last column shows Implanta's message instead;
 * `dismissIn`: the batch whose rejected CEP changes may be dismissed there (null when none is left to deal with).
 */
function itemColumns(onOpen: (id: number) => void, onRemove: ((item: BatchItem) => void) | null, dismissIn: number | null): Column<BatchItem>[] {
  const c = TEXT.itemColumns;
  const last: Column<BatchItem> = onRemove
    ? {
        header: c.actions,
        cell: (item) => (
          <Button size="small" color="inherit" startIcon={<RemoveCircleOutlineIcon />} onClick={() => onRemove(item)} aria-label={TEXT.removeLabel(itemWords(item))} sx={{ whiteSpace: 'nowrap' }}>
            {TEXT.remove}
          </Button>
        ),
      }
    : {
        header: c.message,
        sxFor: (item) => ({ maxWidth: 280, color: item.status === 'rejected' ? 'error.dark' : 'text.secondary' }),
        // A rejected CEP change has no record screen: it is dismissed here.
        cell: (item) => (item.kind === 'cep' && item.status === 'rejected' && item.rejectionResolvedAt === null && dismissIn !== null ? <CepRejectionCell item={item} batchId={dismissIn} /> : (item.statusMessage ?? '—')),
      };
  return [
    {
      header: c.who,
      cell: (item) =>
        item.kind === 'cep' ? (
          <NumericText sx={{ fontWeight: 500 }}>{TEXT.cepChange(formatCep(item.cep ?? ''))}</NumericText>
        ) : (
          <>
            <Link component="button" type="button" onClick={() => onOpen(item.professionalId as number)} sx={{ textAlign: 'left', fontWeight: 500 }}>
              {item.professionalName}
            </Link>
            <NumericText variant="body2" sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
              {item.cpfMasked}
            </NumericText>
          </>
        ),
    },
    { header: c.field, cell: (item) => (item.kind === 'cep' ? TEXT.kinds.cep : fieldLabel(item.field)) },
    {
      header: c.change,
      sx: { minWidth: 220, maxWidth: 340 },
      cell: (item) =>
        item.kind === 'cep' ? (
          <ChangeText field="street" oldValue={cepAddress(item.oldValue)} newValue={cepAddress(item.newValue)} stacked />
        ) : (
          <ChangeText field={item.field} oldValue={item.oldValue} newValue={item.newValue} stacked />
        ),
    },
    { header: c.status, cell: (item) => <StatusChip status={item.status} /> },
    // An open batch has no answers yet: its last column is the action.
    last,
  ];
}
