// Find first: one field, results as the clerk types, the record one Enter away.
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import SearchIcon from '@mui/icons-material/Search';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { ProfessionalSummary } from '../../shared/contract';
import { formatCount } from '../../shared/display/numbers';
import { focusFirstRow } from '../components/ClickableRow';
import { DipChip } from '../components/DipChip';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';
import { PagedTable, pagedListProps, type Column } from '../components/PagedTable';
import { useNavigation } from '../stores/navigation';
import { useRegistry } from '../stores/registry';
import { REGISTRY_TEXT as TEXT } from './registry.text';
import { RegistryExportButton } from './RegistryExportDialog';

export function RegistryScreen() {
  const registry = useRegistry();
  const { text, resultText, withPendencies, setText, setWithPendencies, flush } = registry;
  const openRecord = useNavigation((s) => s.openRecord);
  const focusRequest = useNavigation((s) => s.searchFocusRequest);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // On arrival only: later searches are driven by typing.
    if (!useRegistry.getState().result) void flush();
  }, [flush]);

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    // Selected: what the clerk types next replaces the last search instead of adding to it.
    input.focus();
    input.select();
  }, [focusRequest]);

  async function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' && focusFirstRow(RESULTS_ID)) event.preventDefault();
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const answer = await flush();
    const first = answer?.items[0];
    if (first) openRecord(first.id);
  }


  return (
    <Page text={TEXT} actions={<RegistryExportButton />}>
      <TextField
        inputRef={inputRef}
        fullWidth
        size="medium"
        label={TEXT.search}
        placeholder={TEXT.searchPlaceholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => void onKeyDown(e)}
        sx={{ bgcolor: 'background.paper' }}
        slotProps={{
          input: { startAdornment: <InputAdornment position="start"><SearchIcon aria-hidden /></InputAdornment> },
          htmlInput: { autoComplete: 'off', spellCheck: false, 'aria-controls': RESULTS_ID },
        }}
      />
      <FormControlLabel
        sx={{ mt: 1 }}
        control={<Switch checked={withPendencies} onChange={(e) => setWithPendencies(e.target.checked)} />}
        label={TEXT.withPendencies}
      />
      <Box sx={{ mt: 1 }}>
        <PagedTable
          {...pagedListProps(registry)}
          id={RESULTS_ID}
          label={TEXT.tableLabel}
          columns={COLUMNS}
          rowKey={(item) => item.id}
          open={{ label: (item) => TEXT.openRow(item.name), onOpen: (item) => openRecord(item.id) }}
          loadingLabel={TEXT.searching}
          empty={
            withPendencies ? (
              <EmptyState icon={<PersonSearchIcon />} title={TEXT.noPendencies}>
                {TEXT.noPendenciesHelp}
              </EmptyState>
            ) : resultText ? (
              <EmptyState icon={<PersonSearchIcon />} title={TEXT.notFound(resultText)}>
                {TEXT.notFoundHelp}
              </EmptyState>
            ) : (
              <EmptyState
                icon={<PersonSearchIcon />}
                title={TEXT.emptyRegistry}
                action={
                  <Button variant="contained" onClick={() => useNavigation.getState().go({ name: 'import' })}>
                    {TEXT.importRegistry}
                  </Button>
                }
              >
                {TEXT.emptyRegistryHelp}
              </EmptyState>
            )
          }
        />
      </Box>
    </Page>
  );
}

const RESULTS_ID = 'registry-results';
const c = TEXT.columns;

const COLUMNS: Column<ProfessionalSummary>[] = [
  { header: c.registration, numeric: true, cell: (item) => item.registrationNumber },
  {
    header: c.name,
    sx: { fontWeight: 500 },
    cell: (item) => (
      <>
        {item.name}
        {item.pendencies > 0 ? <Chip size="small" color="warning" label={TEXT.pendencies(item.pendencies)} sx={{ ml: 1 }} /> : null}
      </>
    ),
  },
  { header: c.cpf, numeric: true, sx: { whiteSpace: 'nowrap' }, cell: (item) => item.cpfMasked },
  { header: c.place, cell: (item) => [item.city, item.uf].filter(Boolean).join('/') || '—' },
  { header: c.dip, cell: (item) => <DipChip status={item.dipStatus} /> },
  {
    header: c.open,
    align: 'right',
    cell: (item) => (item.openCorrections > 0 ? <Chip size="small" color="warning" variant="outlined" label={formatCount(item.openCorrections)} /> : '—'),
  },
];
