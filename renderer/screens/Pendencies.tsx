// Pendências: the records that will fail when the professional re-registers, counted by the notice's
// cases (a card per case filters the list), listed a page at a time, each row one click from the
// record; checked again on demand and exported as a spreadsheet to correct and import back.
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import RuleIcon from '@mui/icons-material/Rule';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { QualityItem } from '../../shared/contract/quality';
import { formatCount } from '../../shared/display/numbers';
import { exportPrefix } from '../../shared/regions';
import { maskCpf } from '../../shared/rules/cpf';
import { todayIso } from '../../shared/rules/dates';
import { PENDENCY_CASE_LABELS, PENDENCY_CASES, PENDENCY_CODES, type PendencyCase } from '../../shared/rules/pendencyCases';
import { call, errorMessage } from '../api/client';
import { chooseSavePath, deliver } from '../api/desktop';
import { BusyButton } from '../components/BusyButton';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';
import { PagedTable, pagedListProps, type Column } from '../components/PagedTable';
import { useLoad } from '../lib/load';
import { useWork } from '../lib/work';
import { useNavigation } from '../stores/navigation';
import { useNotify } from '../stores/notify';
import { useQuality } from '../stores/quality';
import { useSession } from '../stores/session';
import { PENDENCIES_TEXT as TEXT, PENDENCY_CODE_LABELS } from './pendencies.text';

/** The cases the desk can see in the registry (A and C are about the platform, not the data). */
const DATA_CASES = PENDENCY_CASES.filter((c) => c !== 'A' && c !== 'C');

export function PendenciesScreen() {
  const quality = useQuality();
  const { summary, kase, code, scanning, load, setCase, setCode, scan } = quality;
  const openRecord = useNavigation((s) => s.openRecord);
  const go = useNavigation((s) => s.go);
  const notify = useNotify((s) => s.show);
  const prefix = useSession((s) => exportPrefix(s.info?.settings?.region ?? 0, s.info?.settings?.demo === true));
  const { running: exporting, error: exportError, setError: setExportError, run } = useWork();

  useLoad(load);

  async function rescan() {
    const scanned = await scan();
    if (scanned !== null) notify(TEXT.scanned(scanned));
  }

  async function exportToCorrect() {
    setExportError(null);
    const name = `${prefix}-pendencias-${todayIso().replaceAll('-', '')}.xlsx`;
    const target = await chooseSavePath(TEXT.saveTitle, name, [{ name: TEXT.filterXlsx, extensions: ['xlsx'] }]).catch((failure: unknown) => {
      setExportError(errorMessage(failure));
      return null;
    });
    if (!target) return;
    await run(async () => {
      const written = await call('quality:export', { case: kase, code, path: target.handle, format: 'xlsx' });
      await deliver(target);
      notify(TEXT.exported(written.rows, target.name), 'success', { label: TEXT.toImport, onClick: () => go({ name: 'import' }) });
    });
  }

  const codes = PENDENCY_CODES.filter((c) => kase === null || c.case === kase);
  return (
    <Page
      text={TEXT}
      actions={
        <>
          <BusyButton variant="outlined" startIcon={<RuleIcon aria-hidden />} busy={scanning} onClick={() => void rescan()}>
            {scanning ? TEXT.scanning : TEXT.scan}
          </BusyButton>
          <BusyButton
            variant="contained"
            startIcon={<FileDownloadIcon aria-hidden />}
            busy={exporting}
            disabled={(summary?.records ?? 0) === 0}
            onClick={() => void exportToCorrect()}
          >
            {exporting ? TEXT.exporting : TEXT.export}
          </BusyButton>
        </>
      }
    >
      {exportError ? (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => setExportError(null)}>
          {exportError}
        </Alert>
      ) : null}
      {summary ? (
        <Typography sx={{ mb: 1.5 }} data-testid="pendencies-total">
          {TEXT.total(summary.records, summary.total)}
        </Typography>
      ) : null}
      <Box role="group" aria-label={TEXT.allCases} sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: 1.5, mb: 2 }}>
        {DATA_CASES.map((c) => (
          <CaseCard key={c} kase={c} count={summary?.byCase[c] ?? null} selected={kase === c} onSelect={() => setCase(kase === c ? null : c)} />
        ))}
      </Box>
      <TextField
        select
        size="small"
        label={TEXT.code}
        value={code ?? ''}
        onChange={(e) => setCode(e.target.value === '' ? null : e.target.value)}
        sx={{ minWidth: 320, mb: 2, bgcolor: 'background.paper' }}
      >
        <MenuItem value="">{TEXT.allCodes}</MenuItem>
        {codes.map((c) => (
          <MenuItem key={c.code} value={c.code}>
            {`${PENDENCY_CODE_LABELS[c.code] ?? c.code} (${formatCount(summary?.byCode[c.code] ?? 0)})`}
          </MenuItem>
        ))}
      </TextField>
      <PagedTable
        {...pagedListProps(quality)}
        label={TEXT.tableLabel}
        columns={COLUMNS}
        rowKey={(item) => `${item.professionalId}-${item.code}-${item.field ?? ''}`}
        open={{ label: (item) => TEXT.openRow(item.name), onOpen: (item) => openRecord(item.professionalId) }}
        loadingLabel={TEXT.loading}
        empty={
          <EmptyState icon={<RuleIcon />} title={TEXT.noneTitle}>
            {TEXT.noneText}
          </EmptyState>
        }
      />
    </Page>
  );
}

function CaseCard({ kase, count, selected, onSelect }: { kase: PendencyCase; count: number | null; selected: boolean; onSelect(): void }) {
  return (
    <Card variant="outlined" sx={{ borderColor: selected ? 'primary.main' : undefined, borderWidth: selected ? 2 : 1 }}>
      <CardActionArea onClick={onSelect} aria-pressed={selected} sx={{ height: '100%' }}>
        <CardContent sx={{ py: 1.5 }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {PENDENCY_CASE_LABELS[kase]}
          </Typography>
          <Typography sx={{ fontSize: '1.4rem', fontWeight: 600, color: (count ?? 0) > 0 ? 'warning.dark' : 'text.secondary' }}>
            {count === null ? '—' : formatCount(count)}
          </Typography>
          <Typography variant="caption" sx={{ color: 'text.secondary' }}>
            {TEXT.caseCount(count ?? 0)}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

const c = TEXT.columns;

const COLUMNS: Column<QualityItem>[] = [
  { header: c.registration, numeric: true, cell: (item) => item.registrationNumber },
  { header: c.name, sx: { fontWeight: 500 }, cell: (item) => item.name },
  { header: c.cpf, numeric: true, sx: { whiteSpace: 'nowrap' }, cell: (item) => maskCpf(item.cpf) },
  { header: c.case, align: 'center', cell: (item) => item.case },
  { header: c.problem, cell: (item) => item.message },
  { header: c.suggestion, cell: (item) => item.suggestion ?? '—' },
];
