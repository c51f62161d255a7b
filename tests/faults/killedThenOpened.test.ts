// Every long command killed (SIGKILL) at a moment drawn from a fixed seed, then what a clerk or the
// council's IT person does next: `audit verify`, `info`, the same command again, the app (here the
// browser host) started on the store. Each answers in words — never an internal error, a stack or
// a hang —, and nothing the killed process was writing stays beside the store once it is opened.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpfCheckDigits } from '../../shared/rules/cpf';
import { cliAsync, startHostProcess, type Finished } from '../cli/processes';
import { CLI, runCli } from './harness';
import { deskWith, read, settle, writeExcelCsv } from './stores';

interface KilledCommand {
  name: string;
  /** The prepared store it runs on. */
  from: 'base' | 'created' | 'sealed' | 'sent';
  args(dir: string): string[];
  env?(dir: string): NodeJS.ProcessEnv;
  /** What `audit verify` may answer after the kill (a lost audit key stays lost until a new one is recorded). */
  verifyExits?: number[];
}

let base = '';
const stores: Record<KilledCommand['from'], string> = { base: '', created: '', sealed: '', sent: '' };
const files = { corrections: '', registry: '', answer: '', backup: '' };

/** A folder the command writes into, apart from the store's. */
function outFolder(dir: string, name: string): string {
  const folder = join(dir, 'saida', name);
  mkdirSync(folder, { recursive: true });
  return folder;
}

const COMMANDS: KilledCommand[] = [
  { name: 'importação de correções', from: 'base', args: () => ['import', 'corrections', files.corrections] },
  {
    name: 'importação de correções gravada em passos',
    from: 'base',
    args: () => ['import', 'corrections', files.corrections],
    env: () => ({ CRESS_DESK_IMPORT_STEP_ROWS: '100' }),
  },
  { name: 'carga do cadastro', from: 'base', args: () => ['import', 'registry', files.registry] },
  { name: 'selagem de lote', from: 'created', args: () => ['batch', 'seal', '2026-0001'] },
  { name: 'exportação de lote', from: 'sealed', args: (dir) => ['batch', 'export', '2026-0001', '--out', outFolder(dir, 'pacotes')] },
  { name: 'retorno da Implanta', from: 'sent', args: () => ['batch', 'ack', files.answer] },
  { name: 'backup', from: 'base', args: (dir) => ['backup', 'create', '--out', outFolder(dir, 'copias')] },
  { name: 'restauração', from: 'sent', args: () => ['backup', 'restore', files.backup, '--yes'] },
  {
    // The audit key lost for good: a new one is started.
    name: 'nova chave de auditoria',
    from: 'base',
    args: () => ['audit', 'new-key', '--yes'],
    env: (dir) => ({ CRESS_DESK_AUDIT_KEY_FILE: join(outFolder(dir, 'chave'), 'auditoria.key') }),
    verifyExits: [0, 3],
  },
];

/** Delays from a fixed seed: the same moments on every run. */
function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Whether the command was killed before it ended. */
function killedAfter(store: string, args: string[], ms: number, env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, '--db', store, ...args], { stdio: 'ignore', env: { ...process.env, ...env } });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      done(signal === 'SIGKILL');
    });
  });
}

/** An answer a person can read: a known exit code, words, no internal error and no stack. */
function expectWords(what: string, result: Finished, exits: number[] = [0, 1]): void {
  const output = `${result.stdout}${result.stderr}`;
  expect(exits, `${what}: exit ${result.code}\n${output}`).toContain(result.code);
  expect(output.trim(), what).not.toBe('');
  expect(output, what).not.toMatch(/INTERNAL|Erro interno|\n\s+at .+:\d+:\d+/);
}

/**
 * Names in the store's folder that were not there before the command, but the store's own log,
 * what a restore keeps on purpose and the browser host's log folder.
 */
