// Seed case D (the password e-mail never arrives): a provider typed wrong ("gmail.con", "hotmal.com")
// and the address the clerk probably meant. The closeness test is @zootools/email-spell-checker's
// (sift3 distance, the maintained successor of mailcheck), given the Brazilian providers; a domain
// that is right as written, institutional (*.gov.br, *.edu.br, *.org.br…) or not close to a known
// provider is never called a typo.
import { run as suggestDomain } from '@zootools/email-spell-checker';
import { EMAIL_PROVIDERS, INSTITUTIONAL_SUFFIXES, KNOWN_GOOD_DOMAINS } from '../reference/emailProviders';

const PROVIDERS = [...EMAIL_PROVIDERS];
const PROVIDER_SET: ReadonlySet<string> = new Set(EMAIL_PROVIDERS);
// Second- and top-level corrections are switched off: only a whole known provider is ever suggested.
const NO_PARTS = ['\u0000'];

/** The full corrected address when the domain is a likely misspelling of a known provider, else null. */
export function suggestEmailFix(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = email.slice(at + 1).toLowerCase();
  if (KNOWN_GOOD_DOMAINS.has(domain)) return null;
  let fixed = fixedDomains.get(domain);
  if (fixed === undefined) {
    fixed = fixDomain(domain);
    // A registry repeats a few hundred domains: remember them, within bounds.
    if (fixedDomains.size >= MAX_REMEMBERED) fixedDomains.clear();
    fixedDomains.set(domain, fixed);
  }
  return fixed === null ? null : `${email.slice(0, at)}@${fixed}`;
}

const fixedDomains = new Map<string, string | null>();
const MAX_REMEMBERED = 10_000;

/** The provider a domain is a misspelling of, or null. */
function fixDomain(domain: string): string | null {
  if (isInstitutional(domain)) return null;
  const suggestion = suggestDomain({ email: `x@${domain}`, domains: PROVIDERS, secondLevelDomains: NO_PARTS, topLevelDomains: NO_PARTS });
  if (!suggestion || !PROVIDER_SET.has(suggestion.domain) || suggestion.domain === domain) return null;
  return confidentAbout(domain, suggestion.domain) ? suggestion.domain : null;
}

/**
 * A wrong suffix on the provider's own name ("uol.com", "gmail.com.br") is a typo; a different name
 * is one only when the provider's name is long enough for a near miss to be unlikely by chance
 * ("gmial", "hotmal"), never for short ones ("bb.com.br" is a bank, "uai.com.br" a provider).
 */
function confidentAbout(domain: string, provider: string): boolean {
  const label = domain.slice(0, domain.indexOf('.'));
  const providerLabel = provider.slice(0, provider.indexOf('.'));
  return label === providerLabel || providerLabel.length >= MIN_LABEL_FOR_NEAR_MISS;
}
const MIN_LABEL_FOR_NEAR_MISS = 5;

function isInstitutional(domain: string): boolean {
  for (const suffix of INSTITUTIONAL_SUFFIXES) if (domain.endsWith(suffix)) return true;
  return false;
}
