// The correction form's e-mail: once the clerk has typed a valid address, the store is asked whether
// another professional already has it, so the EMAIL_SHARED pendência is said under the field before
// saving rather than found on the record afterwards.
import { useEffect, useState } from 'react';
import { parseEmail } from '../../shared/rules/email';
import { call } from '../api/client';

/** Waits for a pause in the typing: one question per address, not one per key. */
const PAUSE_MS = 250;

/** The typed e-mail (normalised) when another record holds it, else null. */
export function useEmailInUse(typed: string | undefined, professionalId: number): string | null {
  const [inUse, setInUse] = useState<string | null>(null);
  const parsed = typed === undefined ? null : parseEmail(typed);
  const email = parsed?.ok ? parsed.value : null;

  useEffect(() => {
    if (email === null) return;
    let current = true;
    const timer = setTimeout(() => {
      void call('registry:emailInUse', { email, professionalId })
        .then((answer) => {
          if (current) setInUse(answer.inUse ? email : null);
        })
        .catch(() => undefined); // No answer: the pendência is found after saving, as before.
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [email, professionalId]);

  return email !== null && email === inUse ? email : null;
}
