// Package Schema-Versions 1 to 4 side by side: a batch is exported in the version it was sealed
// with (a version-1 batch gives the very file it always gave), version 2 carries the mother fact as
// one item and, on every line, the CPF Implanta knows the professional by; version 3 has version 2's
// lines and also lets evidence arrive by e-mail or phone; version 4 (every new batch) adds the DIP's
// paper items to each DIP request; `verify` checks each package with the schemas of the version it
// declares.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileSchema, describeSchemaError } from '../../db/batches/jsonSchema';
import { SCHEMAS } from '../../db/batches/schemas';
import { writeBagZip } from '../../db/packaging';
import type { VerifyResult } from '../../shared/contract';
import {
  addProfessional,
  correct,
  exportPackage,
  importAck,
  LEGACY_BATCH_UUID,
  LEGACY_CORRECTION_UUIDS,
  openBatchDesk,
  packageFile,
  packageLines,
  queueEmailCorrections,
  sealedInVersion,
  sealLegacyBatch,
  sendBatch,
  writeAck,
  type BatchDesk,
} from './batchFixtures';
import { validCpf } from './fixtures';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk({ appVersion: '1.2.3-test' });
});
afterEach(() => desk.cleanup());

function verify(path: string, passphrase: string | null = null): Promise<VerifyResult> {
  return desk.job<VerifyResult>(desk.handlers['batches:verify']({ path, passphrase }));
}

const STEM = 'CRESS09-lote-2026-0001';

describe('a batch sealed before Schema-Version 2', () => {
  // SHA-256 of this batch's packages as the desk wrote them before version 2 existed.
  const PLAIN_SHA256 = 'dd417129298470e815c7ba52404aba59fd35f277a436ef210b664edb792e77ae';
  const ENCRYPTED_SHA256 = '604c0324f740eee9c968847dfa3d7d54f02e476f3c5e715f316ccca726699aff';

  it('exports byte-identical to the package it always gave, plain and with a passphrase', async () => {
    const { id } = await sealLegacyBatch(desk);
    desk.setNow('2026-05-02T12:00:00.000Z');
    const plain = await exportPackage(desk, id, 'a');
    expect(plain.sha256).toBe(PLAIN_SHA256);
    const encrypted = await desk.job<{ sha256: string }>(
      desk.handlers['batches:export']({ id, path: join(desk.dir.file('a'), 'com-senha.zip'), passphrase: 'senha longa 1', replace: false }),
    );
    expect(encrypted.sha256).toBe(ENCRYPTED_SHA256);
    expect(packageFile(plain.path, STEM, '../bag-info.txt')).toContain('Schema-Version: 1\n');
    const lines = packageLines(plain.path, STEM, 'corrections.jsonl');
    expect(lines.map((l) => l.field)).toEqual(['motherName', 'motherNotListed', 'email']);
    expect(lines[0]).not.toHaveProperty('previousCpf');
  });

  it('passes verify with the version-1 schemas, and its answer still applies', async () => {
    const { id } = await sealLegacyBatch(desk);
    const exported = await exportPackage(desk, id, 'v1');
    expect(await verify(exported.path)).toMatchObject({ valid: true, problems: [], schemaVersion: 1, batch: { id: LEGACY_BATCH_UUID } });
    await desk.handlers['batches:markSent']({ id });
    const result = await importAck(
      desk,
      writeAck(desk, 'v1.json', {
        schemaVersion: 1,
        batch: LEGACY_BATCH_UUID,
        packageSha256: exported.sha256,
        items: LEGACY_CORRECTION_UUIDS.map((uuid) => ({ id: uuid, status: 'applied' })),
      }),
    );
    expect(result).toMatchObject({ applied: 3, rejected: 0, unanswered: 0, batch: { state: 'acknowledged', schemaVersion: 1 } });
  });
});

