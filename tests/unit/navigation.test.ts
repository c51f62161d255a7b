// Each screen has an address the window's history keeps; an address the app does not know opens Início.
import { describe, expect, it } from 'vitest';
import { routeFromHash, routeToHash, type Route } from '../../renderer/stores/navigation';

describe('screen addresses', () => {
  it('give back the screen they were made from', () => {
    const routes: Route[] = [{ name: 'home' }, { name: 'registry' }, { name: 'record', id: 12 }, { name: 'batch', id: 3 }, { name: 'contact', id: 7 }, { name: 'settings' }];
    for (const route of routes) expect(routeFromHash(routeToHash(route))).toEqual(route);
    expect(routeToHash({ name: 'record', id: 12 })).toBe('#/profissional/12');
  });

  it('refuse what no screen answers to', () => {
    for (const hash of ['', '#/', '#/nada', '#/profissional', '#/profissional/0', '#/profissional/abc', '#/cadastro/3', '#/lote/1/2']) expect(routeFromHash(hash)).toBeNull();
  });
});
