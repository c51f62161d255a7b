// The queue: every correction with its state, filtered the way the clerk works through a pile.
import FactCheckIcon from '@mui/icons-material/FactCheck';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { CorrectionListItem } from '../../shared/contract';
import { CORRECTION_SOURCE_LABELS, CORRECTION_STATUS_LABELS } from '../../shared/display/labels';
import { CORRECTION_STATUSES, type CorrectionStatus } from '../../shared/domain';
import { FIELD_NAMES, FIELDS, fieldLabel, type FieldName } from '../../shared/fields';
import { formatDateBr, parseDateBr } from '../../shared/rules/dates';
import { ChangeText } from '../components/ChangeText';
import { DateField } from '../components/DateField';
import { DateTimeText } from '../components/DateTimeText';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { NumericText } from '../components/Numeric';
import { PagedTable, pagedListProps, type Column } from '../components/PagedTable';
import { StatusChip } from '../components/StatusChip';
import { useLoad } from '../lib/load';
import { STATUS_COLORS } from '../lib/statusColors';
import { NO_FILTERS, useCorrections, type QueueFilters } from '../stores/corrections';
import { useNavigation } from '../stores/navigation';
import { CORRECTIONS_TEXT as TEXT } from './corrections.text';

const MENU_PROPS = { slotProps: { paper: { sx: { maxHeight: 360 } } } };

export function CorrectionsScreen() {
  const corrections = useCorrections();
  const { filters, operators, setFilters, clearFilters, load, loadOperators } = corrections;
  const openRecord = useNavigation((s) => s.openRecord);
  const focusSearch = useNavigation((s) => s.focusSearch);

  useLoad(load);
  useLoad(loadOperators);

  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <Box>
      <PageHeader title={TEXT.title} subtitle={TEXT.subtitle} />
      <Filters filters={filters} operators={operators} onChange={setFilters} onClear={clearFilters} filtered={filtered} />
      <PagedTable
        {...pagedListProps(corrections)}
        label={TEXT.tableLabel}
        columns={queueColumns(openRecord)}
        rowKey={(row) => row.uuid}
        loadingLabel={TEXT.loading}
        empty={
          filtered ? (
            <EmptyState icon={<FactCheckIcon />} title={TEXT.noMatch} action={<Button onClick={clearFilters}>{TEXT.clear}</Button>}>
              {TEXT.noMatchHelp}
            </EmptyState>
          ) : (
            <EmptyState
              icon={<FactCheckIcon />}
              title={TEXT.emptyQueue}
              action={
                <Button variant="contained" onClick={focusSearch}>
                  {TEXT.findProfessional}
                </Button>
              }
            />
          )
        }
      />
    </Box>
  );
}

