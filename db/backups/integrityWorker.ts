// The integrity check's thread (built to out/worker/integrity.cjs, started by integrity.ts):
// checks one database copy and posts SQLite's problems.
import { parentPort, workerData } from 'node:worker_threads';
import { threadSecret } from '../copySecrets';
import { threadKey, useStoreKey } from '../storeKey';
import { copyProblems, type IntegrityData, type IntegrityReply } from './integrity';

const { path, storeKey, secret } = workerData as IntegrityData;
useStoreKey(threadKey(storeKey));
const reply: IntegrityReply = { problems: copyProblems(path, threadSecret(secret) ?? undefined) };
parentPort?.postMessage(reply);
