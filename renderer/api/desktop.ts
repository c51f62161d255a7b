// Files in and out of the app. In Electron: native dialogs and the file manager through the
// preload. In the browser preview: the chosen file is uploaded to the host, and a file the app
// writes goes to a place the host gives, which the browser then downloads. Either way the window
// gets a handle and a name, never a path: the contract's file fields take only those handles.
import type { FileFilter, PickedFile } from '../../shared/contract/channels';
import { demoFileName } from '../../shared/regions';
import { useSession } from '../stores/session';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { ClientError, hostToken } from './client';

const bridge = () => window.cress?.desktop;

const TOO_LARGE_MESSAGE = 'O arquivo é grande demais para a prévia no navegador (até 512 MB): use o aplicativo instalado ou a linha de comando.';

async function hostPost(path: string, body: BodyInit, contentType: string): Promise<Response> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': contentType, 'x-cress-token': (await hostToken()) ?? '' }, body });
  if (response.status === 413) throw new ClientError('FILE_UNREADABLE', TOO_LARGE_MESSAGE);
  if (!response.ok) throw (await hostRefusal(response)) ?? new ClientError('INTERNAL', 'Não foi possível transferir o arquivo.');
  return response;
}

/** The host's own refusal of a transfer (a full temporary disk…), when it sent one the clerk can read. */
async function hostRefusal(response: Response): Promise<ClientError | null> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof message !== 'string' || !(ERROR_CODES as readonly unknown[]).includes(code)) return null;
    return new ClientError(code as ErrorCode, message);
  } catch {
    return null;
  }
}

function chooseInBrowser(filters: FileFilter[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
    input.style.display = 'none';
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    document.body.append(input);
    input.click();
    setTimeout(() => input.remove(), 0);
  });
}

/** Asks the clerk for a file to read; null when she gives up. */
export async function pickFile(title: string, filters: FileFilter[]): Promise<PickedFile | null> {
  const desktop = bridge();
  if (desktop) return (await desktop('desktop:pickFile', { title, filters })) as PickedFile | null;
  const file = await chooseInBrowser(filters);
  return file ? uploadFile(file) : null;
}

/** Hands a browser File to the host, which keeps it for this session and answers its handle. */
export async function uploadFile(file: File): Promise<PickedFile> {
  const response = await hostPost(`/api/upload?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream');
  return (await response.json()) as PickedFile;
}

/** Whether folders can be chosen (a native dialog); the browser preview cannot. */
export function canPickFolder(): boolean {
  return bridge() !== undefined;
}

/** A folder chosen in a native dialog (`name` is its whole path); null when the clerk gives up or in the preview. */
export async function pickFolder(title: string): Promise<PickedFile | null> {
  const desktop = bridge();
  return desktop ? ((await desktop('desktop:pickFolder', { title })) as PickedFile | null) : null;
}

/**
 * Where to write a file the app produces; null when the clerk gives up. The native dialog asks
 * before replacing a file; the preview's place is always new (the browser names the download).
 * On a demo desk every name suggested here says DEMONSTRACAO, unless the store already named the
 * file itself (`storeNamed`: a lote's name is fixed when it is sealed).
 */
export async function chooseSavePath(title: string, name: string, filters: FileFilter[], options: { storeNamed?: boolean } = {}): Promise<PickedFile | null> {
  const suggestedName = options.storeNamed ? name : demoFileName(name, useSession.getState().info?.settings?.demo === true);
  const desktop = bridge();
  if (desktop) return (await desktop('desktop:chooseSavePath', { title, suggestedName, filters })) as PickedFile | null;
  const response = await hostPost('/api/save-path', JSON.stringify({ suggestedName }), 'application/json');
  return (await response.json()) as PickedFile;
}

/** After the app wrote to a place from chooseSavePath: in the browser, download it; in Electron it is already there. */
export async function deliver(file: PickedFile): Promise<void> {
  if (bridge()) return;
  const response = await hostPost('/api/download', JSON.stringify({ handle: file.handle }), 'application/json');
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens an e-mail draft the desk wrote in the computer's mail program; false where that is not possible (browser preview). */
export async function openDraft(path: string): Promise<boolean> {
  const desktop = bridge();
  return desktop ? Boolean(await desktop('desktop:openDraft', path)) : false;
}

/** Shows a file the desk wrote or was given in the system's file manager; false where that is not possible (browser preview). */
export async function reveal(path: string): Promise<boolean> {
  const desktop = bridge();
  return desktop ? Boolean(await desktop('desktop:reveal', path)) : false;
}
