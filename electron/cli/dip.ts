// `cress-desk dip items|arrive|undo`: the DIP's paper side of a professional found by CPF or
// registration number — which of the signed form, the 3×4 photo and the payment receipt arrived
// (an arrival only while the request can use it: the store refuses it otherwise).
import type { DipPaper } from '../../shared/contract';
import { DIP_PAPER_ITEMS, DIP_PAPER_WAYS, type DipPaperItem, type DipPaperWay, type Professional } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatDateBr } from '../../shared/rules/dates';
import { DIP_PAPER_ITEM_LABELS, DIP_PAPER_WAY_LABELS, paperSummary } from '../../shared/rules/dipPaper';
import { DIP_LABELS } from '../../shared/rules/vocabulary';
import { EXIT, commandGroup, commandsOf, optionText, type CliContext, type CommandOutcome, type CliModule } from './types';

async function professionalOf(context: CliContext): Promise<Professional> {
  const [key = ''] = context.args;
  const found = await context.call('registry:find', { key: key.trim() });
  if (!found) throw new AppError('PROFESSIONAL_NOT_FOUND', `Nenhum cadastro com CPF ou registro ${key}.`);
  return found;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new AppError('VALUE_INVALID', `--${option} inválido: use ${allowed.join(', ')}.`, { field: option });
}

function render(p: Professional, paper: DipPaper): string {
  const width = Math.max(...DIP_PAPER_ITEMS.map((item) => DIP_PAPER_ITEM_LABELS[item].length));
  return [
    `${p.name} (registro ${p.registrationNumber}) — DIP: ${DIP_LABELS[paper.dipStatus]}`,
    ...paper.items.map(({ item, arrival }) => {
      const state = arrival ? `chegou em ${formatDateBr(arrival.arrivedOn)}, ${DIP_PAPER_WAY_LABELS[arrival.way]} (registrado por ${arrival.operator})` : 'não chegou';
      return `  ${DIP_PAPER_ITEM_LABELS[item].padEnd(width)}  ${state}`;
    }),
    paperSummary(paper),
  ].join('\n');
}

async function items(context: CliContext): Promise<CommandOutcome> {
  const p = await professionalOf(context);
  const result = await context.call('dip:items', { professionalId: p.id });
  return { result, text: render(p, result), exit: EXIT.ok };
}

async function arrive(context: CliContext): Promise<CommandOutcome> {
  const item = oneOf<DipPaperItem>(optionText(context, 'item'), DIP_PAPER_ITEMS, 'item');
  const way = oneOf<DipPaperWay>(optionText(context, 'way'), DIP_PAPER_WAYS, 'way');
  const arrivedOn = optionText(context, 'date') ?? '';
  const p = await professionalOf(context);
  const result = await context.call('dip:arrive', { professionalId: p.id, item, arrivedOn, way }).catch((error: unknown) => {
    // The store speaks of "a data de chegada": on the command line that is what --date said.
    if (!(error instanceof AppError) || error.code !== 'DATE_INVALID') throw error;
    throw new AppError('DATE_INVALID', `--date ${arrivedOn.trim()}: ${error.message}`, { field: error.field, details: error.details });
  });
  return { result, text: render(p, result), exit: EXIT.ok };
}

async function undo(context: CliContext): Promise<CommandOutcome> {
  const item = oneOf<DipPaperItem>(optionText(context, 'item'), DIP_PAPER_ITEMS, 'item');
  const p = await professionalOf(context);
  const result = await context.call('dip:undo', { professionalId: p.id, item });
  return { result, text: render(p, result), exit: EXIT.ok };
}

export const dipCli: CliModule = (program, action) => {
  const command = commandsOf(commandGroup(program, 'dip', "The DIP's paper side: signed form, 3x4 photo, payment receipt"));
  /** A command about one professional's DIP, found by the key given. */
  const onOne = (name: string, description: string) => command(name, description).argument('<key>', 'CPF or registration number');
  const ITEM = ['--item <item>', `the item: ${DIP_PAPER_ITEMS.join(', ')}`] as const;
  onOne('items', 'Show which paper items of the DIP arrived, and what is missing').action(action(items));
  onOne('arrive', 'Record the arrival of a paper item of a DIP requested, awaiting documents or confirmed')
    .requiredOption(...ITEM)
    .requiredOption('--date <dd/mm/aaaa>', 'the day it arrived (from 01/01/2000, not after today)')
    .requiredOption('--way <way>', `how it came: ${DIP_PAPER_WAYS.join(', ')}`)
    .action(action(arrive));
  onOne('undo', "Undo an item's arrival recorded by mistake").requiredOption(...ITEM).action(action(undo));
};
