// The integrity check's thread (built to out/worker/integrity.cjs, started by integrity.ts):
// checks one database copy and posts SQLite's problems.
import { parentPort, workerData } from 'node:worker_threads';
import { threadKey, useStoreKey } from '../storeKey';
import { copyProblems, type IntegrityData, type IntegrityReply } from './integrity';

const { path, storeKey } = workerData as IntegrityData;
useStoreKey(threadKey(storeKey));
const reply: IntegrityReply = { problems: copyProblems(path) };
parentPort?.postMessage(reply);
