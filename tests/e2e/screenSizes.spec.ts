// A council screen is often 1024×700: every screen fits its width (neither the page nor a table
// scrolls sideways) and no button is cut, there, at 1280×720 (where the full menu leaves the
// content hardly wider than at 1024) and at 1366×768; under 1200 px the menu keeps its icons, named by tooltips.
import type { Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const SCREENS = ['Início', 'Cadastro', 'Pendências', 'Atendimentos', 'Correções', 'Importar', 'Lotes', 'CEPs', 'Backups', 'Configurações'];

/** What does not fit: the page's sideways scroll, and each visible button cut by the window or by its own box. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    // A table that scrolls inside its frame hides its last columns (status, actions) just the same.
    document.querySelectorAll<HTMLElement>('.MuiTableContainer-root').forEach((table) => {
      if (table.scrollWidth > table.clientWidth + 1) problems.push(`table "${table.querySelector('table')?.getAttribute('aria-label') ?? ''}" scrolls sideways`);
    });
    for (const button of Array.from(document.querySelectorAll<HTMLElement>('button, [role="button"], a[href]'))) {
      const box = button.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(button).visibility === 'hidden') continue;
      const name = (button.getAttribute('aria-label') ?? button.textContent ?? '').trim().slice(0, 40);
      if (box.right > root.clientWidth + 1 || box.left < -1) problems.push(`"${name}" outside the window`);
      else if (button.scrollWidth > button.clientWidth + 1 && getComputedStyle(button).overflow !== 'visible') problems.push(`"${name}" cut`);
    }
    return problems;
  });
}

async function deskWithWork(desk: { cli(...args: string[]): Promise<{ code: number | null }> }) {
  await desk.cli('init', '--region', '9', '--operator', 'Maria Aparecida dos Santos Oliveira');
  await desk.cli('demo', '--professionals', '300', '--seed', '5');
  await desk.cli('correct', '1005', '--field', 'email', '--value', 'nova.caixa@exemplo.com.br', '--reason', 'Pedido no balcão');
  await desk.cli('batch', 'create');
  // A queued correction with a long address and reason, and an import with errors, by the operator with the long name.
  await desk.cli('correct', '1006', '--field', 'email', '--value', 'endereco.bem.comprido.da.profissional@prefeitura.exemplo.sp.gov.br', '--reason', 'Pedido no balcão com comprovante');
  const csv = join(mkdtempSync(join(tmpdir(), 'cress-e2e-sizes-')), 'correcoes.csv');
  writeFileSync(csv, 'Registro;E-mail;Motivo\r\n1007;maria@@exemplo;Pedido no balcão\r\n1008;outra.caixa@exemplo.com.br;Pedido no balcão\r\n');
  await desk.cli('import', 'corrections', csv);
  await desk.cli('backup', 'create');
}

for (const [width, height] of [
  [1024, 700],
  [1280, 720],
  [1366, 768],
] as const) {
  test(`every screen fits ${width}×${height}`, async ({ desk }) => {
    const { page } = desk;
    await page.setViewportSize({ width, height });
    await deskWithWork(desk);
    await page.reload();
    for (const screen of SCREENS) {
      await page.getByRole('button', { name: screen, exact: true }).click();
      await expect(page.getByRole('button', { name: screen, exact: true })).toHaveAttribute('aria-current', 'page');
      await page.waitForLoadState('networkidle');
      expect(await overflow(page), screen).toEqual([]);
    }
    // A record's own corrections, with their status and actions.
    await page.getByRole('button', { name: 'Cadastro', exact: true }).click();
    await page.getByLabel('Buscar no cadastro').fill('1006');
    await page.getByRole('row').filter({ hasText: '1006' }).first().click();
    await page.getByRole('tab', { name: /^Correções/ }).click();
    await expect(page.getByRole('table', { name: 'Correções deste cadastro' })).toBeVisible();
    expect(await overflow(page), 'Correções do cadastro').toEqual([]);
    // Its history keeps room to read a note (Implanta's reason for a rejection) in a few lines.
    await page.getByRole('tab', { name: /^Histórico/ }).click();
    const note = page.getByRole('table', { name: 'Histórico das alterações deste cadastro' }).getByRole('columnheader', { name: 'Observação' });
    expect((await note.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(200);
    expect(await overflow(page), 'Histórico do cadastro').toEqual([]);
    const menuWidth = await page.locator('nav').evaluate((nav) => nav.getBoundingClientRect().width);
    expect(menuWidth < 100).toBe(width < 1200);
    const titleBarHeight = await page.getByRole('banner').evaluate((bar) => bar.getBoundingClientRect().height);
    expect(titleBarHeight).toBeLessThan(60);
  });
}

test('the compact menu names each entry in a tooltip', async ({ desk }) => {
  const { page } = desk;
  await page.setViewportSize({ width: 1024, height: 700 });
  await deskWithWork(desk);
  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).hover();
  await expect(page.getByRole('tooltip')).toHaveText('Lotes');
});

test('the compact menu closes its tooltip once an entry is clicked, so the screen it opened is not covered', async ({ desk }) => {
  const { page } = desk;
  await page.setViewportSize({ width: 1024, height: 700 });
  await deskWithWork(desk);
  await page.reload();
  const entry = page.getByRole('button', { name: 'Correções', exact: true });
  await entry.hover();
  await expect(page.getByRole('tooltip')).toHaveText('Correções');
  // The mouse rests on the entry after the click: the filters of the screen must be readable.
  await entry.click();
  await expect(entry).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('Situação:')).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  // Leaving and coming back to the menu names the entries again.
  await page.mouse.move(600, 400);
  await page.getByRole('button', { name: 'Lotes', exact: true }).hover();
  await expect(page.getByRole('tooltip')).toHaveText('Lotes');
});
