// Every closed vocabulary has a word for each of its codes, and no word for a code it lacks.
import { describe, expect, it } from 'vitest';
import { IMPORT_KIND_LABELS, IMPORT_KINDS } from '../../../shared/contract/imports';
import {
  BATCH_STATE_LABELS,
  CORRECTION_SOURCE_LABELS,
  CORRECTION_STATUS_LABELS,
  EVIDENCE_ARRIVAL_LABELS,
  inSentence,
  labelOf,
} from '../../../shared/display/labels';
import {
  BATCH_STATES,
  CORRECTION_SOURCES,
  CORRECTION_STATUSES,
  DIP_CONSEQUENCES,
  DIP_STATUSES,
  EVIDENCE_ARRIVALS,
  MARITAL_STATUSES,
} from '../../../shared/domain';
import { DIP_CONSEQUENCE_LABELS } from '../../../shared/rules/dip';
import { DIP_LABELS, MARITAL_LABELS } from '../../../shared/rules/vocabulary';

const TABLES: [name: string, codes: readonly string[], labels: Record<string, string>][] = [
  ['correction status', CORRECTION_STATUSES, CORRECTION_STATUS_LABELS],
  ['evidence arrival', EVIDENCE_ARRIVALS, EVIDENCE_ARRIVAL_LABELS],
  ['correction source', CORRECTION_SOURCES, CORRECTION_SOURCE_LABELS],
  ['batch state', BATCH_STATES, BATCH_STATE_LABELS],
  ['DIP status', DIP_STATUSES, DIP_LABELS],
  ['marital status', MARITAL_STATUSES, MARITAL_LABELS],
  ['DIP consequence', DIP_CONSEQUENCES, DIP_CONSEQUENCE_LABELS],
  ['import kind', IMPORT_KINDS, IMPORT_KIND_LABELS],
];

describe('label tables', () => {
  it.each(TABLES)('give every %s a word of its own, and words only to its codes', (_name, codes, labels) => {
    for (const code of codes) expect(labels[code]?.trim(), code).toBeTruthy();
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    expect(new Set(Object.values(labels)).size).toBe(codes.length);
  });

  it('keep the words of the lote package CSV: a change here changes the bytes of every package', () => {
    expect(EVIDENCE_ARRIVAL_LABELS).toEqual({ in_person: 'Pessoalmente', post: 'Pelos Correios', email: 'Por e-mail', phone: 'Por telefone' });
    expect(CORRECTION_SOURCE_LABELS).toEqual({ manual: 'Manual', import: 'Importação', conflict: 'Cadastro principal (conflito)' });
  });
});

describe('labelOf', () => {
  it('gives the word of a known code and shows an unknown one as it is', () => {
    expect(labelOf(CORRECTION_STATUS_LABELS, 'batched')).toBe('Em lote');
    expect(labelOf(EVIDENCE_ARRIVAL_LABELS, 'fax')).toBe('fax');
  });

  it('never mistakes a name of every object for a code', () => {
    expect(labelOf(EVIDENCE_ARRIVAL_LABELS, 'constructor')).toBe('constructor');
    expect(labelOf(EVIDENCE_ARRIVAL_LABELS, '__proto__')).toBe('__proto__');
  });
});

describe('inSentence', () => {
  it('lowers only the first letter of a label', () => {
    expect(inSentence(BATCH_STATE_LABELS.open)).toBe('em revisão');
    expect(inSentence('Pelos Correios')).toBe('pelos Correios');
    expect(inSentence('')).toBe('');
  });
});
