// Who an item of Implanta's answer is about, as the clerk knows it: the CPF of the correction's
// record, or the CEP of a CEP change; null for an id this desk does not have.
import type { Database } from 'better-sqlite3';
import { formatCep } from '../../shared/rules/cep';
import { formatCpf } from '../../shared/rules/cpf';
import { statement } from '../statements';
import type { ItemNamer } from './ackJsonErrors';

export function itemNamer(db: Database): ItemNamer {
  return (id) => {
    const cpf = statement<{ cpf: string }>(db, 'SELECT p.cpf FROM corrections c JOIN professionals p ON p.id = c.professional_id WHERE c.uuid = ?').get(id);
    if (cpf) return `CPF ${formatCpf(cpf.cpf)}`;
    const cep = statement<{ cep: string }>(db, 'SELECT cep FROM cep_changes WHERE uuid = ?').get(id);
    return cep ? `CEP ${formatCep(cep.cep)}` : null;
  };
}