function Filters({
  filters,
  operators,
  onChange,
  onClear,
  filtered,
}: {
  filters: QueueFilters;
  operators: string[];
  onChange(patch: Partial<QueueFilters>): void;
  onClear(): void;
  filtered: boolean;
}) {
  return (
    <Paper variant="outlined" component="section" aria-label={TEXT.filtersLabel} sx={{ p: 2, mb: 2 }}>
      <Stack direction="row" spacing={1} useFlexGap role="group" aria-label={TEXT.status} sx={{ flexWrap: 'wrap', mb: 2, alignItems: 'center' }}>
        <Typography variant="body2" sx={{ color: 'text.secondary', mr: 0.5 }}>
          {`${TEXT.status}:`}
        </Typography>
        <StatusFilterChip label={TEXT.allStatuses} selected={filters.status === null} onClick={() => onChange({ status: null, unresolved: false })} />
        {CORRECTION_STATUSES.map((status) => (
          <StatusFilterChip
            key={status}
            status={status}
            label={CORRECTION_STATUS_LABELS[status]}
            selected={filters.status === status && !filters.unresolved}
            onClick={() => onChange({ status, unresolved: false })}
          />
        ))}
        <StatusFilterChip
          status="rejected"
          label={TEXT.unresolvedRejections}
          selected={filters.unresolved}
          onClick={() => onChange({ status: 'rejected', unresolved: true })}
        />
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: '2fr 2fr 1fr 1fr auto' }, gap: 1.5, alignItems: 'start' }}>
        <TextField
          select
          label={TEXT.field}
          value={filters.field ?? ''}
          onChange={(e) => onChange({ field: e.target.value === '' ? null : (e.target.value as FieldName) })}
          slotProps={{ select: { displayEmpty: true, MenuProps: MENU_PROPS }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{TEXT.allFields}</MenuItem>
          {FIELD_NAMES.map((f) => (
            <MenuItem key={f} value={f}>
              {FIELDS[f].label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={TEXT.operator}
          value={filters.operator ?? ''}
          onChange={(e) => onChange({ operator: e.target.value === '' ? null : e.target.value })}
          slotProps={{ select: { displayEmpty: true, MenuProps: MENU_PROPS }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{TEXT.allOperators}</MenuItem>
          {operators.map((name) => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </TextField>
        <DateFilter label={TEXT.from} iso={filters.from} onChange={(from) => onChange({ from })} />
        <DateFilter label={TEXT.to} iso={filters.to} onChange={(to) => onChange({ to })} />
        <Button onClick={onClear} disabled={!filtered} sx={{ mt: 0.25 }}>
          {TEXT.clear}
        </Button>
      </Box>
    </Paper>
  );
}

function StatusFilterChip({ label, selected, onClick, status }: { label: string; selected: boolean; onClick(): void; status?: CorrectionStatus }) {
  return (
    <Chip
      label={label}
      clickable
      onClick={onClick}
      color={selected ? (status ? STATUS_COLORS[status] : 'primary') : 'default'}
      variant={selected ? 'filled' : 'outlined'}
      aria-pressed={selected}
    />
  );
}

/**
 * A date filter applies once the date is complete and valid; cleared, retyped or impossible, it stops
 * filtering: the list is never filtered by a date the field no longer shows.
 */
function DateFilter({ label, iso, onChange }: { label: string; iso: string | null; onChange(iso: string | null): void }) {
  const [text, setText] = useState(formatDateBr(iso));
  // The date rule's own words: "use dd/mm/aaaa", or that the day does not exist.
  const [invalid, setInvalid] = useState<string | null>(null);

  useEffect(() => {
    // "Limpar filtros" empties the field too.
    if (iso === null) setText((current) => (parseDateBr(current).ok ? '' : current));
  }, [iso]);

  function change(value: string) {
    setText(value);
    // Half typed: no message yet, and none left about the date it was before.
    const parsed = value.length < 10 ? null : parseDateBr(value);
    setInvalid(parsed && !parsed.ok ? parsed.message : null);
    const next = parsed?.ok ? parsed.value : null;
    if (next !== iso) onChange(next);
  }

  return (
    <DateField
      label={label}
      value={text}
      onChange={change}
      error={invalid !== null}
      helperText={invalid ?? undefined}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );
}

function queueColumns(onOpen: (id: number) => void): Column<CorrectionListItem>[] {
  const c = TEXT.columns;
  return [
    { header: c.date, sx: { whiteSpace: 'nowrap' }, cell: (row) => <DateTimeText iso={row.createdAt} /> },
    {
      header: c.professional,
      cell: (row) => (
        <>
          <Link component="button" type="button" onClick={() => onOpen(row.professionalId)} title={TEXT.openProfessional} sx={{ textAlign: 'left', fontWeight: 500 }}>
            {row.professionalName}
          </Link>
          <NumericText variant="body2" sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
            {row.cpfMasked}
          </NumericText>
        </>
      ),
    },
    { header: c.field, cell: (row) => fieldLabel(row.field) },
    {
      header: c.change,
      sx: { minWidth: 220, maxWidth: 300 },
      cell: (row) => <ChangeText field={row.field} oldValue={row.oldValue} newValue={row.newValue} stacked />,
    },
    // Who saved it goes under why: one column fewer, so the table fits a 1280 px screen.
    {
      header: c.reasonAndOperator,
      hideBelow: 'lg',
      sx: { minWidth: 140, maxWidth: 200 },
      cell: (row) => (
        <>
          <Typography variant="body2" sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }} title={row.reason}>
            {row.reason}
          </Typography>
          <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
            {row.operator}
          </Typography>
        </>
      ),
    },
    {
      header: c.statusAndSource,
      cell: (row) => (
        <>
          <StatusChip status={row.status} />
          {row.statusMessage ? <StatusMessage status={row.status} message={row.statusMessage} /> : null}
          <Typography variant="caption" component="div" sx={{ color: 'text.secondary', mt: 0.5 }}>
            {CORRECTION_SOURCE_LABELS[row.source]}
          </Typography>
        </>
      ),
    },
    { header: c.dip, sx: { maxWidth: 120 }, cell: (row) => TEXT.dip(row.status, row.dipConsequence) },
  ];
}

/**
 * Implanta's reason (or another status note) under the chip, to be read without a mouse: two lines
 * at most in the row, the whole text on hover and on keyboard focus.
 */
function StatusMessage({ status, message }: { status: CorrectionStatus; message: string }) {
  return (
    <Tooltip title={message}>
      <Typography
        variant="caption"
        component="div"
        tabIndex={0}
        data-testid="queue-status-message"
        sx={{
          mt: 0.5,
          maxWidth: 200,
          color: status === 'rejected' ? 'error.dark' : 'text.secondary',
          display: '-webkit-box',
          WebkitLineClamp: 2,
          WebkitBoxOrient: 'vertical',
          overflow: 'hidden',
          overflowWrap: 'break-word',
        }}
      >
        {message}
      </Typography>
    </Tooltip>
  );
}
