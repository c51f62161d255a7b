// Whether a place to save a file can take it, checked before the work that ends by saving it: a
// folder that is not there, is not a folder or may not be written to, and a path naming a folder,
// are refused naming the path — so an import asked to save its error report there writes nothing,
// rather than failing at the end with its rows already written.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { AppError } from '../shared/errors';

function errno(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? String(error);
}

function folderProblem(folder: string): string | null {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    const code = errno(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return `a pasta ${folder} não existe. Escolha outra pasta ou crie-a antes`;
    return `a pasta ${folder} não pode ser aberta (${code}). Escolha outra pasta`;
  }
  if (!isFolder) return `${folder} não é uma pasta. Escolha outra pasta`;
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    return `a pasta ${folder} não permite gravar arquivos (${errno(error)}). Escolha outra pasta`;
  }
  return null;
}

/** Why no file can be saved at `path` (Portuguese, without the final stop), or null. An existing file is the caller's to judge. */
function saveDestinationProblem(path: string): string | null {
  if (!isAbsolute(path)) return 'informe o caminho completo do arquivo';
  const problem = folderProblem(dirname(path));
  if (problem) return problem;
  try {
    if (statSync(path).isDirectory()) return 'esse caminho é uma pasta. Informe o nome do arquivo';
  } catch {
    // Nothing there yet — or a name the file system refuses, which only saving the file finds out.
  }
  return null;
}

/** Refuses (EXPORT_DESTINATION, naming the path) a place no file can be saved to. */
export function checkSaveDestination(path: string): void {
  const problem = saveDestinationProblem(path);
  if (problem) throw new AppError('EXPORT_DESTINATION', `Não é possível salvar ${path}: ${problem}. Nada foi gravado.`);
}
