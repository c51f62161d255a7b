// The command line has no form open on the record: it reads the record, and its save may then wait
// its turn behind a lote answer or an import writing the same record. A change to fields the
// command neither corrects nor rests on (db/imports/writer/stillRight.ts) does not make it wrong:
// it is saved on the record as it is now. A change to those is refused naming the field, in words
// for a terminal — not the form's "recarregue o cadastro".
import { fieldsRestedOn } from '../../db/imports/writer/stillRight';
import { AppError } from '../../shared/errors';
import { fieldLabel } from '../../shared/fields';
import type { Professional } from '../../shared/contract/registry';
import type { CliContext } from './types';

/** Fields of the record that are not correction fields, as the clerk knows them. */
const OTHER_LABELS: { [field: string]: string } = { registrationNumber: 'Registro', dipStatus: 'Situação do DIP' };
const labelOf = (field: string) => OTHER_LABELS[field] ?? fieldLabel(field);

const MOTHER_PAIR = ['motherName', 'motherNotListed'];
const ATTEMPTS = 3;

/** The fields the correction rests on, as the record names them (the mother's name and flag go together). */
function restedOn(fields: readonly string[]): string[] {
  const all = fieldsRestedOn(fields.some((field) => MOTHER_PAIR.includes(field)) ? [...fields, ...MOTHER_PAIR] : fields);
  return [...all];
}

/** Saves with `save(rowVersion)`, on the record as it is now when only what the command does not rest on changed meanwhile. */
export async function saveOnLatest<T>(context: CliContext, first: Professional, fields: readonly string[], save: (rowVersion: number) => Promise<T>): Promise<T> {
  let seen = first;
  for (let attempt = 1; ; attempt++) {
    try {
      return await save(seen.rowVersion);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VERSION_CONFLICT' || attempt === ATTEMPTS) throw error;
      const now = await context.call('registry:find', { key: first.registrationNumber });
      const changed = now === null ? 'registrationNumber' : restedOn(fields).find((field) => JSON.stringify(now[field as keyof Professional]) !== JSON.stringify(first[field as keyof Professional]));
      if (now === null || changed !== undefined) {
        throw new AppError(
          'VERSION_CONFLICT',
          `O cadastro mudou enquanto o comando esperava a vez de gravar: “${labelOf(changed ?? 'registrationNumber')}” foi alterado por outra pessoa ou por uma importação. Nada foi gravado: confira o cadastro e rode o comando de novo.`,
          { field: changed },
        );
      }
      seen = now;
    }
  }
}
