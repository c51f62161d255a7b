// The correction form's CEP: once the clerk has typed a whole CEP that the council's CEP directory
// knows, the street, district, município and UF come from it (still editable), as a clerk expects
// from every address form — only the fields the clerk has not typed in this correction.
import { useEffect, useRef, useState } from 'react';
import type { CepEntry } from '../../shared/contract/cep';
import { parseCep } from '../../shared/rules/cep';
import { call } from '../api/client';

export const CEP_FILLED_FIELDS = ['street', 'district', 'city', 'uf'] as const;
export type CepFilledField = (typeof CEP_FILLED_FIELDS)[number];

/**
 * Looks the typed CEP up once it is whole and new; `fill` gets the directory's entry. Answers the CEP
 * whose address was filled (for a note under the field), or null.
 */
export function useCepFill(typed: string | undefined, fill: (entry: CepEntry) => void): string | null {
  const asked = useRef<string | null>(null);
  const [filled, setFilled] = useState<string | null>(null);
  const fillRef = useRef(fill);
  fillRef.current = fill;
  const parsed = typed === undefined ? null : parseCep(typed);
  const cep = parsed?.ok ? parsed.value : null;

  useEffect(() => {
    if (cep === null || cep === asked.current) return;
    asked.current = cep;
    let current = true;
    void call('cep:list', { text: cep, page: 0, pageSize: 1 })
      .then((page) => {
        const entry = page.items[0];
        if (!current || entry?.cep !== cep) return;
        fillRef.current(entry);
        setFilled(cep);
      })
      .catch(() => undefined); // No directory answer: the clerk types the address, as before.
    return () => {
      current = false;
    };
  }, [cep]);

  return cep !== null && cep === filled ? cep : null;
}
