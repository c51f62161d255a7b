// Find first: one field, results as the clerk types, the record one Enter away.
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { ProfessionalSummary } from '../../shared/contract';
import { formatCount } from '../../shared/display/numbers';
import { DipChip } from '../components/DipChip';
import { EmptyState } from '../components/EmptyState';
import { LoadingBar } from '../components/LoadingBar';
import { ClickableRow } from '../components/ClickableRow';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { useNavigation } from '../stores/navigation';
import { useRegistry } from '../stores/registry';
import { REGISTRY_TEXT as TEXT } from './registry.text';
import { RegistryExportButton } from './RegistryExportDialog';

export function RegistryScreen() {
  const { text, page, pageSize, result, resultText, loading, error, withPendencies, setText, setPage, setPageSize, setWithPendencies, flush } = useRegistry();
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
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, [focusRequest]);

  async function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const answer = await flush();
    const first = answer?.items[0];
    if (first) openRecord(first.id);
  }

  const items = result?.items ?? [];

  return (
    <Box>
      <PageHeader title={TEXT.title} subtitle={TEXT.subtitle} actions={<RegistryExportButton />} />
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
          htmlInput: { autoComplete: 'off', spellCheck: false, 'aria-controls': 'registry-results' },
        }}
      />
      <FormControlLabel
        sx={{ mt: 1 }}
        control={<Switch checked={withPendencies} onChange={(e) => setWithPendencies(e.target.checked)} />}
        label={TEXT.withPendencies}
      />
      <Box sx={{ mt: 1 }}>
        <LoadingBar loading={loading} label={TEXT.searching} />
        {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
        <Paper variant="outlined" id="registry-results">
          {result && items.length === 0 ? (
            withPendencies ? (
              <EmptyState icon={<PersonSearchIcon />} title={TEXT.noPendencies}>
                {TEXT.noPendenciesHelp}
              </EmptyState>
            ) : resultText ? (
              <EmptyState icon={<PersonSearchIcon />} title={TEXT.notFound(resultText)}>
                {TEXT.notFoundHelp}
              </EmptyState>
            ) : (
              <EmptyState icon={<PersonSearchIcon />} title={TEXT.emptyRegistry}>
                {TEXT.emptyRegistryHelp}
              </EmptyState>
            )
          ) : (
            <ResultsTable items={items} onOpen={openRecord} />
          )}
          {result && result.total > 0 ? (
            <Pager total={result.total} page={page} pageSize={pageSize} onPage={setPage} onPageSize={setPageSize} />
          ) : null}
        </Paper>
      </Box>
    </Box>
  );
}

function ResultsTable({ items, onOpen }: { items: ProfessionalSummary[]; onOpen(id: number): void }) {
  return (
    <TableContainer>
      <Table aria-label={TEXT.tableLabel}>
        <TableHead>
          <TableRow>
            <TableCell>{TEXT.columns.registration}</TableCell>
            <TableCell>{TEXT.columns.name}</TableCell>
            <TableCell>{TEXT.columns.cpf}</TableCell>
            <TableCell>{TEXT.columns.place}</TableCell>
            <TableCell>{TEXT.columns.dip}</TableCell>
            <TableCell align="right">{TEXT.columns.open}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <ClickableRow key={item.id} label={TEXT.openRow(item.name)} onActivate={() => onOpen(item.id)}>
              <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{item.registrationNumber}</TableCell>
              <TableCell sx={{ fontWeight: 500 }}>
                {item.name}
                {item.pendencies > 0 ? <Chip size="small" color="warning" label={TEXT.pendencies(item.pendencies)} sx={{ ml: 1 }} /> : null}
              </TableCell>
              <TableCell sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{item.cpfMasked}</TableCell>
              <TableCell>{[item.city, item.uf].filter(Boolean).join('/') || '—'}</TableCell>
              <TableCell>
                <DipChip status={item.dipStatus} />
              </TableCell>
              <TableCell align="right">
                {item.openCorrections > 0 ? (
                  <Chip size="small" color="warning" variant="outlined" label={formatCount(item.openCorrections)} />
                ) : (
                  '—'
                )}
              </TableCell>
            </ClickableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
