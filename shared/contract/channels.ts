// Channel names alone, so the preload can hold its allowlist without bundling the schemas.
// `contract` in ./index.ts must have exactly these keys (checked by the compiler and a test).
export const CHANNELS = [
  'app:info',
  'settings:setup',
  'settings:update',
  'registry:search',
  'registry:get',
  'registry:find',
  'registry:demo',
  'corrections:preview',
  'corrections:save',
  'corrections:list',
  'corrections:counts',
  'corrections:operators',
  'cep:list',
  'cep:save',
  'audit:verify',
] as const;

export type ChannelName = (typeof CHANNELS)[number];
