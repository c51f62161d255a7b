// The dashboard: where the day starts — a search box, the queue at a glance, and what needs care.
import BackupIcon from '@mui/icons-material/Backup';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import PeopleIcon from '@mui/icons-material/People';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import RuleIcon from '@mui/icons-material/Rule';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Output } from '../../shared/contract';
import { CORRECTION_STATUSES } from '../../shared/domain';
import { call } from '../api/client';
import { DashboardCard } from '../components/DashboardCard';
import { useLoad } from '../lib/load';
import { PendencyCaseCounts } from './PendencyCaseCounts';
import { EmptyState } from '../components/EmptyState';
import { StatusChip } from '../components/StatusChip';
import { useCorrections } from '../stores/corrections';
import { useNavigation } from '../stores/navigation';
import { useRegistry } from '../stores/registry';
import { useSession } from '../stores/session';
import { BackupCardBody } from './BackupAge';
import { BatchesChartCard, BatchesHomeCard } from './BatchesHome';
import { ContactsHomeCard } from './ContactsHomeCard';
import { HOME_TEXT as TEXT } from './home.text';

export function HomeScreen() {
  const info = useSession((s) => s.info);
  const refresh = useSession((s) => s.refresh);
  const { counts, countsError, loadCounts, setFilters } = useCorrections();
  const go = useNavigation((s) => s.go);
  const focusSearch = useNavigation((s) => s.focusSearch);
  const setSearchText = useRegistry((s) => s.setText);

  useLoad(refresh);
  useLoad(loadCounts);

  const total = counts ? CORRECTION_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0) : null;
  const [overview, setOverview] = useState<Output<'registry:overview'> | null>(null);
  useEffect(() => {
    call('registry:overview', {}).then(setOverview, () => setOverview(null));
  }, []);
  // One count of rejections everywhere: not yet corrected again nor dismissed (CEP changes included).
  const rejected = overview?.rejections.total ?? 0;

  // Typing here continues in Cadastro: the first key moves the clerk there with the text.
  function startSearch(text: string) {
    setSearchText(text);
    focusSearch();
  }

  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}>
        {info?.settings ? TEXT.greeting(info.settings.operator) : TEXT.title}
      </Typography>
      <Typography sx={{ color: 'text.secondary', mb: 2 }}>{TEXT.subtitle}</Typography>
      <TextField
        fullWidth
        size="medium"
        label={TEXT.search}
        placeholder={TEXT.searchPlaceholder}
        value=""
        onChange={(e) => startSearch(e.target.value)}
        sx={{ mb: 3, bgcolor: 'background.paper', maxWidth: 720 }}
        slotProps={{
          input: { startAdornment: <InputAdornment position="start"><SearchIcon aria-hidden /></InputAdornment> },
          htmlInput: { autoComplete: 'off' },
        }}
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 1fr' }, gap: 2, alignItems: 'start' }}>
        <Stack spacing={2}>
          <DashboardCard icon={<FactCheckIcon />} title={TEXT.correctionsTitle}>
            {countsError ? <Alert severity="error">{TEXT.countsFailed} {countsError}</Alert> : null}
            {total === null && !countsError ? <Skeleton variant="rounded" height={64} /> : null}
            {total === 0 ? (
              <EmptyState
                title={TEXT.noCorrections}
                action={
                  <Button variant="contained" onClick={() => focusSearch()}>
                    {TEXT.findProfessional}
                  </Button>
                }
              />
            ) : null}
            {total !== null && total > 0 && counts ? (
              <>
                <Typography sx={{ mb: 1.5 }}>{TEXT.correctionsTotal(total)}</Typography>
                <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
                  {CORRECTION_STATUSES.map((status) => (
                    <StatusChip key={status} status={status} count={counts[status] ?? 0} />
                  ))}
                </Stack>
                <Button variant="outlined" onClick={() => go({ name: 'corrections' })}>
                  {TEXT.openQueue}
                </Button>
              </>
            ) : null}
          </DashboardCard>
          <BatchesChartCard />
        </Stack>
        <Stack spacing={2}>
          <BatchesHomeCard />
          <ContactsHomeCard />
          <DashboardCard icon={<PeopleIcon />} title={TEXT.registryTitle}>
            {info ? (
              <Typography sx={{ fontSize: '1.25rem', fontWeight: 600 }}>{TEXT.registrySize(info.professionals)}</Typography>
            ) : (
              <Skeleton width="60%" />
            )}
            {info && info.professionals === 0 ? (
              <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
                {TEXT.registryEmpty}
              </Typography>
            ) : null}
          </DashboardCard>
          {overview ? (
            <DashboardCard icon={<RuleIcon color={overview.withPendencies > 0 ? 'warning' : 'inherit'} />} title={TEXT.pendenciesTitle}>
              <Typography variant="body2" sx={{ mb: overview.withPendencies + overview.openConflicts > 0 ? 1.5 : 0 }} data-testid="home-pendencies">
                {overview.withPendencies > 0 ? TEXT.pendenciesSome(overview.withPendencies) : TEXT.pendenciesNone}
                {overview.openConflicts > 0 ? ` ${TEXT.conflictsSome(overview.openConflicts)}` : ''}
              </Typography>
              {overview.withPendencies > 0 ? (
                <>
                  <PendencyCaseCounts />
                  <Button size="small" variant="outlined" color="warning" onClick={() => go({ name: 'pendencies' })}>
                    {TEXT.seePendencies}
                  </Button>
                </>
              ) : null}
            </DashboardCard>
          ) : null}
          {overview ? (
            <DashboardCard icon={<ReportProblemIcon color={rejected > 0 ? 'error' : 'inherit'} />} title={TEXT.rejectedTitle}>
              <Typography variant="body2" sx={{ mb: rejected > 0 ? 1.5 : 0 }}>
                <span data-testid="home-rejected">{rejected > 0 ? TEXT.rejectedSome(rejected) : TEXT.rejectedNone}</span>
              </Typography>
              {rejected > 0 ? (
                <Button
                  size="small"
                  variant="outlined"
                  color="error"
                  onClick={() => {
                    setFilters({ status: 'rejected', unresolved: true });
                    go({ name: 'corrections' });
                  }}
                >
                  {TEXT.seeRejected}
                </Button>
              ) : null}
            </DashboardCard>
          ) : null}
          <DashboardCard icon={<BackupIcon />} title={TEXT.backupTitle}>
            <BackupCardBody />
          </DashboardCard>
        </Stack>
      </Box>
    </Box>
  );
}
