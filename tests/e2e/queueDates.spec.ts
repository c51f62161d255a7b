// The queue's date filters say what they filter by: a date being retyped or one that does not exist
// stops filtering (the list never stays filtered by a date the field no longer shows), and the
// field's message is always about what it holds now.
import { expect, setUpDemoDesk, test } from './fixtures';

test('a date filter retyped or impossible stops filtering, and its message follows what is typed', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 10, 4);
  const [who] = desk.query<{ cpf: string; name: string }>("SELECT cpf, name FROM professionals WHERE dip_status = 'none' LIMIT 1");
  expect((await desk.cli('correct', who!.cpf, '--field', 'email', '--value', 'fila.datas@exemplo.com.br', '--reason', 'Pedido por e-mail', '--evidence', 'E-mail')).code).toBe(0);
  await page.reload();
  await page.getByRole('button', { name: 'Correções', exact: true }).click();
  const table = page.getByRole('table');
  await expect(table).toContainText(who!.name);

  const from = page.getByLabel('De', { exact: true });
  await from.fill('01/01/2099');
  await expect(page.getByText('Nenhuma correção com estes filtros.')).toBeVisible();

  // Another day, impossible: said, and the list is no longer filtered by 01/01/2099.
  await from.fill('31/02/2026');
  await expect(page.getByText('Data inválida: 31/02/2026 não existe no calendário.')).toBeVisible();
  await expect(table).toContainText(who!.name);

  // Retyping: the message about 31/02 goes with it.
  await from.fill('01/1');
  await expect(page.getByText(/31\/02\/2026/)).toHaveCount(0);
  await expect(table).toContainText(who!.name);
});
