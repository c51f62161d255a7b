// `cress-desk info` and the window's header count the records on every run, by their registration
// numbers (a smaller index than the one count(*) walks): the count must still be every record.
import { afterEach, describe, expect, it } from 'vitest';
import { countProfessionals } from '../../db/registry';
import { addProfessional, openBatchDesk, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

describe('counting the records', () => {
  it('gives every record', () => {
    desk = openBatchDesk();
    const db = desk.store.db;
    expect(countProfessionals(db)).toBe(0);
    for (let i = 0; i < 5; i++) addProfessional(desk.store);
    expect(countProfessionals(db)).toBe(5);
    expect(countProfessionals(db)).toBe(db.prepare('SELECT count(*) FROM professionals').pluck().get());
  });
});
