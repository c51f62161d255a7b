// The local store: everything the app, the command line and the test host need from db/.
export type { Store } from './open';
export { openStore } from './open';
export { createHandlers, type HandlerEnv } from './handlers';
export { createDispatcher, type Dispatch } from './dispatch';
export { defaultUserDataDir, resolveStorePath } from './paths';
export { KNOWN_SCHEMA_VERSION } from './migrate';
export { verifyAuditChain } from './audit';
export { openDesk, type Desk, type DeskOptions } from './desk';
export { JobRunner } from './jobs/runner';
export { HandleBroker, trustedFiles, type FileBroker, type FileMode } from './fileBroker';
