// The window's menu as plain data (tested without Electron). An installed app has no DevTools item,
// and so no shortcut for them: Electron binds Ctrl+Shift+I / F12 only through a menu role.
import type { MenuItemConstructorOptions } from 'electron';

export function menuTemplate(options: { packaged: boolean; onAbout(): void }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: 'Tamanho normal' },
    { role: 'zoomIn', label: 'Aumentar' },
    { role: 'zoomOut', label: 'Diminuir' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Tela cheia' },
  ];
  if (!options.packaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    { label: 'Arquivo', submenu: [{ role: 'quit', label: 'Sair' }] },
    {
      label: 'Editar',
      submenu: [
        { role: 'undo', label: 'Desfazer' },
        { role: 'redo', label: 'Refazer' },
        { type: 'separator' },
        { role: 'cut', label: 'Recortar' },
        { role: 'copy', label: 'Copiar' },
        { role: 'paste', label: 'Colar' },
        { role: 'selectAll', label: 'Selecionar tudo' },
      ],
    },
    { label: 'Exibir', submenu: view },
    { label: 'Ajuda', submenu: [{ label: 'Sobre o CRESS Desk', click: () => options.onAbout() }] },
  ];
}
