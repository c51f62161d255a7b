// The browser host hands out a per-run token once, in the page address. It is kept for the tab's
// life in sessionStorage and removed from the address bar so it does not linger in history.
const STORAGE_KEY = 'cress-desk-token';

export interface TokenPlace {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

export function takeToken(place: TokenPlace): string | null {
  const url = new URL(place.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    place.storage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    place.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return place.storage.getItem(STORAGE_KEY);
}
