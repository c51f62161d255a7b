// The browser host opens its page with a one-time ticket in the address (never the token: a browser
// keeps every address it opened in its history). The page takes the ticket out of the address bar
// before anything renders and trades it for the token, which is kept for the tab's life in
// sessionStorage. A `?token=` a script put in the address itself is still taken the same way.
const STORAGE_KEY = 'cress-desk-token';

export interface TokenPlace {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** Removes `name` from the address bar; its value, or null when the address had none. */
function takeParam(place: TokenPlace, name: string): string | null {
  const url = new URL(place.location.href);
  const value = url.searchParams.get(name);
  if (!value) return null;
  url.searchParams.delete(name);
  place.history.replaceState(null, '', url.pathname + url.search + url.hash);
  return value;
}

export function takeToken(place: TokenPlace): string | null {
  const fromUrl = takeParam(place, 'token');
  if (fromUrl) {
    place.storage.setItem(STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return place.storage.getItem(STORAGE_KEY);
}

/**
 * The token for this tab: the one its one-time ticket trades for (`trade`, null when the host
 * refused it), else the one already kept for the tab (a reload).
 */
export async function tokenFor(place: TokenPlace, trade: (ticket: string) => Promise<string | null>): Promise<string | null> {
  const ticket = takeParam(place, 'ticket');
  const given = takeToken(place);
  if (!ticket) return given;
  const traded = await trade(ticket);
  if (traded) place.storage.setItem(STORAGE_KEY, traded);
  return traded ?? given;
}
