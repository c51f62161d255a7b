// A tiny benchmark runner: each case times a step many times (or once) and, beside it, a bare
// reference measured in the same run, so the figures can be read against the machine's own speed.

/** Something to time: `runs` calls of `step`, with untimed preparation and cleanup. */
export interface Timed {
  runs: number;
  /** Untimed: builds what the steps need (keys to look up, a scratch database...). */
  before?(): void | Promise<void>;
  /** One timed call; a returned promise is awaited inside the timing. */
  step(run: number): unknown;
  after?(): void | Promise<void>;
}

export interface BenchCase {
  /** Shown in the report, in Portuguese. */
  name: string;
  /** The p95 the app promises, in milliseconds. */
  targetMs: number;
  measured: Timed;
  /** The same work done the barest way (plain better-sqlite3), timed the same way. */
  reference?: Timed;
  /** A promise other than time the case broke (read after both sides ran), e.g. 'memória'. */
  otherMiss?: () => string | null;
}

export interface Stats {
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

export interface CaseResult {
  name: string;
  targetMs: number;
  measured: Stats;
  reference: Stats | null;
  withinTarget: boolean;
  /** What else was over its limit (the verdict says so). */
  otherMiss: string | null;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Nearest-rank percentile of ascending durations. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(durations: Float64Array): Stats {
  const sorted = Float64Array.from(durations).sort();
  return { runs: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Runs every step of `timed` and returns each step's duration in milliseconds. */
export async function time(timed: Timed): Promise<Float64Array> {
  await timed.before?.();
  collectGarbage?.(); // so one case's garbage is not collected during the next one's timing
  const durations = new Float64Array(timed.runs);
  try {
    for (let run = 0; run < timed.runs; run++) {
      const start = process.hrtime.bigint();
      const result = timed.step(run);
      if (isThenable(result)) await result;
      durations[run] = Number(process.hrtime.bigint() - start) / 1e6;
    }
  } finally {
    await timed.after?.();
  }
  return durations;
}

/**
 * Runs the cases in order (later ones may rely on earlier ones, e.g. on the generated registry).
 * `between`: untimed, after each case — what the desk does once it is quiet (folding its log,
 * db/logFold.ts), so that no case is timed doing the previous one's housekeeping.
 */
export async function runCases(cases: readonly BenchCase[], onResult?: (result: CaseResult) => void, between?: () => void): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const benchCase of cases) {
    const measured = summarize(await time(benchCase.measured));
    between?.();
    const reference = benchCase.reference ? summarize(await time(benchCase.reference)) : null;
    const otherMiss = benchCase.otherMiss?.() ?? null;
    const result = { name: benchCase.name, targetMs: benchCase.targetMs, measured, reference, withinTarget: measured.p95 < benchCase.targetMs && otherMiss === null, otherMiss };
    results.push(result);
    onResult?.(result);
  }
  return results;
}
