// Which screen is shown. A plain state instead of a router: the app has one window and no URLs to share.
import { create } from 'zustand';

export type Route =
  | { name: 'home' }
  | { name: 'registry' }
  | { name: 'pendencies' }
  | { name: 'contacts' }
  | { name: 'contact'; id: number }
  | { name: 'record'; id: number }
  | { name: 'corrections' }
  | { name: 'import' }
  | { name: 'ceps' }
  | { name: 'batches' }
  | { name: 'batch'; id: number }
  | { name: 'backups' }
  | { name: 'settings' };

export type ScreenName = Route['name'];

interface NavigationState {
  route: Route;
  /** Bumped to ask the registry search field to take focus (Ctrl+K, F3, the dashboard's box). */
  searchFocusRequest: number;
  go(route: Route): void;
  openRecord(id: number): void;
  focusSearch(): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  route: { name: 'home' },
  searchFocusRequest: 0,
  go: (route) => set({ route }),
  openRecord: (id) => set({ route: { name: 'record', id } }),
  focusSearch: () => set((s) => ({ route: { name: 'registry' }, searchFocusRequest: s.searchFocusRequest + 1 })),
}));
