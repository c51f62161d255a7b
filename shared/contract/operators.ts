// Channels of the operators: who works at the desk, the choice that starts each session (name and
// PIN), and the council's admin PIN that resets a forgotten one.
import { z } from 'zod';
import { empty, typedLine } from './common';

/** 4 to 8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'O PIN tem de 4 a 8 algarismos.');

export const operatorSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** False until the operator's first session sets the PIN (a new operator, a reset, an older store's). */
  hasPin: z.boolean(),
  disabled: z.boolean(),
  /** While five wrong PINs make the operator wait: until when (ISO). */
  lockedUntil: z.string().nullable(),
});
export type Operator = z.infer<typeof operatorSchema>;

/** The longest operator's name the store keeps (the forms say so before sending). */
export const OPERATOR_NAME_MAX = 80;

export const operatorsContract = {
  /** Every operator, the active ones first, each group by name. */
  'operators:list': {
    input: empty,
    output: z.object({ operators: z.array(operatorSchema), adminPinSet: z.boolean() }),
  },
  'operators:add': { input: z.object({ name: typedLine(OPERATOR_NAME_MAX, 2) }).strict(), output: operatorSchema },
  /** Never deleted: the audit trail names them. */
  'operators:disable': { input: z.object({ id: z.number().int() }).strict(), output: operatorSchema },
  /** Clears the PIN (the operator's next session sets a new one); only with the council's admin PIN. */
  'operators:resetPin': { input: z.object({ id: z.number().int(), adminPin: pinSchema }).strict(), output: operatorSchema },
  /** Sets the council's admin PIN once; refused when it is already set. */
  'operators:setAdminPin': { input: z.object({ pin: pinSchema }).strict(), output: z.object({ adminPinSet: z.literal(true) }) },
  /** Starts the session as `name`: its PIN, or — when it has none yet — the PIN it will have from now on. */
  'session:start': {
    input: z.object({ name: typedLine(OPERATOR_NAME_MAX, 1), pin: pinSchema }).strict(),
    output: z.object({ operator: z.string(), pinSet: z.boolean() }),
  },
  /** Back to the choice of who works (Trocar). */
  'session:end': { input: empty, output: z.object({ operator: z.null() }) },
} as const;