describe('a package of a batch sealed in Schema-Version 3 (the lines of version 2)', () => {
  it('holds the mother fact as one item: one line, one CSV row, one summary field, one DIP change', async () => {
    const confirmed = addProfessional(desk.store, { name: 'Joana Dias', dipStatus: 'confirmed' });
    const saved = correct(desk, confirmed, { motherNotListed: true }, { dipAcknowledged: true });
    expect(saved.corrections).toHaveLength(1);
    queueEmailCorrections(desk, 1);
    // Created by the previous version of the desk, which opened batches in version 3.
    const sealed = await sealedInVersion(desk, 3);
    expect(sealed.schemaVersion).toBe(3);
    const exported = await exportPackage(desk, sealed.id, 'v3');

    expect(packageFile(exported.path, STEM, '../bag-info.txt')).toContain('Schema-Version: 3\n');
    const lines = packageLines(exported.path, STEM, 'corrections.jsonl');
    const mother = lines.filter((l) => String(l.field).startsWith('mother'));
    expect(mother).toEqual([
      expect.objectContaining({
        id: saved.corrections[0]!.uuid,
        field: 'mother',
        oldValue: { motherName: 'Antônia da Silva', motherNotListed: false },
        newValue: { motherName: null, motherNotListed: true },
        previousCpf: null,
        dipAction: 'correct_dip_request',
      }),
    ]);
    for (const line of lines) expect(SCHEMAS[3].correction.validate(line)).toEqual([]);
    // Keys in the documented order, previousCpf right after cpf.
    expect(Object.keys(lines[0]!).slice(0, 3)).toEqual(['id', 'cpf', 'previousCpf']);

    const csv = packageFile(exported.path, STEM, 'corrections.csv').split('\r\n');
    const row = csv.find((r) => r.startsWith(saved.corrections[0]!.uuid))!;
    expect(row).toContain(';Mãe (nome ou “Não consta mãe”);Antônia da Silva;Não consta mãe;');

    const summary = JSON.parse(packageFile(exported.path, STEM, 'summary.json'));
    expect(summary.schemaVersion).toBe(3);
    expect(summary.fields).toEqual([
      { field: 'mother', count: 1 },
      { field: 'email', count: 1 },
    ]);
    const dip = packageLines(exported.path, STEM, 'dip-requests.jsonl');
    expect(dip).toEqual([
      expect.objectContaining({ name: 'Joana Dias', previousCpf: null, changes: [{ field: 'mother', oldValue: mother[0]!.oldValue, newValue: mother[0]!.newValue }] }),
    ]);
    // Version 3 knows nothing of the paper side.
    expect(dip[0]).not.toHaveProperty('paperItems');
    expect(SCHEMAS[3].dipRequest.validate(dip[0])).toEqual([]);
    expect(await verify(exported.path)).toMatchObject({ valid: true, problems: [], schemaVersion: 3 });
  });

  it('carries the CPF Implanta knows on every line of the professional until the CPF correction is synced', async () => {
    const p = addProfessional(desk.store, { name: 'Clara Nunes', dipStatus: 'confirmed' });
    const oldCpf = p.cpf;
    const cpfFix = correct(desk, p, { cpf: validCpf(987_654_321) }, { dipAcknowledged: true }).corrections[0]!.uuid; // the DIP prints the CPF
    const nameFix = correct(desk, p, { name: 'Clara Nunes Prado' }, { dipAcknowledged: true }).corrections[0]!.uuid;
    queueEmailCorrections(desk, 1);
    const first = await sendBatch(desk);
    const firstLines = packageLines(first.path, batchStem(first.batch.number), 'corrections.jsonl');
    const hers = firstLines.filter((l) => l.registrationNumber === p.registrationNumber);
    expect(hers.map((l) => [l.id, l.cpf, l.previousCpf])).toEqual([
      [cpfFix, validCpf(987_654_321), oldCpf],
      [nameFix, validCpf(987_654_321), oldCpf],
    ]);
    expect(firstLines.find((l) => l.registrationNumber !== p.registrationNumber)!.previousCpf).toBeNull();
    const csv = packageFile(first.path, batchStem(first.batch.number), 'corrections.csv').split('\r\n');
    expect(csv[0]).toMatch(/^\uFEFFid;CPF;CPF anterior;Registro;/);
    expect(csv.find((r) => r.startsWith(nameFix))).toContain(`;${formatted(validCpf(987_654_321))};${formatted(oldCpf)};${p.registrationNumber};`);
    const dip = packageLines(first.path, batchStem(first.batch.number), 'dip-requests.jsonl');
    expect(dip).toEqual([expect.objectContaining({ registrationNumber: p.registrationNumber, previousCpf: oldCpf })]);

    // The CPF correction is only sent: a later batch still tells Implanta the old CPF.
    const emailFix = correct(desk, p, { email: 'clara.prado@exemplo.com.br' }).corrections[0]!.uuid;
    const second = await sendBatch(desk);
    expect(packageLines(second.path, batchStem(second.batch.number), 'corrections.jsonl')).toEqual([expect.objectContaining({ id: emailFix, previousCpf: oldCpf })]);

    // Implanta applied it: from now on the desk's CPF is Implanta's too.
    await importAck(desk, writeAck(desk, 'r.json', { schemaVersion: 2, batch: first.batch.uuid, packageSha256: first.sha256, items: [{ id: cpfFix, status: 'applied' }] }));
    correct(desk, p, { phone: '(11) 98888-7777' });
    const third = await sendBatch(desk);
    expect(packageLines(third.path, batchStem(third.batch.number), 'corrections.jsonl')).toEqual([expect.objectContaining({ previousCpf: null })]);
  });
});

