// Two small registries for the pendência rules: a clean one of realistic Brazilian records (names
// with particles and apostrophes, the common providers, municípios written with and without
// accents) that must give no pendência, and a designed one where each record carries exactly one
// defect of the notice's cases.
import type { Professional } from '../../shared/domain';
import { cpfCheckDigits } from '../../shared/rules/cpf';
import { professional } from './professional.fixture';

/** The day the fixtures are checked on, so ages and "in the future" never drift. */
export const TODAY = '2026-06-15';

/** A valid CPF made from nine digits (its check digits computed by the rule). */
export function cpfFrom(nine: string): string {
  return nine + cpfCheckDigits(nine);
}

let nextId = 1;
function record(overrides: Partial<Professional>): Professional {
  const id = nextId++;
  return professional({ id, registrationNumber: String(1000 + id), cpf: cpfFrom(String(100000000 + id * 7919).slice(0, 9)), ...overrides });
}

export const CLEAN_REGISTRY: Professional[] = [
  record({ name: "Carla D'Ávila Mendes", email: 'carla.davila@yahoo.com.br', city: 'SAO PAULO', uf: 'SP', cep: '01310100' }),
  record({ name: "Pedro Sant'Anna", email: 'pedro.santanna@uol.com.br', city: 'São Paulo', uf: 'SP', phone: '1133334444' }),
  record({ name: 'Maria das Graças Souza', email: 'graca@bol.com.br', city: 'Embu das Artes', uf: 'SP', cep: '06803000' }),
  record({ name: 'João Batista dos Santos Filho', email: 'joao.filho@terra.com.br', city: "Santa Bárbara d'Oeste", uf: 'SP', cep: '13450000', maritalStatus: 'married' }),
  record({ name: 'Ana Luíza de Sá', email: 'analuiza@globo.com', city: 'Mogi Mirim', uf: 'SP', cep: '13800000', birthCity: 'Mogi Mirim', birthUf: 'SP' }),
  record({ name: 'Francisca Vieira', email: 'francisca@ig.com.br', city: 'Itaguaí', uf: 'RJ', cep: '23815000', birthCity: 'ITAGUAI', birthUf: 'RJ', phone: '21987654321' }),
  record({ name: 'Luciana Ferreira Lima', email: 'luciana@outlook.com', city: 'Rio de Janeiro', uf: 'RJ', cep: '20040002', birthCity: 'Niterói', birthUf: 'RJ', phone: '21998765432' }),
  record({ name: 'Rafaela Costa', email: 'rafaela@live.com', city: 'Belo Horizonte', uf: 'MG', cep: '30130000', birthCity: "Pingo-d'Água", birthUf: 'MG', phone: '31988887777' }),
  record({ name: 'Beatriz Nogueira', email: 'bia@icloud.com', city: 'Brasília', uf: 'DF', cep: '70040010', birthCity: 'Brasilia', birthUf: 'DF', phone: '61999990000' }),
  record({ name: 'Tereza Cristina Alves', email: 'tereza@hotmail.com', city: 'Salvador', uf: 'BA', cep: '40020000', birthCity: 'Feira de Santana', birthUf: 'BA', phone: '71991234567' }),
  record({ name: 'Josefa Maria da Conceição', email: 'josefa@gmail.com', city: 'Recife', uf: 'PE', cep: '50010000', birthCity: 'Caruaru', birthUf: 'PE', phone: '81987650000' }),
  record({ name: 'Sandra Regina Oliveira', email: 'sandra.oliveira@prefeitura.sp.gov.br', city: 'Campinas', uf: 'SP', cep: '13010000' }),
  record({ name: 'Cláudia Moreira', email: 'claudia.moreira@usp.edu.br', city: 'São José dos Campos', uf: 'SP', cep: '12210000' }),
  record({ name: 'Helena Prado', email: 'helena@cress-sp.org.br', city: 'Ribeirão Preto', uf: 'SP', cep: '14010000', phone: '16991112222' }),
  record({ name: 'Vera Lúcia Nascimento', email: 'vera@cfess.org.br', city: 'Porto Alegre', uf: 'RS', cep: '90010000', birthCity: 'Caxias do Sul', birthUf: 'RS', phone: '51999998888' }),
  record({ name: 'Márcia Gonçalves', email: 'marcia@empresa.com.br', city: 'Goiânia', uf: 'GO', cep: '74000000', maritalStatus: 'divorced', phone: '62981234567' }),
  record({ name: 'Raimunda Pereira', email: 'raimunda@ufpa.br', city: 'Belém', uf: 'PA', cep: '66010000', birthCity: 'Santarém', birthUf: 'PA', phone: '91988776655' }),
  record({ name: 'Antônia Souza', socialName: 'Antônia Souza', email: 'antonia@msn.com', city: 'Manaus', uf: 'AM', cep: '69005000', phone: '92991234567' }),
  record({ name: 'Eliane Barros', motherName: null, motherNotListed: true, email: 'eliane@gmail.com', city: 'Fortaleza', uf: 'CE', cep: '60010000' }),
  record({ name: 'Marta Ribeiro', fatherName: null, birthDate: '2008-06-15', email: 'marta@hotmail.com', city: 'Florianópolis', uf: 'SC', cep: '88010000', phone: '48999990000' }),
  record({ name: 'Sônia Maria Teixeira', birthDate: '1900-01-01', nationality: 'Estrangeira (Portugal)', birthCity: null, birthUf: null, email: 'sonia@sapo.pt' }),
];

