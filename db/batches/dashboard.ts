// What the start screen shows of batches: overdue ones, what waits for an answer, rejections
// still to deal with (corrections and CEP changes, the one count of db/rejections.ts), and
// corrections per status at the end of each recent day.
//
// The daily series is rebuilt backwards from today's counts: a day's counts are the next day's
// minus what happened on that next day (corrections saved, batched, sent, answered). Only the
// window's events are read (through indexes), so the cost does not grow with the registry.
import type { Database } from 'better-sqlite3';
import { emptyStatusCounts, type BatchDashboard, type BatchTimeline } from '../../shared/contract/batches';
import { CORRECTION_STATUSES, type CorrectionStatus } from '../../shared/domain';
import { unresolvedRejectionCounts } from '../rejections';
import { statement } from '../statements';
import { brasilia, sqliteOffset } from './clock';
import { toSummary, type BatchRow } from './summary';

const DAY = 86_400_000;

type Delta = Record<CorrectionStatus, number>;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function correctionTimeline(db: Database, days: number, now: Date): BatchTimeline {
  const today = brasilia(now).date;
  const first = addDays(today, -(days - 1));
  const offset = sqliteOffset(now);
  // Events from the window's first day on, in UTC; a little earlier to cover the time zone.
  const since = new Date(Date.parse(`${first}T00:00:00Z`) - DAY).toISOString();
  const deltas = new Map<string, Delta>();
  const delta = (day: string) => {
    let d = deltas.get(day);
    if (!d) deltas.set(day, (d = emptyStatusCounts()));
    return d;
  };

  for (const r of statement<{ day: string; n: number }>(db, 'SELECT date(created_at, ?) AS day, count(*) AS n FROM corrections WHERE created_at >= ? GROUP BY day').all(offset, since)) {
    delta(r.day).pending += r.n;
  }
  const batches = statement<{ id: number; created_at: string; sent_at: string | null }>(
    db,
    "SELECT id, created_at, sent_at FROM batches WHERE state <> 'cancelled' AND (created_at >= ? OR sent_at >= ?)",
  ).all(since, since);
  const size = statement<{ n: number }>(db, 'SELECT count(*) AS n FROM corrections WHERE batch_id = ?');
  for (const b of batches) {
    const n = (size.get(b.id) as { n: number }).n;
    if (b.created_at >= since) {
      const d = delta(brasilia(b.created_at).date);
      d.pending -= n;
      d.batched += n;
    }
    if (b.sent_at && b.sent_at >= since) {
      const d = delta(brasilia(b.sent_at).date);
      d.batched -= n;
      d.sent += n;
    }
  }
  for (const r of statement<{ status: 'synced' | 'rejected'; day: string; n: number }>(
    db,
    "SELECT status, date(status_changed_at, ?) AS day, count(*) AS n FROM corrections WHERE status IN ('synced', 'rejected') AND status_changed_at >= ? GROUP BY status, day",
  ).all(offset, since)) {
    const d = delta(r.day);
    d.sent -= r.n;
    d[r.status] += r.n;
  }

  const current = emptyStatusCounts();
  for (const r of statement<{ status: CorrectionStatus; n: number }>(db, 'SELECT status, count(*) AS n FROM corrections GROUP BY status').all()) current[r.status] = r.n;

  const dayList: string[] = [];
  for (let i = 0; i < days; i++) dayList.push(addDays(first, i));
  const series = Object.fromEntries(CORRECTION_STATUSES.map((s) => [s, new Array<number>(days).fill(0)])) as Record<CorrectionStatus, number[]>;
  const running = { ...current };
  for (let i = days - 1; i >= 0; i--) {
    const day = dayList[i] as string;
    for (const s of CORRECTION_STATUSES) series[s][i] = Math.max(0, running[s]);
    const d = deltas.get(day);
    if (d) for (const s of CORRECTION_STATUSES) running[s] -= d[s];
  }
  return { days: dayList, series };
}

export function batchDashboard(db: Database, days: number, now: Date): BatchDashboard {
  const sent = statement<BatchRow>(db, "SELECT * FROM batches WHERE state = 'sent' ORDER BY sent_at").all();
  const summaries = sent.map((row) => toSummary(db, row, now));
  const pending = statement<{ n: number }>(db, "SELECT count(*) AS n FROM corrections WHERE status = 'pending'").get() as { n: number };
  return {
    overdue: summaries.filter((s) => s.overdue),
    awaiting: summaries.filter((s) => s.counts.unanswered > 0).length,
    rejected: unresolvedRejectionCounts(db).total,
    pending: pending.n,
    timeline: correctionTimeline(db, days, now),
  };
}
