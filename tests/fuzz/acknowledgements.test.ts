// Hostile acknowledgement files (JSON, CSV, xlsx) imported against a sent batch: generated ones
// around the real format, then mutated. Each import ends in a result or a clear error; an error
// leaves the store exactly as it was; nothing reaches Object.prototype.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { AckResult, BatchSummary } from '../../shared/contract';
import { readAck } from '../../db/batches/ackRead';
import { openBatchDesk, queueEmailCorrections, sendBatch, type BatchDesk } from '../db/batchFixtures';
import { byteMutationsArb, cellArb, csvBytes, csvShapeArb, fc, mutateBytes, mutateZip, prototypeKeys, rawZip, rssMb, RSS_GROWTH_LIMIT_MB, runCaseAsync, storeDigest, unzipEntries, xmlSafe, zeroBombDeflate, zipMutationsArb } from './generators';
import { hostileRun } from './hostileRun';

const run = hostileRun('confirmações de lote');
const tally = run.tally;
const protoBefore = prototypeKeys();
let desk: BatchDesk;
let batch: BatchSummary;
let uuids: string[];
let packageSha = '';

beforeAll(async () => {
  desk = openBatchDesk();
  uuids = queueEmailCorrections(desk, 6);
  ({ batch, sha256: packageSha } = await sendBatch(desk));
});
afterAll(() => {
  desk.cleanup();
});

let count = 0;
/** Imports one file as the clerk would; an error must be clear and leave the store as it was. */
async function importCase(reader: string, name: string, bytes: Buffer): Promise<void> {
  const path = desk.dir.file(`${++count}-${name}`);
  writeFileSync(path, bytes);
  const before = storeDigest(desk.store.db);
  const verdict = await runCaseAsync(tally, reader, `${name}: ${bytes.subarray(0, 200).toString('hex')}`, async () => {
    await desk.job<AckResult>(desk.handlers['batches:acknowledge']({ path, fileName: name }));
  });
  if (verdict === 'error') expect(storeDigest(desk.store.db)).toBe(before);
}

const idArb = fc.oneof(
  { weight: 4, arbitrary: fc.nat().map((i) => uuids[i % uuids.length] as string) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '', 'ZZZZZZZZ-0000-0000-0000-000000000000') },
  { weight: 1, arbitrary: cellArb },
);
const statusArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('applied', 'rejected', 'aplicada', 'Rejeitada', 'APLICADO', '') }, { weight: 1, arbitrary: cellArb });
const itemArb = fc.record({ id: idArb, status: statusArb, message: fc.option(cellArb) }, { requiredKeys: ['id', 'status'] });

/** Mostly the real format (so the answers reach the store), each field sometimes bent. */
const usually = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad });
/** The DIP status and its date of version 2, sometimes bent (an unknown word, a date not in the calendar). */
const dipStatusArb = usually(fc.constantFrom('none', 'requested', 'confirmed', 'in_manufacture', 'issued'), fc.oneof(cellArb, fc.constantFrom('Emitido', 'emitido', '__proto__')));
const dipDateArb = usually(
  fc.constantFrom('09/03/2026', '2026-03-09', '2026-03-09T10:00:00Z', '2026-03-09T10:00:00-03:00'),
  fc.oneof(cellArb, fc.constantFrom('31/02/2026', '2026-13-01', '2026-03-09T25:00:00Z', '9/3/26')),
);
const jsonItemArb = fc.record(
  {
    id: usually(fc.nat().map((i) => uuids[i % uuids.length] as string), idArb),
    status: usually(fc.constantFrom('applied', 'rejected', 'synced_registry_only'), statusArb),
    message: fc.option(fc.string({ maxLength: 30 })),
    dipStatus: dipStatusArb,
    dipStatusDate: dipDateArb,
  },
  { requiredKeys: ['id', 'status', 'message'] },
);
const ackObjectArb = fc
  .record({
    schemaVersion: usually(fc.constantFrom(1, 2, 2), fc.jsonValue()),
    batch: usually(fc.constant('{batch}'), fc.oneof(fc.uuid(), fc.jsonValue())),
    number: usually(fc.constant('{number}'), cellArb),
    packageSha256: usually(fc.constant('{sha}'), fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), fc.jsonValue())),
    items: usually(fc.array(jsonItemArb, { maxLength: 4 }), fc.oneof(fc.array(itemArb, { maxLength: 8 }), fc.jsonValue())),
    extra: fc.option(fc.jsonValue(), { freq: 6 }),
    drop: fc.option(fc.constantFrom('schemaVersion', 'batch', 'number', 'packageSha256', 'items'), { freq: 6 }),
  })
  .map(({ extra, drop, ...ack }) => {
    const value: Record<string, unknown> = { ...ack };
    if (extra !== null) value.extra = extra;
    if (drop !== null) delete value[drop];
    return value;
  });

