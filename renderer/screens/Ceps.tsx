// The council's CEP directory (seed case E): CEPs the Correios base lacks or has wrong.
import AddIcon from '@mui/icons-material/Add';
import MarkunreadMailboxIcon from '@mui/icons-material/MarkunreadMailbox';
import SearchIcon from '@mui/icons-material/Search';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { CepEntry } from '../../shared/contract';
import { formatCep } from '../../shared/rules/cep';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';
import { PagedTable, pagedListProps, type Column } from '../components/PagedTable';
import { StatusChip } from '../components/StatusChip';
import { useLoad } from '../lib/load';
import { useCeps } from '../stores/ceps';
import { CepDialog } from './CepDialog';
import { CEPS_TEXT as TEXT } from './ceps.text';

/** null = closed; 'new' = adding; an entry = fixing it. */
type Editing = null | 'new' | CepEntry;

export function CepsScreen() {
  const ceps = useCeps();
  const { text, setText, load } = ceps;
  const [editing, setEditing] = useState<Editing>(null);

  useLoad(load);


  return (
    <Page
      text={TEXT}
      actions={
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
          {TEXT.add}
        </Button>
      }
    >
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
      <PagedTable
        {...pagedListProps(ceps)}
        label={TEXT.tableLabel}
        columns={COLUMNS}
        rowKey={(entry) => entry.cep}
        open={{ label: (entry) => TEXT.editRow(formatCep(entry.cep)), onOpen: (entry) => setEditing(entry) }}
        loadingLabel={TEXT.loading}
        empty={
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
        }
      />
      {editing !== null ? <CepDialog entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Page>
  );
}

const c = TEXT.columns;

const COLUMNS: Column<CepEntry>[] = [
  { header: c.cep, numeric: true, sx: { whiteSpace: 'nowrap', fontWeight: 500 }, cell: (entry) => formatCep(entry.cep) },
  { header: c.street, cell: (entry) => entry.street },
  { header: c.district, cell: (entry) => entry.district },
  { header: c.place, cell: (entry) => `${entry.city}/${entry.uf}` },
  { header: c.updated, sx: { whiteSpace: 'nowrap' }, cell: (entry) => formatDateTimeBr(entry.updatedAt) },
  { header: c.operator, cell: (entry) => entry.operator },
  { header: c.status, cell: (entry) => <StatusChip status={entry.status} /> },
];
