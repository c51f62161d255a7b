// Maria as the tests of registry loads meeting the desk's corrections tell her story: the main
// system's row for her, the e-mail it first loaded, the desk's correction of it, and the third
// value the main system sends later.
import { validCpf } from './fixtures';

export const MARIA_HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
export const mariaRow = (email: string) => `40001;${validCpf(40001)};Maria Souza;Rita Souza;${email}`;
export const LOADED = 'maria@exemplo.com.br';
export const CORRECTED = 'maria.souza@gmail.com';
export const MAIN_SYSTEM = 'msouza@uol.com.br';
