// The desk open on the clerk's screen while another program writes its store file: a mother's name
// edited with a SQLite tool and a trigger planted to rewrite every e-mail the clerk saves. The
// clerk's next correction is stored as typed, and "Verificar histórico de auditoria" names the
// record and the field edited outside, found before that write.
import { correctEmail } from './correctionSteps';
import { expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';

test('a store edited behind the open desk: the clerk’s next save is stored as typed, and the check names the edited record', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 20, 11);
  await page.reload();
  const [edited, corrected] = desk.query<RecordRow & { id: number }>("SELECT id, registration_number, name FROM professionals WHERE dip_status = 'none' ORDER BY id LIMIT 2");
  desk.exec("UPDATE professionals SET mother_name = 'Outra Pessoa' WHERE id = ?", edited!.id);
  desk.exec("CREATE TRIGGER sneaky AFTER INSERT ON corrections BEGIN UPDATE corrections SET new_value = 'golpe@exemplo.com' WHERE id = NEW.id; END");

  await openRecord(page, corrected!);
  await correctEmail(page, 'certa@exemplo.com.br', 'Atualização a pedido da profissional', 'RG apresentado no balcão');
  await expect(page.getByRole('alert').filter({ hasText: /salva/i }).first()).toBeVisible();
  expect(desk.query<{ new_value: string }>('SELECT new_value FROM corrections WHERE professional_id = ?', corrected!.id)).toEqual([{ new_value: 'certa@exemplo.com.br' }]);
  expect(desk.query("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name = 'sneaky'")).toEqual([]);

  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  await page.getByRole('button', { name: 'Verificar histórico de auditoria' }).click();
  await expect(page.getByText(`1 registro não confere com o histórico: Cadastro ${edited!.registration_number}: Nome da mãe foi alterado fora do CRESS Desk.`)).toBeVisible();
  const notices = page.getByRole('alert').filter({ hasText: 'O que o histórico registra além disso' });
  await expect(notices.getByText(/antes de uma gravação, havia 1 cadastro alterado e 0 correções alteradas por outro programa/)).toBeVisible();
  await expect(notices.getByText(/antes de uma gravação, gatilhos de proteção foram restaurados \(incluídos por outro programa e removidos: sneaky\)/)).toBeVisible();
  await expect(page.getByText('Outra Pessoa')).toHaveCount(0);
});