describe('the DIP paper side in a new batch (Schema-Version 4)', () => {
  it('says on each DIP request which paper items had arrived at sealing: none as an empty list, a later arrival not at all', async () => {
    const withNone = addProfessional(desk.store, { name: 'Lara Campos', dipStatus: 'confirmed' });
    const withPhoto = addProfessional(desk.store, { name: 'Vera Lúcia', dipStatus: 'confirmed' });
    correct(desk, withNone, { name: 'Lara Campos Reis' }, { dipAcknowledged: true });
    correct(desk, withPhoto, { name: 'Vera Lúcia Ramos' }, { dipAcknowledged: true });
    desk.handlers['dip:arrive']({ professionalId: withPhoto.id, item: 'photo', arrivedOn: '2026-03-09', way: 'post' });
    const created = await desk.handlers['batches:create']({});
    expect((await desk.handlers['batches:seal']({ id: created.id })).schemaVersion).toBe(4);
    desk.setNow('2026-03-12T12:00:00.000Z');
    desk.handlers['dip:arrive']({ professionalId: withNone.id, item: 'form', arrivedOn: '2026-03-12', way: 'in_person' });
    const exported = await exportPackage(desk, created.id, 'v4');
    const dip = packageLines(exported.path, STEM, 'dip-requests.jsonl');
    expect(dip.map((l) => [l.name, l.paperItems])).toEqual([
      ['Lara Campos Reis', []],
      ['Vera Lúcia Ramos', [{ item: 'photo', arrivedOn: '2026-03-09', way: 'post' }]],
    ]);
    for (const line of dip) expect(SCHEMAS[4].dipRequest.validate(line)).toEqual([]);
    expect(await verify(exported.path)).toMatchObject({ valid: true, problems: [], schemaVersion: 4 });
  });
});

