// `cress-desk operator list | add NAME | disable NAME | reset-pin NAME`: the operators who sign the
// desk's writes. Adding and disabling are signed by --operator with its PIN; a reset clears the
// PIN (the operator's next session sets a new one) and takes the council's admin PIN instead.
import type { Operator } from '../../shared/contract/operators';
import { formatCount } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { ADMIN_PIN_FILE_ENV, readPin } from './signIn';
import { EXIT, commandGroup, commandsOf, type CliContext, type CliModule } from './types';

function line(o: Operator): string {
  const state = o.disabled ? 'disabled' : o.lockedUntil ? `waiting until ${formatDateTimeBr(o.lockedUntil)}` : o.hasPin ? 'active' : 'active, no PIN yet';
  return `${o.name} (${state})`;
}

async function operatorNamed(context: CliContext, name: string): Promise<Operator> {
  const { operators } = await context.call('operators:list', {});
  const found = operators.find((o) => o.name.toLowerCase() === name.trim().toLowerCase());
  if (!found) throw new AppError('OPERATOR_NOT_FOUND', `Não há operador chamado ${name.trim()}.`);
  return found;
}

export const operatorsCli: CliModule = (program, action) => {
  const command = commandsOf(commandGroup(program, 'operator', 'The operators who sign the writes'));
  command('list', 'Every operator, the active ones first')
    .action(
      action(async (context) => {
        const result = await context.call('operators:list', {});
        const text = result.operators.length === 0 ? 'No operators.' : result.operators.map(line).join('\n');
        return { result, text, exit: EXIT.ok };
      }),
    );
  command('add', 'Add an operator (its first session sets its PIN)')
    .argument('<name>', 'the full name, 2 to 80 characters')
    .action(
      action(async (context) => {
        const name = (context.args[0] ?? '').trim();
        if (name.length < 2 || name.length > 80) throw new AppError('INPUT_INVALID', `O nome do operador precisa ter de 2 a 80 caracteres (tem ${formatCount(name.length)}).`);
        const result = await context.call('operators:add', { name });
        return { result, text: `Operator added: ${result.name}. The PIN is set at the first session.`, exit: EXIT.ok };
      }),
    );
  command('disable', 'Disable an operator (never deleted: the audit names them)')
    .argument('<name>', 'the operator')
    .action(
      action(async (context) => {
        const target = await operatorNamed(context, context.args[0] ?? '');
        const result = await context.call('operators:disable', { id: target.id });
        return { result, text: `Operator disabled: ${result.name}.`, exit: EXIT.ok };
      }),
    );
  command('reset-pin', `Clear an operator's PIN with the council's admin PIN (from ${ADMIN_PIN_FILE_ENV} or the terminal)`)
    .argument('<name>', 'the operator')
    .action(
      action(async (context) => {
        const target = await operatorNamed(context, context.args[0] ?? '');
        const adminPin = await readPin(context.env, ADMIN_PIN_FILE_ENV, 'PIN de administrador', 'PIN de administrador do CRESS: ');
        const result = await context.call('operators:resetPin', { id: target.id, adminPin });
        return { result, text: `PIN cleared: ${result.name} sets a new one at the next session.`, exit: EXIT.ok };
      }),
    );
};
