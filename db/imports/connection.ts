// The import jobs' connection to the store, as the import writer's thread (writer/worker.ts) names
// it: every connection is opened in db/connections.ts, which holds the page caches too.
export { CHECKING_CACHE_KIB, openJobConnection, WRITING_CACHE_KIB } from '../connections';
