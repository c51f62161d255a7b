// The integrity check's thread (built to out/worker/integrity.cjs, started by integrity.ts):
// checks one database copy and posts SQLite's problems.
import { parentPort, workerData } from 'node:worker_threads';
import { copyProblems, type IntegrityData, type IntegrityReply } from './integrity';

const { path } = workerData as IntegrityData;
const reply: IntegrityReply = { problems: copyProblems(path) };
parentPort?.postMessage(reply);