/** The JSON of an acknowledgement, with placeholders for the real batch, and raw prototype keys spliced in. */
function ackJson(value: Record<string, unknown>, protoKey: string | null): Buffer {
  let text = JSON.stringify(value)
    .replace('"{batch}"', JSON.stringify(batch.uuid))
    .replace('"{number}"', JSON.stringify(batch.number))
    .replace('"{sha}"', JSON.stringify(packageSha));
  if (protoKey) text = text.replace(/^\{/, `{"${protoKey}":{"polluted":true,"items":[]},`);
  return Buffer.from(text, 'utf8');
}

describe('generated and mutated acknowledgements', () => {
  it('JSON: the format bent in every field, prototype keys, then bytes mutated', async () => {
    await fc.assert(
      fc.asyncProperty(ackObjectArb, usually(fc.constant(null), fc.constantFrom('__proto__', 'constructor', 'prototype')), fc.option(byteMutationsArb, { freq: 2 }), async (value, protoKey, mutations) => {
        const clean = ackJson(value, protoKey);
        await importCase('JSON', 'confirmacao.json', mutations ? mutateBytes(clean, mutations) : clean);
      }),
      { seed: 60201, numRuns: 500, endOnFailure: true },
    );
  });

  it('JSON version 2: well-formed answers whose DIP statuses and dates are bent reach the store whole or not at all', async () => {
    const v2 = fc.array(jsonItemArb, { minLength: 1, maxLength: 4 }).map((items) => ({ schemaVersion: 2, batch: '{batch}', number: '{number}', packageSha256: '{sha}', items }));
    await fc.assert(
      fc.asyncProperty(v2, async (value) => {
        await importCase('JSON v2', 'confirmacao.json', ackJson(value, null));
      }),
      { seed: 60204, numRuns: 200, endOnFailure: true },
    );
    expect(tally.line('x')).toMatch(/JSON v2 200 \([1-9]/);
  });

  it('CSV in UTF-8 and Windows-1252: headers, ids and statuses bent, then bytes mutated', async () => {
    const headerArb = fc.shuffledSubarray(
      ['id', 'situação', 'mensagem', 'situação do DIP', 'data do DIP', '__proto__', 'constructor', 'prototype', 'Situacao', 'ID'],
      { minLength: 1 },
    );
    const csvStatusArb = fc.oneof({ weight: 4, arbitrary: statusArb }, { weight: 1, arbitrary: fc.constantFrom('aplicada no cadastro, DIP não corrigido', 'Aplicada só no cadastro') });
    const rowArb = fc.tuple(idArb, csvStatusArb, cellArb, fc.oneof(dipStatusArb, fc.constantFrom('Em confecção', 'Enviado para confecção', '')), fc.oneof(dipDateArb, fc.constant('')));
    await fc.assert(
      fc.asyncProperty(headerArb, fc.array(rowArb, { maxLength: 8 }), csvShapeArb, fc.option(byteMutationsArb, { freq: 3 }), async (header, rows, shape, mutations) => {
        const cell = (h: string, [id, status, message, dip, date]: (typeof rows)[number]) =>
          /^id$/i.test(h) ? id : /^situa[cç][aã]o do DIP$/i.test(h) ? dip : /^data do DIP$/i.test(h) ? date : /^situa/i.test(h) ? status : message;
        const table = [header, ...rows.map((row) => header.map((h) => cell(h, row)))];
        const clean = csvBytes(table, { ...shape, sepHint: false });
        await importCase(shape.encoding === 'utf-8' ? 'CSV UTF-8' : 'CSV Windows-1252', 'confirmacao.csv', mutations ? mutateBytes(clean, mutations) : clean);
      }),
      { seed: 60202, numRuns: 500, endOnFailure: true },
    );
  });

  it('xlsx written by SheetJS, then mutated in its bytes and in its structure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(idArb, statusArb, cellArb), { maxLength: 6 }),
        fc.oneof(byteMutationsArb.map((m) => ({ bytes: m })), zipMutationsArb.map((m) => ({ zip: m })), fc.constant({ none: true })),
        async (rows, mutation) => {
          const wb = XLSX.utils.book_new();
          XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['id', 'situação', 'mensagem'], ...rows.map((r) => r.map(xmlSafe))]), 'Confirmação');
          const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
          const mutated = 'bytes' in mutation ? mutateBytes(bytes, mutation.bytes) : 'zip' in mutation ? mutateZip(unzipEntries(bytes), mutation.zip) : bytes;
          await importCase('xlsx', 'confirmacao.xlsx', mutated);
        },
      ),
      { seed: 60203, numRuns: 300, endOnFailure: true },
    );
  });
});

