// The log file tells IT what ran and how it ended, and never whose data it was (LGPD).
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDesk } from '../../db';
import { fileLogger, scrub } from '../../db/log';
import { posixOnly } from '../posixOnly';

const dir = mkdtempSync(join(tmpdir(), 'cress-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('log scrubbing', () => {
  it('masks CPFs, CEPs, e-mails and phones in any form', () => {
    const line = scrub('CPF 529.982.247-25 ou 52998224725, CEP 01310-100, maria.silva@exemplo.com.br, (11) 98888-7777');
    expect(line).toBe('CPF [cpf] ou [cpf], CEP [cep], [e-mail], [telefone]');
  });
});

describe('the desk log', () => {
  it('records calls and refusals without the data they carried', async () => {
    const desk = openDesk({ path: join(dir, 'store.sqlite'), appVersion: 'test', logDir: join(dir, 'logs'), create: true });
    try {
      await desk.dispatch('settings:setup', { region: 9, operator: 'Ana Souza', seccional: null, demoProfessionals: 20 });
      const someone = desk.store.db.prepare('SELECT id, cpf, mother_name, row_version FROM professionals WHERE mother_name IS NOT NULL LIMIT 1').get() as {
        id: number;
        cpf: string;
        mother_name: string;
        row_version: number;
      };
      await desk.dispatch('registry:find', { key: someone.cpf });
      await desk.dispatch('corrections:save', {
        professionalId: someone.id,
        expectedRowVersion: someone.row_version,
        changes: { email: 'nao é e-mail', motherName: 'Joana Darc da Silva' },
        reason: 'Pedido no balcão',
        evidence: { kind: 'RG', arrival: 'in_person', date: '2026-11-24' },
      });
      const log = readFileSync(join(dir, 'logs', 'cress-desk.log'), 'utf8');
      const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.channel)).toEqual(['settings:setup', 'registry:find', 'corrections:save']);
      expect(lines[2]).toMatchObject({ ok: false, code: 'EMAIL_INVALID' });
      expect(log).not.toContain(someone.cpf);
      expect(log).not.toContain(someone.mother_name);
      expect(log).not.toContain('Joana Darc');
      expect(log).not.toContain('Ana Souza');
    } finally {
      desk.close();
    }
  });
});

describe('what a job leaves in the log', () => {
  it('says how each job ended — ok with its counts, or failed with its code — after the call that started it', async () => {
    const logs = join(dir, 'jobs');
    const desk = openDesk({ path: join(dir, 'jobs.sqlite'), appVersion: 'test', logDir: logs, create: true });
    try {
      await desk.dispatch('settings:setup', { region: 9, operator: 'Ana Souza', seccional: null, demoProfessionals: 20 });
      const junk = join(dir, 'Planilha de Maria 529.982.247-25.xlsx');
      writeFileSync(junk, Buffer.from('isto não é uma planilha'));
      const started = (await desk.dispatch('imports:run', { path: junk, name: 'Planilha de Maria 529.982.247-25.xlsx', kind: 'corrections' })) as { ok: true; value: { jobId: string } };
      expect((await desk.jobs.wait(started.value.jobId)).state).toBe('failed');
      const checked = (await desk.dispatch('quality:scan', {})) as { ok: true; value: { jobId: string } };
      expect((await desk.jobs.wait(checked.value.jobId)).state).toBe('done');
      const log = readFileSync(join(logs, 'cress-desk.log'), 'utf8');
      const jobs = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'job');
      expect(jobs).toEqual([
        expect.objectContaining({ level: 'info', channel: 'imports:run', ok: false, code: 'FILE_UNREADABLE', ms: expect.any(Number) }),
        expect.objectContaining({ level: 'info', channel: 'quality:scan', ok: true, scanned: 20 }),
      ]);
      expect(log).not.toContain('Maria');
      expect(log).not.toContain('529.982');
    } finally {
      desk.close();
    }
  });
});