function leftovers(dir: string, before: Set<string>): string[] {
  return readdirSync(dir).filter((name) => !before.has(name) && !/^store\.sqlite-(wal|shm)$/.test(name) && !/before-restore/.test(name) && name !== 'logs');
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'cress-killed-opened-'));
  const store = await deskWith(base, 2500);
  const people = read<{ cpf: string }>(store, 'SELECT cpf FROM professionals WHERE mother_name IS NOT NULL ORDER BY id LIMIT 2000');
  files.corrections = writeExcelCsv(join(base, 'correcoes.csv'), ['CPF;E-mail;Motivo;Documento', ...people.map((p, i) => `${p.cpf};importado.${i}@exemplo.com.br;Pedido do mês;Declaração`)]);
  files.registry = writeExcelCsv(join(base, 'cadastro.csv'), [
    'Registro;CPF;Nome;Nome da mãe;Município;UF;Situação do DIP',
    ...Array.from({ length: 2000 }, (_, i) => {
      const nine = String(100_000_000 + i * 7919).slice(0, 9);
      return `${90_000 + i};${nine}${cpfCheckDigits(nine)};Profissional Importada ${i};Mãe Importada ${i};São Paulo;SP;Não solicitado`;
    }),
  ]);
  const saved = join(base, 'guardado');
  mkdirSync(saved);
  await runCli(['--db', store, 'backup', 'create', '--out', saved], null);
  files.backup = join(saved, readdirSync(saved).find((name) => name.endsWith('.zip') && !name.startsWith('.')) as string);
  const snapshot = (name: string) => {
    const copy = join(base, `${name}.sqlite`);
    copyFileSync(settle(store), copy);
    return copy;
  };
  stores.base = snapshot('base');
  const requests = writeExcelCsv(join(base, 'pedidos.csv'), ['CPF;E-mail;Motivo;Documento', ...people.slice(0, 800).map((p, i) => `${p.cpf};lote.${i}@exemplo.com.br;Pedido;RG`)]);
  await runCli(['--db', store, 'import', 'corrections', requests], null);
  await runCli(['--db', store, 'batch', 'create'], null);
  stores.created = snapshot('created');
  await runCli(['--db', store, 'batch', 'seal', '2026-0001'], null);
  stores.sealed = snapshot('sealed');
  await runCli(['--db', store, 'batch', 'export', '2026-0001', '--out', saved], null);
  await runCli(['--db', store, 'batch', 'mark-sent', '2026-0001'], null);
  const sent = read<{ uuid: string }>(store, "SELECT uuid FROM corrections WHERE status = 'sent' ORDER BY id").map((c) => c.uuid);
  files.answer = writeExcelCsv(join(base, 'retorno.csv'), ['id;situação;mensagem', ...sent.map((uuid, i) => (i % 10 === 0 ? `${uuid};rejeitada;E-mail recusado` : `${uuid};aplicada;`))]);
  stores.sent = snapshot('sent');
}, 90_000);

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

/** A folder of its own with a copy of the command's store. */
function caseFolder(command: KilledCommand): { dir: string; store: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(base, 'caso-'));
  const store = join(dir, 'store.sqlite');
  copyFileSync(stores[command.from], store);
  return { dir, store, env: command.env?.(dir) ?? {} };
}

describe('a long command killed at a random moment', () => {
  const next = seeded(20261205);
  COMMANDS.forEach((command, index) => {
    it(`${command.name}: what comes next answers in words, and nothing of the killed process stays beside the store`, async () => {
      // An undisturbed run on a copy tells how long the command takes; the kill falls within it.
      const rehearsal = caseFolder(command);
      const undisturbed = await cliAsync(rehearsal.store, command.args(rehearsal.dir), rehearsal.env);
      expect(undisturbed.code, undisturbed.stderr).toBe(0);
      let delay = Math.floor(undisturbed.ms * (0.05 + 0.7 * next()));
      let killedCase: { dir: string; store: string; env: NodeJS.ProcessEnv; args: string[]; before: Set<string> } | null = null;
      // A run faster than the rehearsal may end before its kill: again, on a fresh copy, sooner.
      for (let attempt = 0; attempt < 4 && !killedCase; attempt++, delay = Math.floor(delay / 2)) {
        const fresh = caseFolder(command);
        const args = command.args(fresh.dir);
        const before = new Set(readdirSync(fresh.dir));
        if (await killedAfter(fresh.store, args, delay, fresh.env)) killedCase = { ...fresh, args, before };
      }
      expect(killedCase, 'the command was killed before it ended').not.toBeNull();
      const { dir, store, env, args, before } = killedCase as NonNullable<typeof killedCase>;

      const hostAnswers = async () => {
        const host = await startHostProcess(store, undefined, env);
        try {
          expect(await host.invoke('registry:find', { key: '00000000000' })).toMatchObject({ ok: true });
        } finally {
          await host.stop();
        }
      };
      // Every other command, the app is what opens the store first after the kill.
      const hostFirst = index % 2 === 1;
      if (hostFirst) await hostAnswers();
      expectWords('audit verify', await cliAsync(store, ['audit', 'verify'], env), command.verifyExits ?? [0]);
      expect(leftovers(dir, before)).toEqual([]);
      expectWords('info', await cliAsync(store, ['info'], env), [0]);
      expectWords('the same command again', await cliAsync(store, args, env));
      if (!hostFirst) await hostAnswers();
      expect(leftovers(dir, before)).toEqual([]);
    }, 60_000);
  });
});
