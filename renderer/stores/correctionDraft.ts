// Half-filled correction forms, one per professional, kept while the clerk moves between screens.
import { create } from 'zustand';
import type { Professional } from '../../shared/domain';
import type { FieldName } from '../../shared/fields';
import { newDraft, type CorrectionDraft } from '../lib/draft';

/** The parts of the form outside the record's own fields. */
export type FormPatch = Partial<
  Pick<CorrectionDraft, 'motherChoice' | 'reason' | 'evidenceKind' | 'evidenceArrival' | 'evidenceDate' | 'evidenceNote' | 'contactId'>
>;

interface DraftState {
  drafts: Record<number, CorrectionDraft>;
  /** Professionals whose form is open (it reopens when the clerk comes back). */
  open: Record<number, boolean>;
  start(professional: Professional): void;
  /** "Corrigir dados" on an atendimento: the record's form opens naming it, once the record is shown. */
  requested: { professionalId: number; contactId: number } | null;
  request(professionalId: number, contactId: number): void;
  /** The record screen took the request: its form is open with the atendimento chosen. */
  startRequested(professional: Professional): boolean;
  editField(id: number, field: FieldName, value: string): void;
  editForm(id: number, patch: FormPatch): void;
  /** Bookkeeping of the form (errors, conflict, row version): not the clerk's typing. */
  update(id: number, patch: Partial<CorrectionDraft>): void;
  visit(id: number, field: string): void;
  close(id: number): void;
  discard(id: number): void;
  /** Every draft gone: another operator is about to work (nobody signs what someone else typed). */
  clear(): void;
}

/** A new edit makes the store's earlier complaint about that field obsolete. */
function withoutErrors(draft: CorrectionDraft, keys: string[]): CorrectionDraft['serverErrors'] {
  const errors = { ...draft.serverErrors };
  for (const key of keys) delete errors[key];
  // The mother's name and flag are one fact: an error on one is about both.
  if (keys.includes('motherChoice') || keys.includes('motherName')) {
    delete errors.motherName;
    delete errors.motherNotListed;
  }
  return errors;
}

export const useDrafts = create<DraftState>()((set, get) => {
  const change = (id: number, make: (draft: CorrectionDraft) => CorrectionDraft) =>
    set((s) => {
      const draft = s.drafts[id];
      return draft ? { drafts: { ...s.drafts, [id]: make(draft) } } : s;
    });

  return {
    drafts: {},
    open: {},
    requested: null,
    request(professionalId, contactId) {
      set({ requested: { professionalId, contactId } });
    },
    startRequested(professional) {
      const { requested } = get();
      if (requested?.professionalId !== professional.id) return false;
      set((s) => {
        const draft = s.drafts[professional.id] ?? newDraft(professional);
        return {
          requested: null,
          drafts: { ...s.drafts, [professional.id]: { ...draft, contactId: requested.contactId } },
          open: { ...s.open, [professional.id]: true },
        };
      });
      return true;
    },
    start(professional) {
      set((s) => ({
        drafts: s.drafts[professional.id] ? s.drafts : { ...s.drafts, [professional.id]: newDraft(professional) },
        open: { ...s.open, [professional.id]: true },
      }));
    },
    editField(id, field, value) {
      change(id, (d) => ({ ...d, edits: { ...d.edits, [field]: value }, serverErrors: withoutErrors(d, [field]) }));
    },
    editForm(id, patch) {
      change(id, (d) => ({ ...d, ...patch, serverErrors: withoutErrors(d, Object.keys(patch)) }));
    },
    update(id, patch) {
      change(id, (d) => ({ ...d, ...patch }));
    },
    visit(id, field) {
      change(id, (d) => (d.visited[field] ? d : { ...d, visited: { ...d.visited, [field]: true } }));
    },
    close(id) {
      set((s) => ({ open: { ...s.open, [id]: false } }));
    },
    clear() {
      set({ drafts: {}, open: {}, requested: null });
    },
    discard(id) {
      set((s) => {
        const drafts = { ...s.drafts };
        delete drafts[id];
        return { drafts, open: { ...s.open, [id]: false } };
      });
    },
  };
});
