// `cress-desk batch …` as an IT person runs it (the built command, a real store), and the export
// killed at random moments: never a partial file under the final name, the batch still exportable.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { posixOnly } from '../posixOnly';
import { openRawStore, writeAsTheDesk } from '../rawStore';
import { CLI_BIN, cliDesk, cliOn, initDesk } from './command';

// Each test has a store of its own in the file's folder.
const desk = cliDesk('cress-cli-batch-');
const run = (store: string, ...args: string[]) => cliOn(() => store).run(...args);
const json = (store: string, ...args: string[]) => cliOn(() => store).json(...args);

/** A folder made in the test file's own. */
function folderIn(name: string): string {
  const folder = join(desk.dir, name);
  mkdirSync(folder);
  return folder;
}

/** A store with `count` e-mail corrections pending, written straight into SQLite (fast). */
function storeWithCorrections(name: string, professionals: number, perProfessional: number): string {
  const store = join(desk.dir, name);
  initDesk(cliOn(() => store), { professionals, seed: 5 });
  writeAsTheDesk(store, (db) => {
    const insert = db.prepare(
    `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date,
       operator, created_at, status, source, dip_consequence)
     SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       id, 'email', email, 'caixa' || id || '.' || ? || '@exemplo.com.br', 'Pedido da profissional no balcão', 'RG', 'in_person', '2026-03-01',
       'Ana Souza', '2026-03-02T12:00:00.000Z', 'pending', 'manual', 'none' FROM professionals`,
    );
    for (let i = 0; i < perProfessional; i++) insert.run(i);
  });
  return store;
}

/** Such a store whose corrections are all in batch 2026-0001, sealed. */
function storeWithSealedBatch(name: string, professionals: number, perProfessional: number): string {
  const store = storeWithCorrections(name, professionals, perProfessional);
  run(store, 'batch', 'create');
  run(store, 'batch', 'seal', '2026-0001');
  return store;
}

/** Exports the sealed batch 2026-0001 into a folder of its own, marks it sent, and answers its corrections' ids. */
function sentBatchIds(store: string, folder: string): string[] {
  run(store, 'batch', 'export', '2026-0001', '--out', folderIn(folder));
  run(store, 'batch', 'mark-sent', '2026-0001');
  const db = openRawStore(store, { readonly: true });
  const ids = (db.prepare('SELECT uuid FROM corrections ORDER BY id').all() as { uuid: string }[]).map((r) => r.uuid);
  db.close();
  return ids;
}

