// The store's tables as drizzle sees them, one file per area. `npx drizzle-kit generate` turns
// changes here into SQL migrations in db/migrations; what drizzle cannot express (full-text index,
// triggers) lives in custom migrations (`search_and_audit`, the guards and seals).
export * from './registry';
export * from './corrections';
export * from './audit';
export * from './batches';
export * from './backups';
export * from './imports';
export * from './contacts';
export * from './dipPaper';
export * from './operators';
