// The council's CEP directory (seed case E): CEPs the Correios base lacks or has wrong.
import AddIcon from '@mui/icons-material/Add';
import MarkunreadMailboxIcon from '@mui/icons-material/MarkunreadMailbox';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import type { CepEntry } from '../../shared/contract';
import { formatCep } from '../../shared/rules/cep';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { EmptyState } from '../components/EmptyState';
import { LoadingBar } from '../components/LoadingBar';
import { ClickableRow } from '../components/ClickableRow';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { StatusChip } from '../components/StatusChip';
import { useCeps } from '../stores/ceps';
import { CepDialog } from './CepDialog';
import { CEPS_TEXT as TEXT } from './ceps.text';

/** null = closed; 'new' = adding; an entry = fixing it. */
type Editing = null | 'new' | CepEntry;

export function CepsScreen() {
  const { text, page, pageSize, result, loading, error, setText, setPage, setPageSize, load } = useCeps();
  const [editing, setEditing] = useState<Editing>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const items = result?.items ?? [];

  return (
    <Box>
      <PageHeader
        title={TEXT.title}
        subtitle={TEXT.subtitle}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {TEXT.add}
          </Button>
        }
      />
      <TextField
        fullWidth
        label={TEXT.search}
        placeholder={TEXT.searchPlaceholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        sx={{ bgcolor: 'background.paper', maxWidth: 560, mb: 2 }}
        slotProps={{
          input: { startAdornment: <InputAdornment position="start"><SearchIcon aria-hidden /></InputAdornment> },
          htmlInput: { autoComplete: 'off' },
        }}
      />
      <LoadingBar loading={loading} label={TEXT.loading} />
      {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
      <Paper variant="outlined">
        {result && items.length === 0 ? (
          text.trim() ? (
            <EmptyState icon={<MarkunreadMailboxIcon />} title={TEXT.noMatch(text.trim())} action={<Button onClick={() => setEditing('new')}>{TEXT.add}</Button>} />
          ) : (
            <EmptyState
              icon={<MarkunreadMailboxIcon />}
              title={TEXT.empty}
              action={
                <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
                  {TEXT.add}
                </Button>
              }
            />
          )
        ) : (
          <CepTable items={items} onEdit={setEditing} />
        )}
        {result && result.total > 0 ? (
          <Pager total={result.total} page={page} pageSize={pageSize} onPage={setPage} onPageSize={setPageSize} />
        ) : null}
      </Paper>
      {editing !== null ? <CepDialog entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Box>
  );
}

function CepTable({ items, onEdit }: { items: CepEntry[]; onEdit(entry: CepEntry): void }) {
  const c = TEXT.columns;
  return (
    <TableContainer>
      <Table aria-label={TEXT.tableLabel}>
        <TableHead>
          <TableRow>
            <TableCell>{c.cep}</TableCell>
            <TableCell>{c.street}</TableCell>
            <TableCell>{c.district}</TableCell>
            <TableCell>{c.place}</TableCell>
            <TableCell>{c.updated}</TableCell>
            <TableCell>{c.operator}</TableCell>
            <TableCell>{c.status}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((entry) => (
            <ClickableRow key={entry.cep} label={TEXT.editRow(formatCep(entry.cep))} onActivate={() => onEdit(entry)}>
              <TableCell sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', fontWeight: 500 }}>{formatCep(entry.cep)}</TableCell>
              <TableCell>{entry.street}</TableCell>
              <TableCell>{entry.district}</TableCell>
              <TableCell>{`${entry.city}/${entry.uf}`}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTimeBr(entry.updatedAt)}</TableCell>
              <TableCell>{entry.operator}</TableCell>
              <TableCell>
                <StatusChip status={entry.status} />
              </TableCell>
            </ClickableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