describe('cress-desk batch', () => {
  it('an answer rejecting a correction names the sealed batch whose later correction starts from the rejected value', () => {
    const store = storeWithSealedBatch('rejeitada-base.sqlite', 1, 1);
    const [first] = sentBatchIds(store, 'rejeitada-base');
    const { before, uuid, sha } = writeAsTheDesk(store, (db) => {
      const before = db.prepare('SELECT old_value AS oldValue, new_value AS newValue FROM corrections').get() as { oldValue: string; newValue: string };
      db.prepare(
        `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date, operator, created_at, status, source, dip_consequence)
         SELECT '0190a000-0000-7000-8000-000000000002', professional_id, 'email', new_value, 'outra@exemplo.com.br', reason, evidence_kind, evidence_arrival, evidence_date, operator, created_at, 'pending', 'manual', 'none' FROM corrections`,
      ).run();
      const uuid = db.prepare("SELECT uuid FROM batches WHERE number = '2026-0001'").pluck().get() as string;
      const sha = db.prepare("SELECT package_sha256 FROM batches WHERE number = '2026-0001'").pluck().get() as string;
      return { before, uuid, sha };
    });
    run(store, 'batch', 'create');
    run(store, 'batch', 'seal', '2026-0002');
    const ack = join(desk.dir, 'rejeitada-base.json');
    writeFileSync(ack, JSON.stringify({ schemaVersion: 1, batch: uuid, packageSha256: sha, items: [{ id: first, status: 'rejected', message: 'E-mail recusado' }] }));

    const answered = run(store, 'batch', 'ack', ack);

    expect(answered.stdout).toContain('1 correction in a sealed batch starts from a value Implanta just rejected');
    expect(answered.stdout).toContain(`batch 2026-0002 sends "${before.newValue}" -> "outra@exemplo.com.br"; Implanta holds "${before.oldValue}"`);
  });

  it('creates, seals, exports, verifies, marks sent and imports the answer, with --json', () => {
    const store = storeWithCorrections('flow.sqlite', 30, 1);
    const created = json(store, 'batch', 'create');
    expect(created.code).toBe(0);
    expect(created.body).toMatchObject({ number: '2026-0001', state: 'open', counts: { corrections: 30 } });
    expect(run(store, 'batch', 'create').code).toBe(1);

    const sealed = run(store, 'batch', 'seal', '2026-0001');
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toMatch(/Sealed Batch 2026-0001 .* sealed/);

    expect(run(store, 'batch', 'export', '2026-0001').code).toBe(2);
    const out = folderIn('out');
    const exported = json(store, 'batch', 'export', '2026-0001', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.body).toMatchObject({ file: join(out, 'CRESS09-DEMONSTRACAO-lote-2026-0001.zip'), encrypted: false, batch: { state: 'exported' } });
    const sha = spawnSync('sha256sum', [exported.body.file], { encoding: 'utf8' }).stdout.split(' ')[0];
    expect(exported.body.sha256).toBe(sha);
    expect(readdirSync(out)).toEqual(['CRESS09-DEMONSTRACAO-lote-2026-0001.zip']);

    const verified = json(store, 'batch', 'verify', exported.body.file);
    expect(verified).toMatchObject({ code: 0, body: { valid: true, problems: [], batch: { number: '2026-0001' } } });
    // Given where a backup goes, the package is no backup, and the terminal is told the command that checks it.
    const asBackup = run(store, 'backup', 'verify', exported.body.file);
    expect(asBackup.code).toBe(3);
    expect(asBackup.stdout).toMatch(/^NOT A BACKUP: .*\n[\s\S]*pacote de lote[\s\S]*\nA lote package is checked with: cress-desk batch verify FILE/);

    expect(run(store, 'batch', 'mark-sent', '2026-0001', '--at', '99/99/2026 10:00').code).toBe(1);
    const sent = json(store, 'batch', 'mark-sent', 'CRESS09-DEMONSTRACAO-lote-2026-0001.zip', '--overdue-hours', '48');
    expect(sent.body).toMatchObject({ state: 'sent', overdueHours: 48, counts: { unanswered: 30 } });

    const db = openRawStore(store, { readonly: true });
    const ids = (db.prepare('SELECT uuid FROM corrections ORDER BY id').all() as { uuid: string }[]).map((r) => r.uuid);
    db.close();
    const ack = join(desk.dir, 'confirmacao.json');
    writeFileSync(
      ack,
      JSON.stringify({
        schemaVersion: 1,
        batch: created.body.uuid,
        packageSha256: sha,
        items: ids.map((id, i) => ({ id, status: i === 0 ? 'rejected' : 'applied', message: i === 0 ? 'E-mail recusado' : null })),
      }),
    );
    const answered = json(store, 'batch', 'ack', ack);
    expect(answered.body).toMatchObject({ applied: 29, rejected: 1, unanswered: 0, batch: { state: 'acknowledged' } });
    expect(run(store, 'batch', 'ack', ack).stdout).toMatch(/0 synced, 0 rejected, 30 already answered/);

    const list = json(store, 'batch', 'list');
    expect(list.body.items).toHaveLength(1);
    expect(run(store, 'batch', 'list', '--state', 'nope').code).toBe(2);
    expect(run(store, 'batch', 'seal', '2026-0099')).toMatchObject({ code: 1, stderr: expect.stringMatching(/BATCH_NOT_FOUND/) });
  });

  it('remove takes one item out of an open batch, and refuses once the batch is sealed', () => {
    const store = storeWithCorrections('remove.sqlite', 5, 1);
    run(store, 'batch', 'create');
    const db = openRawStore(store, { readonly: true });
    const [first, second] = (db.prepare('SELECT uuid FROM corrections ORDER BY id').all() as { uuid: string }[]).map((r) => r.uuid);
    db.close();
    const removed = run(store, 'batch', 'remove', '2026-0001', first!);
    expect(removed).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`Removed correction ${first} from batch 2026-0001: it is pending again`)) });
    expect(removed.stdout).toMatch(/4 corrections, 0 CEP changes/);
    expect(json(store, 'batch', 'list').body.items[0].counts.corrections).toBe(4);
    expect(run(store, 'batch', 'remove', '2026-0001')).toMatchObject({ code: 2 });
    expect(run(store, 'batch', 'remove', '2026-0001', first!)).toMatchObject({ code: 1, stderr: expect.stringMatching(/não está no lote 2026-0001.*\[BATCH_ITEM_NOT_FOUND\]/) });
    run(store, 'batch', 'seal', '2026-0001');
    const refused = run(store, 'batch', 'remove', '2026-0001', second!);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/o lote está lacrado, e só se retiram itens de um lote em revisão\. \[BATCH_STATE\]/) });
    const after = openRawStore(store, { readonly: true });
    expect(after.prepare('SELECT status FROM corrections WHERE uuid = ?').get(second)).toEqual({ status: 'batched' });
    expect(after.prepare('SELECT status, batch_id FROM corrections WHERE uuid = ?').get(first)).toEqual({ status: 'pending', batch_id: null });
    after.close();
  });

  it('ack never lets an answer drive the terminal: a refused cell is named without its escape codes, a message is kept as plain words', () => {
    const store = storeWithSealedBatch('escapes.sqlite', 2, 1);
    const [first, second] = sentBatchIds(store, 'escapes-out');
    const answer = join(desk.dir, 'retorno-escapes.csv');
    writeFileSync(answer, `id;situação;mensagem\r\n${first};\u001b[2Japlicada\u0007;\r\n`);
    const refused = run(store, 'batch', 'ack', answer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Linha 2, coluna situação: "[2Japlicada" não é uma situação conhecida');
    expect([...refused.stderr].filter((ch) => ch < ' ' && ch !== '\n')).toEqual([]); // no escape, no bell

    writeFileSync(answer, `id;situação;mensagem\r\n${first};rejeitada;E-mail\u001b[31m recusado\u0007 pela\u202e plataforma\r\n${second};aplicada;\r\n`);
    expect(run(store, 'batch', 'ack', answer).code).toBe(0);
    const listed = json(store, 'corrections', 'list').body.items as { statusMessage: string | null }[];
    expect(listed.map((item) => item.statusMessage)).toContain('E-mail [31m recusado pela plataforma');
  });

  it('ack says when an older batch is answered as applied after a newer correction of the same field was', () => {
    const store = storeWithSealedBatch('order.sqlite', 1, 1);
    const [older] = sentBatchIds(store, 'order-out-1');
    const registration = writeAsTheDesk(store, (db) => {
      db.prepare(
        `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date, operator, created_at, status, source, dip_consequence)
         SELECT '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b', professional_id, 'email', new_value, 'segunda.caixa@exemplo.com.br', reason, evidence_kind, evidence_arrival, evidence_date,
           operator, created_at, 'pending', 'manual', 'none' FROM corrections WHERE uuid = ?`,
      ).run(older);
      return db.prepare('SELECT registration_number FROM professionals').pluck().get() as string;
    });
    run(store, 'batch', 'create');
    run(store, 'batch', 'seal', '2026-0002');
    run(store, 'batch', 'export', '2026-0002', '--out', folderIn('order-out-2'));
    run(store, 'batch', 'mark-sent', '2026-0002');
    const answer = (name: string, id: string) => {
      const path = join(desk.dir, name);
      writeFileSync(path, `id;situação;mensagem\r\n${id};aplicada;\r\n`);
      return path;
    };
    expect(run(store, 'batch', 'ack', answer('retorno-2.csv', '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b')).stdout).not.toContain('older correction');

    const late = run(store, 'batch', 'ack', answer('retorno-1.csv', older as string));

    expect(late.code).toBe(0);
    expect(late.stdout).toContain('1 older correction was answered as applied after a newer one of the same field: Implanta may now hold the older value.');
    expect(late.stdout).toMatch(new RegExp(`  ${registration} .+, E-mail: "caixa[\\d.]+@exemplo\\.com\\.br" answered after "segunda\\.caixa@exemplo\\.com\\.br" \\(batch 2026-0002\\)`));
  });

  it('ack takes the DIP status Implanta reports and the "registry only" answer from a spreadsheet', () => {
    const store = storeWithSealedBatch('dip.sqlite', 6, 1);
    const ids = sentBatchIds(store, 'dip-out');
    const db = openRawStore(store, { readonly: true });
    // Every professional of the demo has one correction here; those not yet in manufacture change.
    const news = (db.prepare("SELECT count(*) AS n FROM professionals WHERE dip_status <> 'in_manufacture'").get() as { n: number }).n;
    db.close();
    const answer = join(desk.dir, 'retorno-dip.csv');
    writeFileSync(
      answer,
      Buffer.from(
        ['id;situação;mensagem;situação do DIP;data do DIP', ...ids.map((id, i) => `${id};${i === 0 ? 'aplicada no cadastro, DIP não corrigido' : 'aplicada'};;Em confecção;09/03/2026`)].join('\r\n'),
        'latin1',
      ),
    );
    expect(news).toBeGreaterThan(0);
    const imported = run(store, 'batch', 'ack', answer);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/6 synced \(1 to the registry only, DIP request not corrected\), 0 rejected/);
    expect(imported.stdout).toContain(`DIP status updated for ${news} ${news === 1 ? 'professional' : 'professionals'}.`);
    const after = openRawStore(store, { readonly: true });
    expect(after.prepare("SELECT count(*) AS n FROM record_history WHERE kind = 'dip_update' AND new_value = 'in_manufacture'").get()).toEqual({ n: news });
    expect(after.prepare('SELECT count(*) AS n FROM corrections WHERE dip_request_corrected = 0').get()).toEqual({ n: 1 });
    expect(after.prepare("SELECT count(*) AS n FROM corrections c JOIN professionals p ON p.id = c.professional_id WHERE p.dip_status <> 'in_manufacture'").get()).toEqual({ n: 0 });
    expect(after.prepare("SELECT count(*) AS n FROM record_history WHERE kind = 'synced'").get()).toEqual({ n: 6 });
    after.close();
    expect(run(store, 'batch', 'ack', answer).stdout).toMatch(/0 synced, 0 rejected, 6 already answered/);
  });

  it('ack and verify exit 1 for a file that does not exist, saying "Arquivo não encontrado" with its path', () => {
    const store = storeWithSealedBatch('missing.sqlite', 3, 1);
    for (const [command, name] of [['ack', 'resposta.json'], ['verify', 'CRESS09-lote-2026-0001.zip']] as const) {
      const missing = join(desk.dir, 'nao-existe', name);
      const refused = run(store, 'batch', command, missing);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toContain(`Arquivo não encontrado: ${missing}`);
    }
  });

  it('verify exits 3 on a damaged or altered package, naming the problem', () => {
    const store = storeWithSealedBatch('verify.sqlite', 10, 1);
    const out = folderIn('verify-out');
    const file = json(store, 'batch', 'export', '2026-0001', '--out', out, '--passphrase-file', writePass('pass.txt', 'segredo do lote\n')).body.file as string;
    expect(run(store, 'batch', 'verify', file, '--passphrase-file', writePass('ok.txt', 'segredo do lote')).code).toBe(0);
    const wrong = run(store, 'batch', 'verify', file, '--passphrase-file', writePass('wrong.txt', 'outra'));
    expect(wrong.code).toBe(3);
    expect(wrong.stdout).toMatch(/Senha incorreta/);
    const bytes = readFileSync(file);
    bytes[200] = (bytes[200] ?? 0) ^ 0xff;
    const damaged = join(out, 'danificado.zip');
    writeFileSync(damaged, bytes);
    const result = json(store, 'batch', 'verify', damaged, '--passphrase-file', writePass('ok2.txt', 'segredo do lote'));
    expect(result.code).toBe(3);
    expect(result.body.valid).toBe(false);
    expect(result.body.problems.length).toBeGreaterThan(0);
  });

  it('exported again where the same package lies readable by others (an older copy), leaves it readable by its owner only', (context) => {
    posixOnly(context);
    const store = storeWithSealedBatch('identical-modes.sqlite', 3, 1);
    const folder = folderIn('identical-modes');
    run(store, 'batch', 'export', '2026-0001', '--out', folder);
    const [name] = readdirSync(folder);
    const file = join(folder, name as string);
    chmodSync(file, 0o644);
    run(store, 'batch', 'export', '2026-0001', '--out', folder);
    expect(readdirSync(folder)).toEqual([name]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('killed at random moments during export: no partial file under the final name, the batch still sealed and exportable', async () => {
    const store = storeWithSealedBatch('kill.sqlite', 6000, 4);
    // A reference export elsewhere (through the built command) gives the bytes and the time it takes.
    const referenceDir = folderIn('kill-reference');
    const started = Date.now();
    const reference = json(store, 'batch', 'export', '2026-0001', '--out', referenceDir).body as { file: string; sha256: string };
    const took = Date.now() - started;
    // Back to sealed, as before any export (the reference run recorded itself).
    const reset = openRawStore(store);
    reset.prepare("UPDATE batches SET state = 'sealed', exported_at = NULL, package_sha256 = NULL, package_file_name = NULL").run();
    reset.close();

    const out = folderIn('kill-out');
    const final = join(out, 'CRESS09-DEMONSTRACAO-lote-2026-0001.zip');
    let killedBeforeEnd = 0;
    for (let round = 0; round < 12; round++) {
      const delay = 30 + Math.floor(Math.random() * took);
      const exit = await new Promise<number | null>((ok) => {
        const child = spawn(process.execPath, [CLI_BIN, '--db', store, 'batch', 'export', '2026-0001', '--out', out], { stdio: 'ignore' });
        const timer = setTimeout(() => child.kill('SIGKILL'), delay);
        child.on('exit', (code) => {
          clearTimeout(timer);
          ok(code);
        });
      });
      if (exit === null) killedBeforeEnd++;
      // Whatever is under the final name is the whole package; partial files are hidden names.
      if (existsSync(final)) expect(spawnSync('sha256sum', [final], { encoding: 'utf8' }).stdout.split(' ')[0]).toBe(reference.sha256);
      for (const name of readdirSync(out)) expect(name === 'CRESS09-DEMONSTRACAO-lote-2026-0001.zip' || /^\.CRESS09-DEMONSTRACAO-lote-2026-0001\.zip\.partial-[0-9a-f-]+$/.test(name)).toBe(true);
      const db = openRawStore(store, { readonly: true });
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      expect(['sealed', 'exported']).toContain((db.prepare('SELECT state FROM batches').get() as { state: string }).state);
      db.close();
    }
    expect(killedBeforeEnd).toBeGreaterThan(0);
    const last = json(store, 'batch', 'export', '2026-0001', '--out', out);
    expect(last.code).toBe(0);
    expect(last.body).toMatchObject({ sha256: reference.sha256, batch: { state: 'exported' } });
    expect(readFileSync(final).equals(readFileSync(reference.file))).toBe(true);
  }, 60_000);
});

function writePass(name: string, content: string): string {
  const path = join(desk.dir, name);
  writeFileSync(path, content, { mode: 0o600 }); // only its owner may read it, as a PIN file
  return path;
}
