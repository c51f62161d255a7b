export function electronBinary(): string | null;
export function ensureElectron(options?: { quiet?: boolean }): string | null;