export interface DesignedDefect {
  code: string;
  case: string;
  field: string | null;
  suggestion?: string;
  record: Professional;
}

function defect(code: string, kase: string, field: string | null, overrides: Partial<Professional>, suggestion?: string): DesignedDefect {
  return { code, case: kase, field, record: record(overrides), ...(suggestion ? { suggestion } : {}) };
}

export const DESIGNED_REGISTRY: DesignedDefect[] = [
  defect('CPF_INVALID', 'B', 'cpf', { cpf: '52998224726' }),
  defect('CPF_INVALID', 'B', 'cpf', { cpf: '11111111111' }),
  defect('EMAIL_MISSING', 'D', 'email', { email: null }),
  defect('EMAIL_INVALID', 'D', 'email', { email: 'maria.gmail.com' }),
  defect('EMAIL_TYPO', 'D', 'email', { email: 'maria@gmail.con' }, 'maria@gmail.com'),
  defect('EMAIL_TYPO', 'D', 'email', { email: 'ana.paula@hotmal.com' }, 'ana.paula@hotmail.com'),
  defect('EMAIL_TYPO', 'D', 'email', { email: 'rosa@yaho.com.br' }, 'rosa@yahoo.com.br'),
  defect('EMAIL_SHARED', 'D', 'email', { email: 'familia.souza@gmail.com' }),
  defect('PHONE_INVALID', 'D', 'phone', { phone: '2098765432' }),
  defect('PHONE_INVALID', 'D', 'phone', { phone: '11812345678' }),
  defect('CEP_INVALID', 'E', 'cep', { cep: '00123456' }),
  defect('CEP_UF_MISMATCH', 'E', 'cep', { cep: '20040002', city: 'São Paulo', uf: 'SP' }),
  defect('CITY_UNKNOWN', 'E', 'city', { city: 'Sao Palo', uf: 'SP' }),
  defect('CITY_UNKNOWN', 'E', 'city', { city: 'Niterói', uf: 'SP' }),
  defect('MOTHER_MISSING', 'F', 'motherName', { motherName: null, motherNotListed: false }),
  defect('MOTHER_PLACEHOLDER', 'F', 'motherName', { motherName: 'Não consta' }),
  defect('MOTHER_PLACEHOLDER', 'F', 'motherName', { motherName: 'IGNORADA' }),
  defect('NAME_SUSPECT', 'G', 'name', { name: 'Maria' }),
  defect('NAME_SUSPECT', 'G', 'name', { name: 'Maria da' }),
  defect('NAME_SUSPECT', 'G', 'name', { name: 'Mаria Souza' }), // a Cyrillic "а"
  defect('BIRTH_DATE_IMPLAUSIBLE', 'G', 'birthDate', { birthDate: '2027-01-10' }),
  defect('BIRTH_DATE_IMPLAUSIBLE', 'G', 'birthDate', { birthDate: '1890-01-01' }),
  defect('BIRTH_DATE_IMPLAUSIBLE', 'G', 'birthDate', { birthDate: '2010-03-01' }),
  defect('BIRTHPLACE_UNKNOWN', 'G', 'birthCity', { birthCity: 'Campinas', birthUf: 'RJ' }),
  defect('DIP_DATA_PENDING', 'G', null, { registrationNumber: 'DIP-PENDING' }),
];

/** The designed registry's shared e-mail is on one more professional, outside the list. */
export const SHARED_EMAILS: ReadonlySet<string> = new Set(['familia.souza@gmail.com']);