describe('evidence received by e-mail or told over the phone', () => {
  function correctArriving(p: ReturnType<typeof addProfessional>, email: string, arrival: 'email' | 'phone') {
    const current = desk.handlers['registry:get']({ id: p.id }) as { professional: { rowVersion: number } };
    return desk.handlers['corrections:save']({
      professionalId: p.id,
      expectedRowVersion: current.professional.rowVersion,
      changes: { email },
      reason: 'Pedido da profissional',
      evidence: { kind: 'Mensagem da profissional', arrival, date: '2026-03-09', note: null },
      dipAcknowledged: false,
    }) as { corrections: { uuid: string }[] };
  }

  it('reaches Implanta as it arrived, in a version-4 package that passes its schemas and verify', async () => {
    const byEmail = correctArriving(addProfessional(desk.store, { name: 'Luíza Prado' }), 'luiza.prado@exemplo.com.br', 'email').corrections[0]!.uuid;
    const byPhone = correctArriving(addProfessional(desk.store, { name: 'Rita Melo' }), 'rita.melo@exemplo.com.br', 'phone').corrections[0]!.uuid;
    const sent = await sendBatch(desk);
    expect(sent.batch.schemaVersion).toBe(4);
    expect(packageFile(sent.path, STEM, '../bag-info.txt')).toContain('Schema-Version: 4\n');

    const lines = packageLines(sent.path, STEM, 'corrections.jsonl');
    expect(lines.map((l) => [l.id, (l.evidence as { arrival: string }).arrival])).toEqual([
      [byEmail, 'email'],
      [byPhone, 'phone'],
    ]);
    for (const line of lines) expect(SCHEMAS[4].correction.validate(line)).toEqual([]);
    // A reader that only knows version 2 would refuse these lines: hence the new version.
    expect(SCHEMAS[2].correction.validate(lines[0]).map(describeSchemaError)).toEqual([expect.stringMatching(/^campo \/evidence\/arrival: /)]);
    const csv = packageFile(sent.path, STEM, 'corrections.csv').split('\r\n');
    expect(csv.find((r) => r.startsWith(byEmail))).toContain(';Mensagem da profissional;Por e-mail;09/03/2026;');
    expect(csv.find((r) => r.startsWith(byPhone))).toContain(';Mensagem da profissional;Por telefone;09/03/2026;');
    expect(SCHEMAS[4].summary.validate(JSON.parse(packageFile(sent.path, STEM, 'summary.json')))).toEqual([]);
    expect(await verify(sent.path)).toMatchObject({ valid: true, problems: [], schemaVersion: 4 });

    // Implanta answers a version-4 package as before (version 2 of the answer).
    const result = await importAck(
      desk,
      writeAck(desk, 'v4.json', { schemaVersion: 2, batch: sent.batch.uuid, packageSha256: sent.sha256, items: [byEmail, byPhone].map((id) => ({ id, status: 'applied' })) }),
    );
    expect(result).toMatchObject({ applied: 2, rejected: 0, unanswered: 0, batch: { state: 'acknowledged', schemaVersion: 4 } });
  });

  it('leaves a batch sealed in version 2 as it was: its package says version 2, passes its schemas, and its answer applies', async () => {
    const uuids = queueEmailCorrections(desk, 2);
    // Created by the previous version of the desk, which opened batches in version 2.
    const sealed = await sealedInVersion(desk, 2);
    expect(sealed.schemaVersion).toBe(2);
    const exported = await exportPackage(desk, sealed.id, 'v2');
    expect(packageFile(exported.path, STEM, '../bag-info.txt')).toContain('Schema-Version: 2\n');
    for (const line of packageLines(exported.path, STEM, 'corrections.jsonl')) expect(SCHEMAS[2].correction.validate(line)).toEqual([]);
    expect(JSON.parse(packageFile(exported.path, STEM, 'summary.json')).schemaVersion).toBe(2);
    expect(await verify(exported.path)).toMatchObject({ valid: true, problems: [], schemaVersion: 2 });
    await desk.handlers['batches:markSent']({ id: sealed.id });
    const result = await importAck(desk, writeAck(desk, 'v2.json', { schemaVersion: 1, batch: sealed.uuid, packageSha256: exported.sha256, items: uuids.map((id) => ({ id, status: 'applied' })) }));
    expect(result).toMatchObject({ applied: 2, unanswered: 0, batch: { state: 'acknowledged', schemaVersion: 2 } });
  });
});