describe('the classics', () => {
  it('__proto__ and constructor as JSON keys, item fields and CSV headers leave Object.prototype untouched', async () => {
    const json = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"schemaVersion":1,"batch":"${batch.uuid}","packageSha256":"${packageSha}","items":[{"__proto__":{"status":"applied"},"id":"${uuids[0]}","status":"rejected","message":"x"}]}`;
    await importCase('clássicos', 'proto.json', Buffer.from(json));
    await importCase('clássicos', 'proto.csv', Buffer.from(`__proto__;constructor;id;situação\r\n{"polluted":1};x;${uuids[1]};aplicada\r\n`));
    expect(prototypeKeys()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a zip bomb as an xlsx acknowledgement is refused at once, without expanding it', async () => {
    const bomb = rawZip([
      { name: '[Content_Types].xml', compressed: Buffer.from('<Types/>'), size: 8, crc: 0, method: 0 },
      { name: 'xl/worksheets/sheet1.xml', compressed: zeroBombDeflate(2048), size: 2 ** 31, crc: 0 },
    ]);
    const rss = rssMb();
    const started = performance.now();
    const path = desk.dir.file('bomba.xlsx');
    writeFileSync(path, bomb);
    const before = storeDigest(desk.store.db);
    const error = await desk.job(desk.handlers['batches:acknowledge']({ path, fileName: 'bomba.xlsx' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/não pôde ser aberta/) });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(rssMb() - rss).toBeLessThan(100);
    expect(storeDigest(desk.store.db)).toBe(before);
    tally.add('clássicos', 'error', performance.now() - started);
  });

  it('XML entities ("billion laughs", external) in an xlsx acknowledgement are never expanded', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['id', 'situação'], [uuids[2] as string, 'aplicada']]), 'C');
    const parts = unzipEntries(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const laughs = '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e SYSTEM "file:///etc/passwd">]>';
    for (const target of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml']) {
      const hostile = parts.map((p) => (p.name === target ? { name: p.name, data: Buffer.from(p.data.toString().replace(/(<\?xml[^>]*\?>\s*)/, `$1${laughs}`).replace('situação', '&d;&e;')) } : p));
      const rss = rssMb();
      await importCase('clássicos', 'entidades.xlsx', mutateZip(hostile, []));
      expect(rssMb() - rss).toBeLessThan(100);
    }
    const stored = desk.store.db.prepare('SELECT group_concat(status_message) FROM corrections').pluck().get() as string | null;
    expect(stored ?? '').not.toMatch(/root:|aaaaaaaaaaaaaaaaaaaa/);
  });

  it('formula cells in an xlsx acknowledgement count as their saved text, never evaluated', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['id', 'situação', 'mensagem']]);
    ws.A2 = { t: 's', v: uuids[3] as string, f: 'CONCAT("a","b")' };
    ws.B2 = { t: 's', v: 'rejeitada', f: 'IF(1,"aplicada","rejeitada")' };
    ws.C2 = { t: 's', v: 'Motivo salvo', f: 'WEBSERVICE("http://exemplo.invalid/")' };
    ws['!ref'] = 'A1:C2';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'C');
    const path = desk.dir.file('formulas.xlsx');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const ack = await readAck(path, 'formulas.xlsx');
    expect(ack.answers).toEqual([{ id: uuids[3], status: 'rejected', registryOnly: false, message: 'Motivo salvo', dipStatus: null, dipStatusDate: null, line: 2 }]);
    tally.add('clássicos', 'result', 0);
  });

  it('a message over 1 000 characters in a CSV or an xlsx answer is kept cut to 1 000, ending in "…", as the JSON schema caps it', async () => {
    // The cut falls just past an emoji: it must not leave half of it behind.
    const long = `Rejeitada: ${'a'.repeat(987)}😀${'b'.repeat(100_000)}`;
    const csv = desk.dir.file('mensagem-longa.csv');
    writeFileSync(csv, `id;situação;mensagem\r\n${uuids[5]};rejeitada;${long}\r\n`);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['id', 'situação', 'mensagem'], [uuids[5] as string, 'rejeitada', long.slice(0, 32_000)]]), 'C');
    const xlsx = desk.dir.file('mensagem-longa.xlsx');
    writeFileSync(xlsx, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    for (const [path, name] of [
      [csv, 'mensagem-longa.csv'],
      [xlsx, 'mensagem-longa.xlsx'],
    ] as const) {
      const message = (await readAck(path, name)).answers[0]?.message ?? '';
      // Counted in characters, as the JSON schema counts them: the emoji is one, kept whole.
      expect(Array.from(message).length).toBeLessThanOrEqual(1000);
      expect(message).toMatch(/^Rejeitada: a{987}😀…$/u);
      expect(Buffer.from(message, 'utf8').toString('utf8')).toBe(message); // no half surrogate pair left
    }
    const short = desk.dir.file('mensagem-curta.csv');
    writeFileSync(short, `id;situação;mensagem\r\n${uuids[5]};rejeitada;${'c'.repeat(1000)}\r\n`);
    expect((await readAck(short, 'mensagem-curta.csv')).answers[0]?.message).toBe('c'.repeat(1000));
    tally.add('clássicos', 'result', 0);
  });

  it('a 1 MB cell and 100 000 columns end in a clear answer, quickly', async () => {
    await importCase('clássicos', 'celula.csv', Buffer.from(`id;situação;mensagem\r\n${uuids[4]};rejeitada;${'m'.repeat(1024 * 1024)}\r\n`));
    const wide = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    await importCase('clássicos', 'larga.csv', Buffer.from(`${wide.join(';')}\r\n${wide.join(';')}\r\n`));
  });
});

describe('the whole run', () => {
  it('left memory bounded and Object.prototype untouched', () => {
    expect(tally.total()).toBeGreaterThan(1000);
    expect(rssMb() - run.rssBefore).toBeLessThan(RSS_GROWTH_LIMIT_MB);
    expect(prototypeKeys()).toEqual(protoBefore);
  });
});
