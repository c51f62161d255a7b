// The store file swapped behind the running browser host: an older copy moved over it (a backup
// "restored" by hand), or its folder renamed. The host's connection still holds the file it opened,
// which is no longer the store: a save there would be answered "saved" and never be seen again.
// It is refused in words instead, and the store at the path stays sound and as it was.
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, cliOn, initDesk } from '../cli/command';
import { saveEmailThroughHost, startHostProcess } from '../cli/processes';
import { readRawRows } from '../rawStore';

const desk = cliDesk('cress-host-swapped-', (d) => initDesk(d, { professionals: 200, seed: 8 }), 60_000);

const cpfs = (store: string) => readRawRows<{ cpf: string }>(store, 'SELECT cpf FROM professionals ORDER BY id').map((p) => p.cpf);
const withEmail = (store: string, email: string) => readRawRows<{ n: number }>(store, 'SELECT count(*) AS n FROM professionals WHERE email = ?', [email])[0]?.n;

type HostAnswer = Awaited<ReturnType<typeof saveEmailThroughHost>>;

/** A save the host refused because the store is no longer the file it opened, said in words. */
function expectRefusedAsSwapped(answer: HostAnswer): void {
  expect(answer?.ok).toBe(false);
  expect(answer?.error?.code).toBe('STORE_NOT_FOUND');
  expect(answer?.error?.message).toContain(`O arquivo de dados "${desk.store}" foi trocado, movido ou apagado por outro programa`);
  expect(answer?.error?.message).toContain('Nada foi gravado');
}

/** The store at the path is the copy, whole and sound, with none of these e-mails in it. */
function expectSoundCopyWithout(...emails: string[]): void {
  for (const email of emails) expect(withEmail(desk.store, email)).toBe(0);
  expect(desk.run('store', 'check').code).toBe(0);
  expect(desk.run('audit', 'verify').code).toBe(0);
}

describe('the store file swapped while the browser host runs', () => {
  it('an older copy moved over the store: the next save is refused in words, the store stays sound', async () => {
    const older = join(desk.dir, 'older.sqlite');
    copyFileSync(desk.store, older); // the command closed it: the whole store is in the file
    const people = cpfs(desk.store);
    expect(desk.run('correct', people[0] as string, '--field', 'email', '--value', 'depois.da.copia@exemplo.com.br', '--reason', 'Pedido').code).toBe(0);
    const host = await startHostProcess(desk.store);
    let refused;
    try {
      const before = await saveEmailThroughHost(host, people[1] as string, 'antes.da.troca@exemplo.com.br');
      expect(before?.ok, JSON.stringify(before?.error)).toBe(true);
      await new Promise((done) => setTimeout(done, 1500)); // the host folds its log when quiet
      renameSync(older, desk.store);
      refused = await saveEmailThroughHost(host, people[2] as string, 'depois.da.troca@exemplo.com.br');
    } finally {
      await host.stop();
    }
    expectRefusedAsSwapped(refused);
    expectSoundCopyWithout('depois.da.troca@exemplo.com.br', 'depois.da.copia@exemplo.com.br');
  }, 60_000);

  it('an older copy written over the store in place (the same file, new bytes): the next save is refused in words, nothing of it lands in the copy', async () => {
    const older = join(desk.dir, 'older-in-place.sqlite');
    copyFileSync(desk.store, older);
    const people = cpfs(desk.store);
    expect(desk.run('correct', people[4] as string, '--field', 'email', '--value', 'depois.da.copia.2@exemplo.com.br', '--reason', 'Pedido').code).toBe(0);
    const host = await startHostProcess(desk.store);
    const inode = statSync(desk.store).ino;
    let refused;
    let after;
    try {
      const before = await saveEmailThroughHost(host, people[5] as string, 'antes.da.copia.por.cima@exemplo.com.br');
      expect(before?.ok, JSON.stringify(before?.error)).toBe(true);
      await new Promise((done) => setTimeout(done, 1500)); // the host folds its log when quiet
      copyFileSync(older, desk.store); // `cp older.sqlite desk.sqlite`: the same file, the copy's bytes
      expect(statSync(desk.store).ino).toBe(inode);
      refused = await saveEmailThroughHost(host, people[6] as string, 'depois.da.copia.por.cima@exemplo.com.br');
      after = await saveEmailThroughHost(host, people[7] as string, 'mais.uma@exemplo.com.br');
    } finally {
      await host.stop();
    }
    expectRefusedAsSwapped(refused);
    expectRefusedAsSwapped(after);
    expectSoundCopyWithout('depois.da.copia.por.cima@exemplo.com.br', 'mais.uma@exemplo.com.br', 'depois.da.copia.2@exemplo.com.br');
  }, 60_000);

  it('another desk’s key put in the key file while the host runs: the store was not swapped, and a save after the host folded its log goes through', async () => {
    const keyFile = process.env.CRESS_DESK_KEY_FILE as string;
    const ownKey = readFileSync(keyFile);
    const people = cpfs(desk.store);
    const host = await startHostProcess(desk.store);
    let saved;
    try {
      const before = await saveEmailThroughHost(host, people[8] as string, 'antes.da.chave@exemplo.com.br');
      expect(before?.ok, JSON.stringify(before?.error)).toBe(true);
      await new Promise((done) => setTimeout(done, 1500)); // the host folds its log when quiet
      writeFileSync(keyFile, ownKey.toString('utf8').replace(/[0-9a-f]{64}/, randomBytes(32).toString('hex')));
      saved = await saveEmailThroughHost(host, people[9] as string, 'com.outra.chave@exemplo.com.br');
    } finally {
      writeFileSync(keyFile, ownKey);
      await host.stop();
    }
    expect(saved?.error?.message ?? '').not.toContain('foi trocado, movido ou apagado');
    expect(saved?.ok, JSON.stringify(saved?.error)).toBe(true);
    expect(withEmail(desk.store, 'com.outra.chave@exemplo.com.br')).toBe(1);
    expect(desk.run('audit', 'verify').code).toBe(0);
  }, 60_000);

  it('the store’s folder renamed: the next save is refused in words, and the store in the renamed folder is sound', async () => {
    const host = await startHostProcess(desk.store);
    const moved = `${desk.dir}-renomeada`;
    let refused;
    try {
      renameSync(desk.dir, moved);
      try {
        refused = await saveEmailThroughHost(host, cpfs(join(moved, 'desk.sqlite'))[3] as string, 'pasta.renomeada@exemplo.com.br');
      } finally {
        await host.stop();
      }
    } finally {
      renameSync(moved, desk.dir);
    }
    expect(refused?.ok).toBe(false);
    expect(refused?.error?.code).toBe('STORE_NOT_FOUND');
    expect(refused?.error?.message).toContain('foi trocado, movido ou apagado por outro programa');
    expect(withEmail(desk.store, 'pasta.renomeada@exemplo.com.br')).toBe(0);
    expect(cliOn(() => desk.store).run('audit', 'verify').code).toBe(0);
  }, 60_000);
});
