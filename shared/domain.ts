// Vocabulary of the registry: the closed sets every layer agrees on.
export const UFS = [
  'AC', 'AL', 'AM', 'AP', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MG', 'MS', 'MT', 'PA', 'PB', 'PE', 'PI', 'PR',
  'RJ', 'RN', 'RO', 'RR', 'RS', 'SC', 'SE', 'SP', 'TO',
] as const;
export type Uf = (typeof UFS)[number];

/**
 * The DIP's life: requested online, `awaiting_documents` (the signed form, the 3×4 photo and the
 * payment receipt are on their way to the council), confirmed, in manufacture, issued, and
 * `delivered` to the professional by the council.
 */
export const DIP_STATUSES = ['none', 'requested', 'awaiting_documents', 'confirmed', 'in_manufacture', 'issued', 'delivered'] as const;
export type DipStatus = (typeof DIP_STATUSES)[number];

/** The DIP's paper side, which arrives by post or in person: signed form, 3×4 photo, payment receipt. */
export const DIP_PAPER_ITEMS = ['form', 'photo', 'payment_receipt'] as const;
export type DipPaperItem = (typeof DIP_PAPER_ITEMS)[number];

/** How a paper item reached the council. */
export const DIP_PAPER_WAYS = ['post', 'in_person'] as const;
export type DipPaperWay = (typeof DIP_PAPER_WAYS)[number];

export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'separated', 'widowed', 'stable_union'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

/** `cancelled`: withdrawn by the clerk before it left the desk (never in a sealed batch). */
export const CORRECTION_STATUSES = ['pending', 'batched', 'sent', 'synced', 'rejected', 'cancelled'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** A batch for Implanta: open (being reviewed), sealed (fixed for good), exported, sent, acknowledged; or cancelled before sealing. */
export const BATCH_STATES = ['open', 'sealed', 'exported', 'sent', 'acknowledged', 'cancelled'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** `conflict`: the clerk took the main system's value over a correction already in a batch (it supersedes it). */
export const CORRECTION_SOURCES = ['manual', 'import', 'conflict'] as const;
export type CorrectionSource = (typeof CORRECTION_SOURCES)[number];

/** What a change of identification data means for the professional's DIP request. */
export const DIP_CONSEQUENCES = ['none', 'correct_dip_request', 'new_card_required'] as const;
export type DipConsequence = (typeof DIP_CONSEQUENCES)[number];

/**
 * What the clerk must tell the professional about the DIP request, beyond any consequence:
 * `wait_for_sync`, a DIP only requested must not be confirmed until the correction is synced.
 */
export const DIP_WARNINGS = ['wait_for_sync'] as const;
export type DipWarning = (typeof DIP_WARNINGS)[number];

/** How the clerk dealt with a rejection from Implanta: corrected again, or dismissed with a note. */
export const REJECTION_RESOLUTIONS = ['corrected', 'dismissed'] as const;
export type RejectionResolution = (typeof REJECTION_RESOLUTIONS)[number];

/** Where a pendência comes from: `rule`, the record as stored; `load`, a value of the main system that could not be kept. */
export const PENDENCY_SOURCES = ['rule', 'load'] as const;
export type PendencySource = (typeof PENDENCY_SOURCES)[number];

/** The clerk's choice on a registry conflict: `kept`, the correction stays; `file`, the main system's value is taken. */
export const CONFLICT_CHOICES = ['kept', 'file'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

/** How the document reached the council: at the desk, by post, by e-mail, or told over the phone. */
export const EVIDENCE_ARRIVALS = ['in_person', 'post', 'email', 'phone'] as const;
export type EvidenceArrival = (typeof EVIDENCE_ARRIVALS)[number];

/** A professional as stored (the contract's shape: shared/contract/registry.ts). */
export type { Professional } from './contract/registry';

export interface Evidence {
  /** What document was seen, e.g. "RG", "Certidão de casamento". */
  kind: string;
  arrival: EvidenceArrival;
  /** ISO date the document was received. */
  date: string;
  /** Optional free note (document number, envelope, ...). */
  note?: string | null;
}
