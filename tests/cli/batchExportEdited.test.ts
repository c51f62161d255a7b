// A package edited (or replaced) behind the desk's back after it was exported, then exported again
// to the same folder: nothing is replaced, and the refusal says what lies there and what the IT
// person can do from a terminal, where there is no other name to choose.
import { appendFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-export-edited-', (d) => {
  initDesk(d, { professionals: 20, seed: 3 });
  const who = d.json('registry', 'search', 'a').body.items[0].registrationNumber as string;
  expect(d.run('correct', who, '--field', 'email', '--value', 'nova.caixa@gmail.com', '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
  expect(d.run('batch', 'create').code).toBe(0);
  expect(d.run('batch', 'seal', '2026-0001').code).toBe(0);
});

describe('batch export over a package edited since', () => {
  it('refuses saying the file there is not this lote’s package, to be removed or exported elsewhere, and leaves it as it is', () => {
    const exported = desk.json('batch', 'export', '2026-0001', '--out', desk.dir);
    expect(exported.code).toBe(0);
    const file = exported.body.file as string;
    appendFileSync(file, 'editado');
    const edited = readFileSync(file);

    const again = desk.run('batch', 'export', '2026-0001', '--out', desk.dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('BATCH_DESTINATION_INVALID');
    expect(again.stderr).toMatch(/não é o pacote deste lote/);
    expect(again.stderr).toMatch(/apague-o ou mude-o de lugar/);
    expect(again.stderr).not.toMatch(/outro nome/);
    expect(readFileSync(file)).toEqual(edited);
  });
});
