// The batch cards of the start screen: overdue batches and what waits for Implanta, and a small
// chart of corrections per status over the last 30 days (plain SVG).
import Inventory2Icon from '@mui/icons-material/Inventory2';
import ShowChartIcon from '@mui/icons-material/ShowChart';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type { BatchTimeline } from '../../shared/contract';
import { CORRECTION_STATUS_LABELS } from '../../shared/display/labels';
import { formatCount } from '../../shared/display/numbers';
import type { CorrectionStatus } from '../../shared/domain';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { DashboardCard } from '../components/DashboardCard';
import { useLoad } from '../lib/load';
import { useBatches } from '../stores/batches';
import { useNavigation } from '../stores/navigation';
import { BATCHES_TEXT } from './batches.text';

const TEXT = BATCHES_TEXT.home;

/** Overdue batches stand out (red border, each one listed); then what waits and what is pending. */
export function BatchesHomeCard() {
  const { dashboard, pending, dashboardError, loadDashboard, unsent } = useBatches();
  const go = useNavigation((s) => s.go);

  useLoad(loadDashboard);

  const overdue = dashboard?.overdue ?? [];
  return (
    <DashboardCard icon={<Inventory2Icon />} title={TEXT.title} tone={overdue.length > 0 ? 'error' : undefined}>
      {dashboardError ? <Alert severity="error">{`${TEXT.failed} ${dashboardError}`}</Alert> : null}
      {!dashboard && !dashboardError ? <Skeleton variant="rounded" height={64} /> : null}
      {dashboard ? (
        <>
          {overdue.length > 0 ? (
            <Alert severity="error" sx={{ mb: 1.5 }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {TEXT.overdue(overdue.length)}
              </Typography>
              <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                {overdue.map((b) => (
                  <li key={b.id}>
                    <Link component="button" type="button" color="inherit" sx={{ textAlign: 'left' }} onClick={() => go({ name: 'batch', id: b.id })}>
                      {TEXT.overdueItem(b.number, formatDateTimeBr(b.dueAt))}
                    </Link>
                  </li>
                ))}
              </Box>
            </Alert>
          ) : null}
          {unsent.length > 0 ? (
            <Box component="ul" sx={{ m: 0, mb: 1, pl: 2.5 }}>
              {unsent.map((b) => (
                <li key={b.id}>
                  <Link component="button" type="button" variant="body2" sx={{ textAlign: 'left' }} onClick={() => go({ name: 'batch', id: b.id })}>
                    {TEXT.unsent[b.state as keyof typeof TEXT.unsent](b.number)}
                  </Link>
                </li>
              ))}
            </Box>
          ) : null}
          <Typography variant="body2">{TEXT.awaiting(dashboard.awaiting)}</Typography>
          <Typography variant="body2" sx={{ mb: 1.5 }}>
            {pending ? TEXT.pending(pending.corrections, pending.cepChanges) : TEXT.pending(dashboard.pending, 0)}
          </Typography>
          <Button size="small" variant="outlined" color={overdue.length > 0 ? 'error' : 'primary'} onClick={() => go({ name: 'batches' })}>
            {TEXT.open}
          </Button>
        </>
      ) : null}
    </DashboardCard>
  );
}

// Bottom to top: what is done first, rejected on top where it shows.
const STACK_ORDER: CorrectionStatus[] = ['synced', 'sent', 'batched', 'pending', 'rejected'];

export function BatchesChartCard() {
  const dashboard = useBatches((s) => s.dashboard);
  return (
    <DashboardCard icon={<ShowChartIcon />} title={TEXT.chartTitle}>
      {dashboard ? <StatusChart timeline={dashboard.timeline} /> : <Skeleton variant="rounded" height={160} />}
    </DashboardCard>
  );
}

const WIDTH = 600;
const HEIGHT = 170;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

function dayLabel(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
}

/** A nice round top for the y axis (1, 2, 5 × 10^n). */
function niceMax(value: number): number {
  if (value <= 5) return 5;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

export function StatusChart({ timeline }: { timeline: BatchTimeline }) {
  const theme = useTheme();
  const colors: Record<CorrectionStatus, string> = {
    pending: theme.palette.warning.main,
    batched: theme.palette.info.main,
    sent: theme.palette.primary.main,
    synced: theme.palette.success.main,
    rejected: theme.palette.error.main,
    cancelled: theme.palette.grey[500],
  };
  const days = timeline.days;
  const totals = days.map((_, i) => STACK_ORDER.reduce((sum, s) => sum + (timeline.series[s][i] ?? 0), 0));
  const last = days.length - 1;
  if (totals.every((t) => t === 0)) {
    return <Typography sx={{ color: 'text.secondary' }}>{TEXT.chartEmpty}</Typography>;
  }
  const top = niceMax(Math.max(...totals));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (days.length === 1 ? plotW / 2 : (i / (days.length - 1)) * plotW);
  const y = (value: number) => PAD.top + plotH - (value / top) * plotH;

  // Cumulative bands, one polygon per status.
  const base = days.map(() => 0);
  // Statuses with no correction in the window draw nothing (no line along the axis).
  const bands = STACK_ORDER.filter((status) => timeline.series[status].some((v) => v > 0)).map((status) => {
    const lower = [...base];
    days.forEach((_, i) => (base[i] = (base[i] ?? 0) + (timeline.series[status][i] ?? 0)));
    const upper = [...base];
    const points = [...upper.map((v, i) => `${x(i)},${y(v)}`), ...lower.map((v, i) => `${x(i)},${y(v)}`).reverse()].join(' ');
    return { status, points };
  });
  const describeDay = (i: number) =>
    TEXT.chartLabel(
      dayLabel(days[i] as string),
      STACK_ORDER.map((s) => `${CORRECTION_STATUS_LABELS[s]} ${formatCount(timeline.series[s][i] ?? 0)}`).join(', '),
    );
  const slot = plotW / Math.max(1, days.length - 1);

  return (
    <Box>
      <Box component="svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={describeDay(last)} sx={{ width: '100%', height: 'auto', display: 'block' }}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top * f)} y2={y(top * f)} stroke={theme.palette.divider} />
            <text x={PAD.left - 6} y={y(top * f) + 4} textAnchor="end" fontSize={11} fill={theme.palette.text.secondary}>
              {formatCount(Math.round(top * f))}
            </text>
          </g>
        ))}
        {bands.map((band) => (
          <polygon key={band.status} points={band.points} fill={colors[band.status]} fillOpacity={0.75} stroke={colors[band.status]} strokeWidth={1} />
        ))}
        {[0, Math.floor(last / 2), last].map((i) => (
          <text key={i} x={x(i)} y={HEIGHT - 6} textAnchor={i === 0 ? 'start' : i === last ? 'end' : 'middle'} fontSize={11} fill={theme.palette.text.secondary}>
            {dayLabel(days[i] as string)}
          </text>
        ))}
        {days.map((day, i) => (
          <rect key={day} x={x(i) - slot / 2} y={PAD.top} width={slot} height={plotH} fill="transparent">
            <title>{describeDay(i)}</title>
          </rect>
        ))}
      </Box>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }}>
        {[...STACK_ORDER].reverse().map((status) => (
          <Box key={status} sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
            <Box sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: colors[status] }} aria-hidden />
            <Typography variant="body2">
              {CORRECTION_STATUS_LABELS[status]}: <strong>{formatCount(timeline.series[status][last] ?? 0)}</strong>
            </Typography>
          </Box>
        ))}
      </Stack>
    </Box>
  );
}
