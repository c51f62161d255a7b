// The e-mail domains the typo check knows: the providers Brazilian professionals use (a misspelling
// of one of them is suggested back), and further real domains that are never a typo even though
// they look like a provider (mail.com is not a gmail.com typo). Kept as data here, small and read often.

/** Providers a misspelt domain is corrected to. */
export const EMAIL_PROVIDERS: readonly string[] = [
  'gmail.com', 'hotmail.com', 'outlook.com', 'live.com', 'yahoo.com.br', 'yahoo.com', 'icloud.com',
  'uol.com.br', 'bol.com.br', 'terra.com.br', 'ig.com.br', 'globo.com', 'msn.com', 'hotmail.com.br',
  'outlook.com.br',
];

/** Real domains that resemble a provider and are not a typo of one. */
const OTHER_REAL_DOMAINS = [
  'googlemail.com', 'ymail.com', 'rocketmail.com', 'yahoo.com.ar', 'live.com.br', 'me.com', 'mac.com',
  'mail.com', 'email.com', 'gmx.com', 'gmx.net', 'aol.com', 'aim.com', 'protonmail.com', 'proton.me', 'pm.me',
  'zoho.com', 'yandex.com', 'oi.com.br', 'r7.com', 'zipmail.com.br', 'pop.com.br', 'superig.com.br',
  'itelefonica.com.br', 'brturbo.com.br', 'click21.com.br', 'globomail.com', 'ibest.com.br', 'ieg.com.br',
  'folha.com.br', 'estadao.com.br', 'sercomtel.com.br', 'veloxmail.com.br', 'hotmail.co.uk', 'outlook.pt',
  'sapo.pt', 'hotmail.fr', 'hotmail.es', 'yahoo.es', 'yahoo.fr', 'live.co.uk', 'tutanota.com', 'tuta.io',
];

/** Every domain known to be right as written. */
export const KNOWN_GOOD_DOMAINS: ReadonlySet<string> = new Set([...EMAIL_PROVIDERS, ...OTHER_REAL_DOMAINS]);

/** Institutional and professional domains (government, universities, councils, NGOs): never a typo. */
export const INSTITUTIONAL_SUFFIXES: readonly string[] = [
  '.gov.br', '.edu.br', '.org.br', '.jus.br', '.mp.br', '.leg.br', '.mil.br', '.def.br', '.tc.br',
  '.gov', '.edu', '.org',
];
