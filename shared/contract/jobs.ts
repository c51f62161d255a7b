// Following a long job: its status (progress, answer, error) and Cancelar; each job's answer is
// declared in jobKinds.ts.
import { z } from 'zod';
import { appErrorSchema } from './common';

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;

export const jobProgressSchema = z.object({
  /** Machine name of the step, e.g. 'read', 'check', 'write'. */
  phase: z.string(),
  /** Portuguese label of the step, shown beside the bar. */
  label: z.string(),
  done: z.number(),
  /** Null while the total is unknown (the bar is then indeterminate). */
  total: z.number().nullable(),
  /** 'bytes': done and total are bytes, shown as sizes with the time left. */
  unit: z.enum(['bytes']).optional(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobStatusSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  progress: jobProgressSchema,
  /** The job's answer once done (its shape belongs to the job kind). */
  result: z.unknown().nullable(),
  error: appErrorSchema.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** What a channel that starts a long job answers: poll `jobs:status` with the id. */
export const jobStartedSchema = z.object({ jobId: z.string() });

export const jobsContract = {
  'jobs:status': { input: z.object({ id: z.string().max(64) }).strict(), output: jobStatusSchema },
  'jobs:cancel': { input: z.object({ id: z.string().max(64) }).strict(), output: jobStatusSchema },
} as const;