describe('what a refusal leaves in the log', () => {
  it('a rejected correction with a typed name, date and e-mail leaves the error codes and none of the values', async () => {
    const logs = join(dir, 'refusals');
    const desk = openDesk({ path: join(dir, 'refusals.sqlite'), appVersion: 'test', logDir: logs, create: true });
    try {
      await desk.dispatch('settings:setup', { region: 9, operator: 'Beatriz Lima', seccional: null, demoProfessionals: 5 });
      const someone = desk.store.db.prepare('SELECT id, row_version FROM professionals LIMIT 1').get() as { id: number; row_version: number };
      const typed = { motherNotListed: 'Maria Aparecida Dos Santos', birthDate: '31/02/1985', email: 'maria.aparecida.santos@@exemplo' };
      const refusals = [];
      for (const [field, value] of Object.entries(typed)) {
        refusals.push(
          await desk.dispatch('corrections:save', {
            professionalId: someone.id,
            expectedRowVersion: someone.row_version,
            changes: { [field]: value },
            reason: 'Pedido de Joana Prado no balcão',
            evidence: { kind: 'RG', arrival: 'in_person', date: '2026-11-24' },
          }),
        );
      }
      // The refusals did carry the values back to the clerk: only the log must not keep them.
      expect(refusals.map((r) => (r.ok ? 'ok' : r.error.message)).join(' ')).toContain('Maria Aparecida Dos Santos');
      await desk.dispatch('Maria Aparecida Dos Santos' as never, {} as never);
      await desk.dispatch('corrections:save', { professionalId: 'Rua das Acácias 31/02/1985' } as never);

      const log = readFileSync(join(logs, 'cress-desk.log'), 'utf8');
      const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.slice(1, 4).map((l) => l.code)).toEqual(['VALUE_INVALID', 'DATE_INVALID', 'EMAIL_INVALID']);
      expect(lines[5]).toMatchObject({ channel: 'corrections:save', ok: false, code: 'INPUT_INVALID' });
      for (const value of [...Object.values(typed), 'Maria Aparecida', '31/02/1985', 'maria.aparecida', 'Joana Prado', 'Beatriz Lima', 'Acácias']) {
        expect(log).not.toContain(value);
      }
      for (const line of lines) expect(Object.keys(line).filter((k) => !['at', 'level', 'event', 'channel', 'ms', 'ok', 'code', 'problems'].includes(k))).toEqual([]);
    } finally {
      desk.close();
    }
  });

  it('keeps only codes, channel names and numbers even when a caller hands it text', () => {
    const logs = join(dir, 'direct');
    const logger = fileLogger(logs);
    logger.log({ level: 'info', event: 'call', channel: 'registry:find', code: 'Maria Aparecida Dos Santos', message: 'Data inválida: 31/02/1985', rows: 3 });
    const line = JSON.parse(readFileSync(join(logs, 'cress-desk.log'), 'utf8')) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', event: 'call', channel: 'registry:find', rows: 3 });
    expect(JSON.stringify(line)).not.toMatch(/Maria|31\/02/);
  });

  it('is readable by its owner only: the file 0600 in a 0700 folder, also when an older version left them open', (context) => {
    posixOnly(context);
    const logs = join(dir, 'modes');
    fileLogger(logs).log({ level: 'info', event: 'call', ok: true });
    expect(statSync(logs).mode & 0o777).toBe(0o700);
    expect(statSync(join(logs, 'cress-desk.log')).mode & 0o777).toBe(0o600);
    chmodSync(logs, 0o755);
    chmodSync(join(logs, 'cress-desk.log'), 0o644);
    fileLogger(logs).log({ level: 'info', event: 'call', ok: true });
    expect(statSync(logs).mode & 0o777).toBe(0o700);
    expect(statSync(join(logs, 'cress-desk.log')).mode & 0o777).toBe(0o600);
  });
  it('never writes through a link put in place of its file: the file it points to stays as it was, and the desk goes on', (context) => {
    posixOnly(context, 'symbolic links');
    const logs = join(dir, 'linked');
    mkdirSync(logs);
    const elsewhere = join(dir, 'perfil-do-usuario.sh');
    writeFileSync(elsewhere, 'export PATH=/usr/bin\n', { mode: 0o644 });
    chmodSync(elsewhere, 0o644);
    symlinkSync(elsewhere, join(logs, 'cress-desk.log'));
    fileLogger(logs).log({ level: 'info', event: 'call', channel: 'registry:find', ok: true });
    expect(readFileSync(elsewhere, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(statSync(elsewhere).mode & 0o777).toBe(0o644);
  });

  it('never waits on a pipe put in place of its file: the line is dropped at once, the console says so once, and the desk goes on', (context) => {
    posixOnly(context, 'named pipes');
    const logs = join(dir, 'pipe');
    mkdirSync(logs, { mode: 0o700 });
    execFileSync('mkfifo', ['-m', '600', join(logs, 'cress-desk.log')]);
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const logger = fileLogger(logs);
      // With nobody reading the pipe, opening it to write would wait for ever: the whole desk with it.
      const started = Date.now();
      logger.log({ level: 'info', event: 'call', channel: 'registry:find', ok: true });
      logger.log({ level: 'info', event: 'call', channel: 'registry:search', ok: true });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(warned).toHaveBeenCalledTimes(1);
      expect(String(warned.mock.calls[0]?.[0])).toMatch(/log.*não pode ser gravado/);
    } finally {
      warned.mockRestore();
    }
  });

  it('is not kept in a folder someone else owns (a shared folder where the store lives): no line goes there', (context) => {
    posixOnly(context, 'file owners');
    if (process.getuid?.() !== 0) {
      context.skip();
      return;
    }
    const logs = join(dir, 'alheia');
    mkdirSync(logs, { mode: 0o777 });
    chownSync(logs, 65534, 65534);
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      fileLogger(logs).log({ level: 'info', event: 'call', channel: 'registry:find', ok: true });
      expect(existsSync(join(logs, 'cress-desk.log'))).toBe(false);
      expect(String(warned.mock.calls[0]?.[0])).toMatch(/log.*não pode ser gravado.*outra conta/);
    } finally {
      warned.mockRestore();
    }
  });

  it('taken away while the desk runs (a cleaner, the IT person), its folder is made again (0700) and the next lines are written', () => {
    const logs = join(dir, 'removed');
    const logger = fileLogger(logs);
    logger.log({ level: 'info', event: 'call', channel: 'registry:find', ok: true });
    rmSync(logs, { recursive: true, force: true });
    logger.log({ level: 'info', event: 'call', channel: 'registry:search', ok: true });
    const lines = readFileSync(join(logs, 'cress-desk.log'), 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { channel: string }).channel)).toEqual(['registry:search']);
    if (process.platform !== 'win32') expect(statSync(logs).mode & 0o777).toBe(0o700);
  });

  it('whose parent folder was moved away (the store\'s folder renamed), is not made again there: no empty folder appears where the store was', () => {
    const storeFolder = join(dir, 'pasta-do-banco');
    const logger = fileLogger(join(storeFolder, 'logs'));
    logger.log({ level: 'info', event: 'call', channel: 'registry:find', ok: true });
    renameSync(storeFolder, `${storeFolder}-renomeada`);
    logger.log({ level: 'info', event: 'call', channel: 'registry:search', ok: true });
    expect(existsSync(storeFolder)).toBe(false);
    expect(readFileSync(join(`${storeFolder}-renomeada`, 'logs', 'cress-desk.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('never stops the desk: with a file where its folder goes, the desk opens and answers, and the console says once that it runs without a log', async () => {
    const place = join(dir, 'blocked');
    mkdirSync(place);
    writeFileSync(join(place, 'logs'), 'não é uma pasta');
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const desk = openDesk({ path: join(place, 'store.sqlite'), appVersion: 'test', logDir: join(place, 'logs'), create: true });
      try {
        expect(await desk.dispatch('settings:setup', { region: 9, operator: 'Ana Souza', seccional: null })).toMatchObject({ ok: true });
        expect(await desk.dispatch('app:info', {})).toMatchObject({ ok: true, value: { settings: { region: 9 } } });
      } finally {
        desk.close();
      }
      expect(readFileSync(join(place, 'logs'), 'utf8')).toBe('não é uma pasta');
      expect(warned).toHaveBeenCalledTimes(1);
      expect(String(warned.mock.calls[0]?.[0])).toMatch(/log.*não pode ser gravado.*EEXIST/);
    } finally {
      warned.mockRestore();
    }
  });
});
