// A BagIt bag read from a zip file (bagit.ts validates it): the zip's single top-level folder is
// the bag's root; a zip with anything beside that folder is a problem of the bag, not a failure.
import { ZipReader, type ZipLimits } from '../zip';
import { validateBag, type BagProblem, type BagSource, type BagValidation, type ValidateOptions } from './bagit';

/** A bag read from a zip: its single top-level folder is the bag's root. */
export function zipBagSource(zip: ZipReader): { source: BagSource; root: string | null; problems: BagProblem[] } {
  const entries = zip.entries;
  const roots = new Set(entries.map((e) => (e.name.includes('/') ? e.name.slice(0, e.name.indexOf('/')) : '')));
  const problems: BagProblem[] = [];
  const root = roots.size === 1 && !roots.has('') ? ([...roots][0] as string) : null;
  if (root === null) {
    const outside = entries.filter((e) => !e.name.includes('/')).map((e) => e.name);
    problems.push({
      code: 'BAG_ROOT',
      message:
        outside.length > 0
          ? `O zip deve conter uma única pasta (o bag), mas tem também ${outside.map((n) => `"${n}"`).join(', ')} fora dela.`
          : `O zip deve conter uma única pasta (o bag), mas tem ${roots.size}: ${[...roots].map((r) => `"${r}"`).join(', ')}.`,
    });
  }
  const prefix = root === null ? null : `${root}/`;
  // Without a single root, validate the largest folder so the other problems still show.
  const chosen =
    prefix ??
    (() => {
      const counts = new Map<string, number>();
      for (const e of entries) if (e.name.includes('/')) counts.set(e.name.slice(0, e.name.indexOf('/') + 1), (counts.get(e.name.slice(0, e.name.indexOf('/') + 1)) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    })();
  const files = entries.filter((e) => e.name.startsWith(chosen)).map((e) => ({ path: e.name.slice(chosen.length), size: e.size }));
  return {
    root,
    problems,
    source: { files, read: (path) => zip.stream(`${chosen}${path}`) },
  };
}

export interface ZipBagValidation extends BagValidation {
  root: string | null;
  encrypted: boolean;
}

/**
 * Opens a zip and validates the bag in it. Zip-level failures (not a zip, truncated, unsafe
 * names, password missing or wrong) throw ZipError; bag problems are returned.
 */
export async function validateZipBag(
  path: string,
  options: ValidateOptions & { password?: string | null; limits?: Partial<ZipLimits> } = {},
): Promise<ZipBagValidation> {
  const zip = await ZipReader.open(path, { password: options.password ?? null, limits: options.limits });
  try {
    await zip.checkPassword();
    const { source, root, problems } = zipBagSource(zip);
    const validation = await validateBag(source, options);
    return { ...validation, problems: [...problems, ...validation.problems], root, encrypted: zip.encrypted };
  } finally {
    await zip.close();
  }
}
