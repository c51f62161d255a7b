// The Atendimentos screens' state: the list with its filters and page, and the atendimento opened,
// which every action replaces with the store's answer so the screen always shows what was saved.
import { create } from 'zustand';
import type { Contact, ContactStatus, ContactSummary } from '../../shared/contract/contacts';
import { call, errorMessage } from '../api/client';
import { useNavigation } from './navigation';
import { FIRST_PAGE, newestLoad, newestOnly, pageSetters } from './paged';

interface ContactsState {
  status: ContactStatus | null;
  overdue: boolean;
  /** Only those whose professional still has to be told ("a avisar"). */
  toNotify: boolean;
  page: number;
  pageSize: number;
  result: { total: number; items: ContactSummary[] } | null;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  setStatus(status: ContactStatus | null): void;
  setOverdue(overdue: boolean): void;
  setToNotify(toNotify: boolean): void;
  setPage(page: number): void;
  setPageSize(pageSize: number): void;
  /** The atendimento on screen. */
  current: Contact | null;
  currentLoading: boolean;
  currentError: string | null;
  open(id: number): Promise<void>;
  /** An action's answer: the atendimento as the store now holds it. */
  replace(contact: Contact): void;
}

export const useContacts = create<ContactsState>()((set, get) => {
  const load = newestLoad<ContactsState>(set, async () => {
    const { status, overdue, toNotify, page, pageSize } = get();
    return { result: await call('contacts:list', { ...(status ? { status } : {}), ...(overdue ? { overdue } : {}), ...(toNotify ? { toNotify } : {}), page, pageSize }) };
  });
  const openTicket = newestOnly();
  return {
    status: null,
    overdue: false,
    toNotify: false,
    ...FIRST_PAGE,
    result: null,
    loading: false,
    error: null,
    load,
    setStatus: (status) => {
      set({ status, page: 0 });
      void load();
    },
    setOverdue: (overdue) => {
      set({ overdue, page: 0 });
      void load();
    },
    setToNotify: (toNotify) => {
      set({ toNotify, page: 0 });
      void load();
    },
    ...pageSetters((page, pageSize) => set(pageSize === undefined ? { page } : { page, pageSize }), load),
    current: null,
    currentLoading: false,
    currentError: null,
    open: async (id) => {
      const current = openTicket();
      set({ currentLoading: true, currentError: null });
      try {
        const contact = await call('contacts:get', { id });
        if (current()) set({ current: contact });
      } catch (error) {
        if (current()) set({ currentError: errorMessage(error) });
      } finally {
        if (current()) set({ currentLoading: false });
      }
    },
    replace: (contact) => set({ current: contact }),
  };
});

/** The list as Início and the notices open it: every state, only the overdue ones, or only those "a avisar". */
export function seeContacts(filter: 'all' | 'overdue' | 'toNotify'): void {
  // The list loads with these filters when it opens.
  useContacts.setState({ status: null, overdue: filter === 'overdue', toNotify: filter === 'toNotify', page: 0 });
  const navigation = useNavigation.getState();
  if (navigation.route.name === 'contacts') void useContacts.getState().load();
  else navigation.go({ name: 'contacts' });
}
