// Which screen is shown. A plain state rather than a router library: one window, a dozen screens.
// Each screen also has an address (`#/registro`, `#/cadastro/12`…) kept in the window's history, so
// the browser's Back (in the preview) and Alt+← / Alt+→ (in the app) go back and forth between screens.
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

/** The address of each screen, in the clerk's words. */
const PATHS: Record<ScreenName, string> = {
  home: 'inicio',
  registry: 'cadastro',
  pendencies: 'pendencias',
  contacts: 'atendimentos',
  contact: 'atendimento',
  record: 'profissional',
  corrections: 'correcoes',
  import: 'importar',
  ceps: 'ceps',
  batches: 'lotes',
  batch: 'lote',
  backups: 'backups',
  settings: 'configuracoes',
};

export function routeToHash(route: Route): string {
  return `#/${PATHS[route.name]}${'id' in route ? `/${route.id}` : ''}`;
}

/** The screen an address names, or null for an address the app does not know. */
export function routeFromHash(hash: string): Route | null {
  const [path, id, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const name = (Object.keys(PATHS) as ScreenName[]).find((n) => PATHS[n] === path);
  if (!name || rest.length > 0) return null;
  const withId = name === 'contact' || name === 'record' || name === 'batch';
  if (!withId) return id === undefined ? ({ name } as Route) : null;
  return id !== undefined && /^[1-9]\d{0,9}$/.test(id) ? ({ name, id: Number(id) } as Route) : null;
}

interface NavigationState {
  route: Route;
  /** Bumped to ask the registry search field to take focus (Ctrl+K, F3, the dashboard's box). */
  searchFocusRequest: number;
  go(route: Route): void;
  openRecord(id: number): void;
  focusSearch(): void;
}

const initialRoute = (): Route => (typeof window === 'undefined' ? null : routeFromHash(window.location.hash)) ?? { name: 'home' };

/** Records a screen change in the window's history, once per change. */
function remember(route: Route): void {
  if (typeof window === 'undefined') return;
  const hash = routeToHash(route);
  if (window.location.hash !== hash) window.history.pushState(null, '', hash);
}

export const useNavigation = create<NavigationState>()((set) => ({
  route: initialRoute(),
  searchFocusRequest: 0,
  go: (route) => {
    remember(route);
    set({ route });
  },
  openRecord: (id) => useNavigation.getState().go({ name: 'record', id }),
  focusSearch: () => {
    remember({ name: 'registry' });
    set((s) => ({ route: { name: 'registry' }, searchFocusRequest: s.searchFocusRequest + 1 }));
  },
}));

/** Follows Back and Forward: the screen of the address the history went to. Answers the unsubscribe. */
export function followHistory(): () => void {
  const onPop = () => {
    const route = routeFromHash(window.location.hash) ?? { name: 'home' };
    useNavigation.setState({ route });
  };
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
