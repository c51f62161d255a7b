// Benchmark case "correction during a 250 000-row import": a corrections import of every
// professional of the bench store (half of them with a new e-mail, a third with a new phone, a
// fifth with a new address) runs in a process of its own, as the app's job would, while this
// process saves a correction at the counter every CLERK_PAUSE_MS through the same handler the
// window calls — on records the import leaves unchanged, so the two never correct the same one.
// Printed: each save's latency, p95 and max, for as long as the import runs (reading, checking,
// then writing in steps); the target is that the clerk never waits 2 s.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers, openStore } from '../../db';
import type { BenchContext } from './context';
import { formatCount, formatMs } from './report';
import { summarize, type CaseResult } from './runner';
import { copyStore } from './context';

const TARGET_MS = 2000;
const CLERK_PAUSE_MS = 150;
const CHILD_FLAG = '--import-child';

interface Row {
  id: number;
  cpf: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  number: string | null;
}

/** The month's file, and the ids of records it leaves as they are (the clerk's). */
function writeFile(context: BenchContext, path: string): { rows: number; untouched: number[] } {
  const rows = context.store.db.prepare('SELECT id, cpf, email, phone, street, number FROM professionals ORDER BY id').all() as Row[];
  const untouched: number[] = [];
  const lines = ['CPF;E-mail;Telefone;Logradouro;Número;Motivo'];
  rows.forEach((p, i) => {
    const email = i % 2 === 0 ? `balcao.${i}@exemplo.com.br` : (p.email ?? '');
    const phone = i % 3 === 0 ? `119${String(60_000_000 + i).padStart(8, '0')}` : (p.phone ?? '');
    const moved = i % 5 === 0;
    if (i % 2 !== 0 && i % 3 !== 0 && !moved) untouched.push(p.id);
    lines.push([p.cpf, email, phone, moved ? 'Rua da Importação' : (p.street ?? ''), moved ? String(1 + (i % 900)) : (p.number ?? ''), 'Atualização do mês'].join(';'));
  });
  writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return { rows: rows.length, untouched };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function correctionDuringImport(context: BenchContext): Promise<{ result: CaseResult; lines: string[] }> {
  const name = `correção durante importação de ${formatCount(context.professionals)} linhas (p95 e máx < ${formatMs(TARGET_MS)})`;
  const file = join(context.dir, 'balcao-durante-importacao.csv');
  const { rows, untouched } = writeFile(context, file);
  const path = copyStore(context, `counter-${Date.now()}.db`);
  const store = openStore({ path, create: false });
  const handlers = createHandlers(store, { appVersion: 'bench' });
  const version = store.db.prepare('SELECT row_version FROM professionals WHERE id = ?').pluck();
  const latencies: number[] = [];
  const started = Date.now();
  const child = spawn(process.execPath, [process.argv[1] as string, CHILD_FLAG, JSON.stringify({ mode: 'import', file, store: path })], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  let running = true;
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => ((running = false), done(code))));
  try {
    for (let i = 0; running; i++) {
      const id = untouched[(i * 7919) % untouched.length] as number;
      const t0 = performance.now();
      await handlers['corrections:save']({
        professionalId: id,
        expectedRowVersion: version.get(id) as number,
        changes: { email: `no.balcao.${i}@exemplo.com.br` },
        reason: 'Pedido no balcão durante a importação',
        evidence: { kind: 'RG', arrival: 'in_person', date: '2026-11-24' },
        dipAcknowledged: true,
      });
      latencies.push(performance.now() - t0);
      await sleep(CLERK_PAUSE_MS);
    }
  } finally {
    store.close();
  }
  const code = await exited;
  if (code !== 0) throw new Error(`importação do caso de concorrência falhou: ${errors}`);
  const answer = JSON.parse(output) as { ms: number; summary?: { accepted: number; corrections: number } };
  // An import that wrote nothing would leave the counter alone, and the case would measure nothing.
  if (!answer.summary || answer.summary.accepted === 0) throw new Error(`the concurrency case's import wrote nothing: ${output.slice(0, 200)}`);
  const measured = summarize(Float64Array.from(latencies));
  return {
    result: { name, targetMs: TARGET_MS, measured, reference: null, withinTarget: measured.p95 < TARGET_MS && measured.max < TARGET_MS, otherMiss: null },
    lines: [
      `  ${name}: ${formatCount(latencies.length)} correções salvas no balcão enquanto a importação de ${formatCount(rows)} linhas (${formatCount(answer.summary.accepted)} aceitas) corria por ${formatMs(Date.now() - started)};`,
      `    espera de cada correção: p50 ${formatMs(measured.p50)}, p95 ${formatMs(measured.p95)}, máx ${formatMs(measured.max)} (alvo: p95 e máx < ${formatMs(TARGET_MS)}).`,
    ],
  };
}