describe('verify', () => {
  let forgeries = 0;
  async function forged(version: string, line: Record<string, unknown>, summaryVersion: number): Promise<VerifyResult> {
    const path = desk.dir.file(`forjado-${++forgeries}.zip`);
    const summary = {
      schemaVersion: summaryVersion,
      batch: { id: LEGACY_BATCH_UUID, number: '2026-0001', region: 9, sourceOrganization: 'CRESS 9ª Região (SP)', createdAt: '2026-03-10T13:00:00.000Z', sealedAt: '2026-03-10T18:45:30.000Z', operator: 'Ana Paula' },
      counts: { corrections: 1, professionals: 1, cepChanges: 0, dipRequests: 0 },
      fields: [],
      files: [],
    };
    await writeBagZip(path, {
      root: STEM,
      payload: [
        { path: 'corrections.jsonl', data: `${JSON.stringify(line)}\n` },
        { path: 'corrections.csv', data: '\uFEFFid\r\n' },
        { path: 'cep.jsonl', data: '' },
        { path: 'dip-requests.jsonl', data: '' },
        { path: 'summary.json', data: JSON.stringify(summary) },
      ],
      info: [
        { label: 'Source-Organization', value: 'CRESS 9ª Região (SP)' },
        { label: 'External-Identifier', value: LEGACY_BATCH_UUID },
        { label: 'Batch-Sequence', value: '2026-0001' },
        { label: 'Schema-Version', value: version },
        { label: 'App-Version', value: 'x' },
      ],
      baggingDate: '2026-03-10',
    });
    return verify(path);
  }

  const base = {
    id: '11111111-1111-4111-8111-111111111111',
    cpf: '52998224725',
    registrationNumber: '70001',
    name: 'Joana Dias',
    reason: 'Certidão',
    evidence: { kind: 'RG', arrival: 'in_person', date: '2026-03-02', note: null },
    operator: 'Ana Paula',
    createdAt: '2026-03-02T14:05:11.204Z',
    source: 'manual',
    dipAction: 'none',
  };
  const v2Mother = { ...base, previousCpf: null, field: 'mother', oldValue: { motherName: 'Ana', motherNotListed: false }, newValue: { motherName: null, motherNotListed: true } };

  it('checks a package with the schemas of the version it declares', async () => {
    expect(await forged('2', v2Mother, 2)).toMatchObject({ valid: true, schemaVersion: 2 });
    expect(await forged('1', { ...base, field: 'motherNotListed', oldValue: 'false', newValue: 'true' }, 1)).toMatchObject({ valid: true, schemaVersion: 1 });
    // A version-2 line in a package that says version 1: the version-1 schemas refuse it.
    // An e-mail arrival is version 3's: a package that says version 2 is refused for it.
    const byEmail = { ...v2Mother, evidence: { ...base.evidence, arrival: 'email' } };
    expect(await forged('3', byEmail, 3)).toMatchObject({ valid: true, schemaVersion: 3 });
    expect(await forged('4', byEmail, 4)).toMatchObject({ valid: true, schemaVersion: 4 });
    const older = await forged('2', byEmail, 2);
    expect(older.valid).toBe(false);
    expect(older.problems.map((p) => p.message).join('\n')).toMatch(/corrections.jsonl, linha 1: campo \/evidence\/arrival: /);
    const mixed = await forged('1', v2Mother, 1);
    expect(mixed.valid).toBe(false);
    expect(mixed.problems.map((p) => p.message).join('\n')).toMatch(/corrections.jsonl, linha 1: .*propriedades adicionais: "previousCpf"/);
  });

  it('refuses a mother line with text values, a line without previousCpf, and an unknown Schema-Version', async () => {
    const text = await forged('2', { ...v2Mother, newValue: 'Não consta mãe' }, 2);
    expect(text.problems.map((p) => p.message)).toEqual([expect.stringMatching(/linha 1: campo \/newValue: deve ser objeto, mas é texto/)]);
    const { previousCpf: _dropped, ...withoutPrevious } = v2Mother;
    expect((await forged('2', withoutPrevious, 2)).problems.map((p) => p.message)).toEqual([expect.stringMatching(/deve ter a propriedade obrigatória previousCpf/)]);
    const unknown = await forged('5', v2Mother, 2);
    expect(unknown).toMatchObject({ valid: false, schemaVersion: null });
    expect(unknown.problems).toEqual([expect.objectContaining({ code: 'SCHEMA_VERSION', message: expect.stringMatching(/Schema-Version 5 não é conhecido .* 1, 2, 3 e 4\)/) })]);
  });
});

describe('the schema validator', () => {
  it('applies then or else by the condition, never reporting the condition itself', () => {
    const schema = compileSchema({
      type: 'object',
      $defs: { flag: { type: 'boolean' } },
      if: { required: ['kind'], properties: { kind: { const: 'flag' } } },
      then: { properties: { value: { $ref: '#/$defs/flag' } } },
      else: { properties: { value: { type: 'string' } } },
    });
    expect(schema.validate({ kind: 'flag', value: true })).toEqual([]);
    expect(schema.validate({ kind: 'text', value: 'x' })).toEqual([]);
    expect(schema.validate({ kind: 'flag', value: 'x' }).map(describeSchemaError)).toEqual(['campo /value: deve ser verdadeiro/falso, mas é texto']);
    expect(schema.validate({ kind: 'text', value: false }).map(describeSchemaError)).toEqual(['campo /value: deve ser texto, mas é verdadeiro/falso']);
    expect(() => compileSchema({ type: 'object', if: { properties: { a: { minLenght: 2 } } }, then: { required: ['a'] } } as never)).toThrow(/unknown keyword: "minLenght"/);
    expect(() => compileSchema({ if: { required: ['kind'] } })).toThrow(/"if" without "then" and "else"/);
  });
});

function batchStem(number: string): string {
  return `CRESS09-lote-${number}`;
}

function formatted(cpf: string): string {
  return `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
}

