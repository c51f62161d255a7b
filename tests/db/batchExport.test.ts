// The package of a sealed batch: reproducible to the byte, a BagIt bag standard tools accept,
// formats valid against their schemas, spreadsheet cells neutralised, optional AES encryption;
// and `verify` catching every kind of damage.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../db/batches/schemas';
import { writeBagZip } from '../../db/packaging';
import type { BatchSummary, ExportResult, VerifyResult } from '../../shared/contract';
import { PACKAGE_FIELDS } from '../../db/batches/payload';
import { EVIDENCE_ARRIVALS } from '../../shared/domain';
import { FIELD_NAMES } from '../../shared/fields';
import { addProfessional, correct, openBatchDesk, queueEmailCorrections, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let batch: BatchSummary;

function folder(name: string): string {
  const path = desk.dir.file(name);
  mkdirSync(path, { recursive: true });
  return path;
}

function exportTo(path: string, passphrase: string | null = null, replace = false): Promise<ExportResult> {
  return desk.job<ExportResult>(desk.handlers['batches:export']({ id: batch.id, path, passphrase, replace }));
}

function verify(path: string, passphrase: string | null = null): Promise<VerifyResult> {
  return desk.job<VerifyResult>(desk.handlers['batches:verify']({ path, passphrase }));
}

function unzipTo(zip: string, name: string): string {
  const target = folder(name);
  execFileSync('unzip', ['-q', zip, '-d', target]);
  return join(target, 'CRESS09-lote-2026-0001');
}

beforeEach(async () => {
  desk = openBatchDesk({ appVersion: '1.2.3-test' });
  queueEmailCorrections(desk, 3);
  const confirmed = addProfessional(desk.store, { dipStatus: 'confirmed', name: 'Joana Dias' });
  correct(desk, confirmed, { motherName: 'Antônia Maria da Silva' }, { dipAcknowledged: true });
  // Her DIP's signed form came by post and her photo was handed in at the counter before sealing.
  desk.handlers['dip:arrive']({ professionalId: confirmed.id, item: 'photo', arrivedOn: '09/03/2026', way: 'in_person' });
  desk.handlers['dip:arrive']({ professionalId: confirmed.id, item: 'form', arrivedOn: '05/03/2026', way: 'post' });
  // A hostile text a spreadsheet would run as a formula, in the reason and the document kind.
  const other = addProfessional(desk.store);
  desk.handlers['corrections:save']({
    professionalId: other.id,
    expectedRowVersion: other.rowVersion,
    changes: { phone: '(11) 98765-4321' },
    reason: '=HYPERLINK("http://exemplo.invalid";"clique aqui")',
    evidence: { kind: '@SUM(1+1)', arrival: 'post', date: '2026-03-02', note: '+55 11 3333-4444' },
    dipAcknowledged: false,
  });
  desk.handlers['cep:save']({ cep: '13010-000', street: 'Rua Barão de Jaguara', district: 'Centro', city: 'Campinas', uf: 'SP', reason: 'CEP novo informado' });
  batch = await desk.handlers['batches:create']({});
  desk.setNow('2026-03-10T18:45:30.000Z');
  await desk.handlers['batches:seal']({ id: batch.id });
  desk.setNow('2026-03-11T09:00:00.000Z');
});
afterEach(() => desk.cleanup());

describe('exporting a sealed batch', () => {
  it('is reproducible: two exports, even after the registry changed, are byte-identical', async () => {
    const first = await exportTo(join(folder('a'), 'CRESS09-lote-2026-0001.zip'));
    expect(first).toMatchObject({ fileName: 'CRESS09-lote-2026-0001.zip', encrypted: false, batch: { state: 'exported', packageSha256: first.sha256 } });
    // Someone corrects the name of a professional of the batch after sealing, and time passes.
    const [someone] = desk.store.db.prepare('SELECT professional_id AS id FROM batch_professionals').all() as { id: number }[];
    const current = desk.handlers['registry:get']({ id: someone!.id }) as { professional: { id: number; rowVersion: number } };
    desk.handlers['corrections:save']({
      professionalId: current.professional.id,
      expectedRowVersion: current.professional.rowVersion,
      changes: { name: 'Nome Corrigido Depois' },
      reason: 'Certidão de casamento apresentada',
      evidence: { kind: 'Certidão', arrival: 'in_person', date: '2026-03-11', note: null },
      dipAcknowledged: true,
    });
    // Her payment receipt arrives after sealing, and the photo's arrival is undone: the lote keeps what it had.
    const joana = desk.store.db.prepare("SELECT id FROM professionals WHERE name = 'Joana Dias'").pluck().get() as number;
    desk.handlers['dip:arrive']({ professionalId: joana, item: 'payment_receipt', arrivedOn: '11/03/2026', way: 'post' });
    desk.handlers['dip:undo']({ professionalId: joana, item: 'photo' });
    desk.setNow('2026-04-20T10:00:00.000Z');
    const second = await exportTo(join(folder('b'), 'CRESS09-lote-2026-0001.zip'));
    expect(second.sha256).toBe(first.sha256);
    expect(readFileSync(second.path).equals(readFileSync(first.path))).toBe(true);
    expect(readFileSync(first.path).toString('latin1')).not.toContain('Nome Corrigido Depois');
  });

  it('passes unzip -t and sha256sum -c, with the bag-info fields of the format and the sealing time', async () => {
    const result = await exportTo(join(folder('out'), 'CRESS09-lote-2026-0001.zip'));
    expect(execFileSync('unzip', ['-t', result.path]).toString()).toMatch(/No errors detected/);
    const listing = execFileSync('unzip', ['-Z', '-T', result.path]).toString();
    // Every entry stamped with the sealing time in Brasília (18:45:30Z = 15:45:30, DOS keeps even seconds).
    expect(listing.match(/20260310\.154530/g)?.length).toBe(10);
    expect(listing).toMatch(/-rw-r--r--/);
    const bag = unzipTo(result.path, 'x');
    expect(readdirSync(bag).sort()).toEqual(['bag-info.txt', 'bagit.txt', 'data', 'manifest-sha256.txt', 'signature.txt', 'tagmanifest-sha256.txt']);
    expect(readdirSync(join(bag, 'data')).sort()).toEqual(['cep.jsonl', 'corrections.csv', 'corrections.jsonl', 'dip-requests.jsonl', 'summary.json']);
    for (const manifest of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      const check = spawnSync('sha256sum', ['-c', '--strict', manifest], { cwd: bag, encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
    }
    const info = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
    const payloadBytes = readdirSync(join(bag, 'data')).reduce((sum, f) => sum + readFileSync(join(bag, 'data', f)).length, 0);
    expect(info).toBe(
      [
        'Source-Organization: CRESS 9ª Região (SP)',
        `External-Identifier: ${batch.uuid}`,
        'Batch-Sequence: 2026-0001',
        'Schema-Version: 4',
        'App-Version: 1.2.3-test',
        'Bagging-Date: 2026-03-10',
        `Payload-Oxum: ${payloadBytes}.5`,
        '',
      ].join('\n'),
    );
  });

  it('writes records valid against their JSON Schemas, with what Implanta needs', async () => {
    const result = await exportTo(join(folder('out'), 'lote.zip'));
    const bag = unzipTo(result.path, 'x');
    const lines = (file: string) => readFileSync(join(bag, 'data', file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const corrections = lines('corrections.jsonl');
    expect(corrections).toHaveLength(5);
    for (const line of corrections) expect(SCHEMAS[4].correction.validate(line)).toEqual([]);
    expect(corrections[0]).toMatchObject({ field: 'email', source: 'manual', dipAction: 'none', operator: 'Ana Paula', evidence: { kind: 'RG', arrival: 'in_person' } });
    expect(corrections[0]!.cpf).toMatch(/^\d{11}$/);
    expect(corrections[0]!.previousCpf).toBeNull();
    // One fact, one line: the mother's name and "Não consta mãe" together, as objects.
    expect(corrections.filter((c) => String(c.field).startsWith('mother'))).toHaveLength(1);
    const mother = corrections.find((c) => c.field === 'mother')!;
    expect(mother).toMatchObject({
      name: 'Joana Dias',
      oldValue: { motherName: 'Antônia da Silva', motherNotListed: false },
      newValue: { motherName: 'Antônia Maria da Silva', motherNotListed: false },
      dipAction: 'correct_dip_request',
    });

    const cep = lines('cep.jsonl');
    expect(cep).toEqual([expect.objectContaining({ cep: '13010000', old: null, new: { street: 'Rua Barão de Jaguara', district: 'Centro', city: 'Campinas', uf: 'SP' } })]);
    expect(SCHEMAS[4].cepChange.validate(cep[0])).toEqual([]);

    const dip = lines('dip-requests.jsonl');
    expect(dip).toEqual([
      {
        cpf: mother.cpf,
        previousCpf: null,
        registrationNumber: mother.registrationNumber,
        name: 'Joana Dias',
        corrections: [mother.id],
        changes: [{ field: 'mother', oldValue: mother.oldValue, newValue: mother.newValue }],
        // The paper side of her DIP that had arrived: what, when and how — never who recorded it.
        paperItems: [
          { item: 'form', arrivedOn: '2026-03-05', way: 'post' },
          { item: 'photo', arrivedOn: '2026-03-09', way: 'in_person' },
        ],
      },
    ]);
    expect(SCHEMAS[4].dipRequest.validate(dip[0])).toEqual([]);

    const summary = JSON.parse(readFileSync(join(bag, 'data', 'summary.json'), 'utf8'));
    expect(SCHEMAS[4].summary.validate(summary)).toEqual([]);
    expect(summary).toMatchObject({
      schemaVersion: 4,
      batch: { id: batch.uuid, number: '2026-0001', region: 9, sealedAt: '2026-03-10T18:45:30.000Z' },
      counts: { corrections: 5, professionals: 5, cepChanges: 1, dipRequests: 1 },
      fields: [
        { field: 'mother', count: 1 },
        { field: 'email', count: 3 },
        { field: 'phone', count: 1 },
      ],
    });
  });

  it('writes the CSV for people: UTF-8 with BOM, ";", formulas neutralised', async () => {
    const result = await exportTo(join(folder('out'), 'lote.zip'));
    const csv = readFileSync(join(unzipTo(result.path, 'x'), 'data', 'corrections.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csv.toString('utf8').slice(1).split('\r\n');
    expect(rows[0]).toMatch(/^id;CPF;CPF anterior;Registro;Nome;Campo;Valor anterior;Valor novo;Motivo;Documento;Recebimento;Data de recebimento;/);
    expect(rows).toHaveLength(7); // header, 5 corrections, the final line break
    const hostile = rows.find((r) => r.includes('HYPERLINK'))!;
    expect(hostile).toContain(`"'=HYPERLINK(""http://exemplo.invalid"";""clique aqui"")"`);
    expect(hostile).toContain(";'@SUM(1+1);Pelos Correios;02/03/2026;'+55 11 3333-4444;");
    expect(hostile).toContain(';Telefone;(11) 91234-5678;(11) 98765-4321;');
    const mother = rows.find((r) => r.includes('Mãe (nome ou “Não consta mãe”)'))!;
    expect(mother).toContain(';Antônia da Silva;Antônia Maria da Silva;');
    expect(mother).toContain('Corrigir solicitação do DIP');
    // No cell of any row starts a formula.
    for (const row of rows.slice(1)) for (const cell of row.split(';')) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('keeps a field list the schemas share with the catalogue: version 1 its columns, versions 2 to 4 the mother fact as one field', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../resources/batch-schemas/correction.schema.json'), 'utf8'));
    expect(schema.properties.field.enum).toEqual(FIELD_NAMES);
    const v2 = JSON.parse(readFileSync(join(__dirname, '../../resources/batch-schemas/v2/correction.schema.json'), 'utf8'));
    expect(v2.properties.field.enum).toEqual(PACKAGE_FIELDS[2]);
    expect(PACKAGE_FIELDS[2]).toContain('mother');
    expect(PACKAGE_FIELDS[2]).not.toContain('motherName');
    expect(PACKAGE_FIELDS[2]).not.toContain('motherNotListed');
    const v3 = JSON.parse(readFileSync(join(__dirname, '../../resources/batch-schemas/v3/correction.schema.json'), 'utf8'));
    expect(v3.properties.field.enum).toEqual(PACKAGE_FIELDS[3]);
    expect(PACKAGE_FIELDS[3]).toEqual(PACKAGE_FIELDS[2]);
    // Version 3 lets evidence arrive every way the desk records; version 2 kept its two.
    expect(v3.properties.evidence.properties.arrival.enum).toEqual([...EVIDENCE_ARRIVALS, null]);
    expect(v2.properties.evidence.properties.arrival.enum).toEqual(['in_person', 'post', null]);
    const v4 = JSON.parse(readFileSync(join(__dirname, '../../resources/batch-schemas/v4/correction.schema.json'), 'utf8'));
    expect(v4.properties.field.enum).toEqual(PACKAGE_FIELDS[4]);
    expect(v4.properties.evidence).toEqual(v3.properties.evidence);
    for (const folder of ['v2', 'v3', 'v4']) {
      for (const file of ['dip-request.schema.json', 'summary.schema.json']) {
        const text = readFileSync(join(__dirname, '../../resources/batch-schemas', folder, file), 'utf8');
        expect(text).not.toContain('"motherNotListed",');
      }
    }
  });

  it('carries the paper side only from version 4: a version-3 reader refuses it, and version 4 requires it', async () => {
    const result = await exportTo(join(folder('out'), 'lote.zip'));
    const bag = unzipTo(result.path, 'x');
    const [line] = readFileSync(join(bag, 'data', 'dip-requests.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(SCHEMAS[3].dipRequest.validate(line).map((e) => e.message).join('\n')).toMatch(/paperItems/);
    const { paperItems: _left, ...withoutPaper } = line!;
    expect(SCHEMAS[4].dipRequest.validate(withoutPaper).map((e) => e.message).join('\n')).toMatch(/paperItems/);
    expect(SCHEMAS[4].dipRequest.validate({ ...line, paperItems: [{ item: 'photo', arrivedOn: '2026-03-09', way: 'in_person', operator: 'Ana Paula' }] }).map((e) => e.message).join('\n')).toMatch(/operator/);
  });

  it('encrypts with AES-256 reproducibly for the same passphrase, differently for another', async () => {
    const first = await exportTo(join(folder('a'), 'lote.zip'), 'senha correta longa');
    const again = await exportTo(join(folder('b'), 'lote.zip'), 'senha correta longa');
    const other = await exportTo(join(folder('c'), 'lote.zip'), 'outra senha');
    expect(first.encrypted).toBe(true);
    expect(again.sha256).toBe(first.sha256);
    expect(other.sha256).not.toBe(first.sha256);
    expect(other.batch.encryptedSha256).toBe(other.sha256);
    expect(other.batch.packageSha256).toBeNull();
    expect(await verify(first.path, 'senha correta longa')).toMatchObject({ valid: true, encrypted: true, batch: { number: '2026-0001' } });
    expect(await verify(first.path, 'errada')).toMatchObject({ valid: false, problems: [{ code: 'ZIP_PASSWORD_WRONG' }] });
    expect(await verify(first.path)).toMatchObject({ valid: false, problems: [{ code: 'ZIP_PASSWORD_REQUIRED' }] });
    const sevenZip = spawnSync('7zz', ['t', `-psenha correta longa`, first.path], { encoding: 'utf8' });
    if (sevenZip.error) console.warn('7-Zip (7zz) not installed: the AES check with a standard tool was skipped.');
    else expect(sevenZip.stdout).toMatch(/Everything is Ok/);
  });

  it('refuses an open batch, a missing folder and a different file under the final name', async () => {
    queueEmailCorrections(desk, 1);
    const open = await desk.handlers['batches:create']({});
    await expect(desk.job(desk.handlers['batches:export']({ id: open.id, path: join(folder('o'), 'x.zip'), passphrase: null, replace: false }))).rejects.toMatchObject({
      code: 'BATCH_STATE',
    });
    await expect(exportTo(desk.dir.file('nao-existe/lote.zip'))).rejects.toMatchObject({ code: 'BATCH_DESTINATION_INVALID', message: /não existe/ });
    const taken = join(folder('t'), 'lote.zip');
    writeFileSync(taken, 'outro conteúdo');
    await expect(exportTo(taken)).rejects.toMatchObject({ code: 'BATCH_DESTINATION_INVALID', message: /Já existe outro arquivo/ });
    expect(readFileSync(taken, 'utf8')).toBe('outro conteúdo');
    expect(readdirSync(folder('t'))).toEqual(['lote.zip']);
    const replaced = await exportTo(taken, null, true);
    expect(readFileSync(taken).subarray(0, 2).toString()).toBe('PK');
    // The same package again over itself is fine without replacing: it is the same file.
    expect((await exportTo(taken)).sha256).toBe(replaced.sha256);
  });
});

describe('cancelling an export', () => {
  it('leaves no file and the batch sealed and exportable', async () => {
    const out = folder('cancelled');
    const { jobId } = await desk.handlers['batches:export']({ id: batch.id, path: join(out, 'lote.zip'), passphrase: null, replace: false });
    desk.jobs.cancel(jobId);
    const final = await desk.jobs.wait(jobId);
    expect(final).toMatchObject({ state: 'cancelled', error: { code: 'JOB_CANCELLED' } });
    expect(readdirSync(out)).toEqual([]);
    expect((await desk.handlers['batches:get']({ id: batch.id })).batch).toMatchObject({ state: 'sealed', packageSha256: null });
    expect((await exportTo(join(out, 'lote.zip'))).batch.state).toBe('exported');
  });
});

describe('verifying a package', () => {
  it('accepts a good package and names the batch', async () => {
    const result = await exportTo(join(folder('out'), 'lote.zip'));
    expect(await verify(result.path)).toEqual({
      file: result.path,
      valid: true,
      problems: [],
      encrypted: false,
      batch: { id: batch.uuid, number: '2026-0001', sourceOrganization: 'CRESS 9ª Região (SP)' },
      schemaVersion: 4,
      sha256: result.sha256,
      signature: { state: 'valid', keyId: expect.any(String), message: 'Assinatura conferida com a chave deste computador.' },
    });
  });

  it('refuses a package re-zipped with an extra file, with a changed line, or cut short', async () => {
    const result = await exportTo(join(folder('out'), 'lote.zip'));
    const root = folder('work');
    execFileSync('unzip', ['-q', result.path, '-d', root]);
    const bag = join(root, 'CRESS09-lote-2026-0001');

    writeFileSync(join(bag, 'data', 'extra.txt'), 'acrescentado');
    execFileSync('zip', ['-q', '-r', '-X', join(root, 'extra.zip'), 'CRESS09-lote-2026-0001'], { cwd: root });
    const extra = await verify(join(root, 'extra.zip'));
    expect(extra.valid).toBe(false);
    expect(extra.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['PAYLOAD_UNLISTED', 'OXUM_MISMATCH', 'BATCH_FILE_UNEXPECTED']));

    execFileSync('rm', [join(bag, 'data', 'extra.txt')]);
    const jsonl = join(bag, 'data', 'corrections.jsonl');
    writeFileSync(jsonl, readFileSync(jsonl, 'utf8').replace('nova.caixa', 'nava.caixa'));
    execFileSync('zip', ['-q', '-r', '-X', join(root, 'changed.zip'), 'CRESS09-lote-2026-0001'], { cwd: root });
    expect((await verify(join(root, 'changed.zip'))).problems).toEqual([expect.objectContaining({ code: 'PAYLOAD_CHECKSUM', path: 'data/corrections.jsonl' })]);

    const cut = readFileSync(result.path);
    writeFileSync(join(root, 'cut.zip'), cut.subarray(0, cut.length - 100));
    expect((await verify(join(root, 'cut.zip'))).problems[0]!.code).toMatch(/^ZIP_/);
  });

  it('checks every JSON line against its schema, even when the bag itself is consistent', async () => {
    const path = desk.dir.file('forged.zip');
    const good = JSON.stringify({ schemaVersion: 1 });
    await writeBagZip(path, {
      root: 'CRESS09-lote-2026-0001',
      payload: [
        { path: 'corrections.jsonl', data: '{"id":"nao-e-uuid","cpf":"123"}\n' },
        { path: 'corrections.csv', data: '\uFEFFid\r\n' },
        { path: 'cep.jsonl', data: '' },
        { path: 'dip-requests.jsonl', data: 'isto não é json\n' },
        { path: 'summary.json', data: good },
      ],
      info: [
        { label: 'Source-Organization', value: 'CRESS 9ª Região (SP)' },
        { label: 'External-Identifier', value: batch.uuid },
        { label: 'Batch-Sequence', value: '2026-0001' },
        { label: 'Schema-Version', value: '1' },
        { label: 'App-Version', value: 'x' },
      ],
      baggingDate: '2026-03-10',
    });
    const result = await verify(path);
    expect(result.valid).toBe(false);
    const messages = result.problems.map((p) => `${p.code} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SCHEMA_INVALID data\/corrections.jsonl, linha 1: .*campo \/id: deve ser um UUID em letras minúsculas, como /),
        expect.stringMatching(/^SCHEMA_INVALID data\/dip-requests.jsonl, linha 1: não é JSON válido/),
        expect.stringMatching(/^SCHEMA_INVALID data\/summary.json: .*deve ter a propriedade obrigatória/),
        expect.stringMatching(/^BATCH_ID_MISMATCH/),
      ]),
    );
  });
});
