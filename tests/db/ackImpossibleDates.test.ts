// The dates of Implanta's answer are read whole. A date-time that names no real moment (month 13,
// 30 February, 25:99, letters after the T) is refused naming the field and what it holds, never
// taken for "no date" (the import's time in its place). A real one however far (year 1, year 9999)
// meets the same rules as any other. Both fields take the same ISO 8601 forms: with or without
// seconds, zone and decimals (.NET writes seven), a time with no zone being Brasília's.
import { describe, expect, it } from 'vitest';
import { importAck } from './batchFixtures';
import { jsonAnswer, refusedAnswer, sentLoteForEachTest } from './ackSentLote';

const lote = sentLoteForEachTest();

const answeredAt = (acknowledgedAt: string, schemaVersion = 2) => jsonAnswer(lote, [{ id: lote.fix, status: 'applied', ...(schemaVersion === 2 ? { dipStatus: 'confirmed' } : {}) }], { acknowledgedAt, schemaVersion });
const dipDated = (dipStatusDate: string) => jsonAnswer(lote, [{ id: lote.fix, status: 'applied', dipStatus: 'confirmed', dipStatusDate }]);
const dipAt = () => lote.desk.store.db.prepare('SELECT dip_status_at FROM professionals WHERE id = ?').pluck().get(lote.people[0]!.id);

const IMPOSSIBLE = ['2026-13-45T10:00:00Z', '2026-02-30T10:00:00Z', '2026-12-06T25:99:00Z', '2026-12-06Tlixo', '2026-03-11T10:00:60Z', '2026-03-11T10:00:00+25:00'];

describe('an acknowledgedAt that names no real moment', () => {
  for (const value of IMPOSSIBLE) {
    it(`"${value}" is refused naming the field and the value, and nothing changes`, async () => {
      const message = await refusedAnswer(lote, answeredAt(value), 'acknowledgedAt');
      expect(message).toContain(`"${value}"`);
    });
  }

  it('is refused in an answer of version 1 too, whose schema only asks for a date and a T', async () => {
    const message = await refusedAnswer(lote, answeredAt('2026-02-30T10:00:00Z', 1), 'acknowledgedAt');
    expect(message).toContain('"2026-02-30T10:00:00Z"');
  });
});

describe('an acknowledgedAt far from the lote', () => {
  it('year 1 is earlier than the sealing', () => refusedAnswer(lote, answeredAt('0001-01-01T00:00:00Z'), /^A data da confirmação \(acknowledgedAt\) é .*0001.*, anterior ao envio do lote 2026-0001/));

  it('year 9999 has not come yet', () => refusedAnswer(lote, answeredAt('9999-12-31T23:59:59'), /^A data da confirmação \(acknowledgedAt\) é 31\/12\/9999, que ainda não chegou/));
});

describe('a dipStatusDate as an ISO 8601 date-time', () => {
  const FORMS: [string, string][] = [
    ['2026-03-10T10:00:00', '2026-03-10T13:00:00.000Z'],
    ['2026-03-10T10:00', '2026-03-10T13:00:00.000Z'],
    ['2026-03-10T10:00:00.000', '2026-03-10T13:00:00.000Z'],
    ['2026-03-10T13:00:00.1234567Z', '2026-03-10T13:00:00.123Z'],
    ['2026-03-10T10:00:00.5-03:00', '2026-03-10T13:00:00.500Z'],
  ];
  for (const [written, stored] of FORMS) {
    it(`"${written}" is taken as acknowledgedAt is, a time with no zone as Brasília's`, async () => {
      expect(await importAck(lote.desk, dipDated(written))).toMatchObject({ applied: 1, dipUpdated: 1 });
      expect(dipAt()).toBe(stored);
    });
  }

  it('the same forms are taken as acknowledgedAt', async () => {
    expect(await importAck(lote.desk, answeredAt('2026-03-11T07:00:00.1234567'))).toMatchObject({ applied: 1, dipUpdated: 1 });
    expect(dipAt()).toBe('2026-03-11T10:00:00.123Z');
  });

  for (const garbage of ['2026-03-10T10', '2026-03-10T10:00:00.Z', '2026-03-10 10:00', '2026-03-10Tlixo', '2026-03-10T10:00:00ZZ']) {
    it(`"${garbage}" is still refused, naming the item's date and what it holds`, async () => {
      const message = await refusedAnswer(lote, dipDated(garbage), 'dipStatusDate');
      expect(message).toContain(`"${garbage}"`);
    });
  }

  it('one that names no real moment is refused naming the date', () => refusedAnswer(lote, dipDated('2026-02-30T10:00:00'), '"2026-02-30T10:00:00" não existe'));
});
