// Início tells of a lote that still has to leave the desk (open, sealed, exported but not marked
// sent), with the way to it: "Nada pendente" alone would let a sealed lote sit forgotten.
import { expect, setUpDemoDesk, test } from './fixtures';

test('a sealed lote not yet sent is named on Início, and opens from there', async ({ desk }) => {
  await setUpDemoDesk(desk, 10, 5);
  const [who] = desk.query<{ cpf: string }>("SELECT cpf FROM professionals WHERE dip_status = 'none' LIMIT 1");
  expect((await desk.cli('correct', who!.cpf, '--field', 'email', '--value', 'lote.esquecido@exemplo.com.br', '--reason', 'Pedido por e-mail', '--evidence', 'E-mail')).code).toBe(0);
  expect((await desk.cli('batch', 'create')).code).toBe(0);
  expect((await desk.cli('batch', 'seal', '1')).code).toBe(0);
  const { page } = desk;
  await page.reload();
  const card = page.getByRole('region', { name: 'Lotes para a Implanta' });
  const line = card.getByRole('button', { name: /^Lote \d{4}-0001 lacrado: falta exportar o pacote e enviá-lo à Implanta\.$/ });
  await expect(line).toBeVisible();
  await line.click();
  await expect(page.getByRole('heading', { name: /^Lote \d{4}-0001$/ })).toBeVisible();
});
