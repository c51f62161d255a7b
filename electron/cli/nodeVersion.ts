// The Node the command needs: package.json's engines (>= 22.12). Under an older one the store's
// native module may crash the process when it opens the store, so the command checks first.
export const MINIMUM_NODE = '22.12';

/** Whether `version` (process.versions.node) is older than MINIMUM_NODE. */
export function nodeTooOld(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor = 0, needMinor = 0] = MINIMUM_NODE.split('.').map(Number);
  return major < needMajor || (major === needMajor && minor < needMinor);
}
