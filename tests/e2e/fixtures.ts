// One fixture, two ways to run the real renderer against a real store in a temporary folder:
// the browser host (built out/host/host.cjs) in Chromium, or the packaged-to-be Electron app.
import { test as base, _electron as electron, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../../build/scripts/ensure-electron.mjs';
import { STORE_KEY_ENV } from '../../db/storeKey';
import { openRawStore, readRawRows } from '../rawStore';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built `cress-desk` command. */
export const CLI_BIN = join(root, 'out/cli/cress-desk.cjs');

// The desk's processes, and the direct reads and writes below, encrypt the stores with a key of the
// tests' own, never the one of the desk of whoever runs them (db/storeKey.ts). The folder is
// private and the system's temp cleaning removes it.
process.env[STORE_KEY_ENV] ??= join(mkdtempSync(join(tmpdir(), 'cress-e2e-key-')), 'store.key');

/** The PIN every `cress-desk` the tests start reads (CRESS_DESK_PIN_FILE): `init` gives it to the first operator. */
export const DESK_PIN = '1234';
if (!process.env.CRESS_DESK_PIN_FILE) {
  const pinFile = join(mkdtempSync(join(tmpdir(), 'cress-e2e-pin-')), 'operator.pin');
  writeFileSync(pinFile, `${DESK_PIN}\n`, { mode: 0o600 });
  process.env.CRESS_DESK_PIN_FILE = pinFile;
}

export interface DeskApp {
  page: Page;
  storePath: string;
  /**
   * The `cress-desk` command on the same store, to seed or inspect it. After `init --operator NAME`
   * the window's session is started as that operator with DESK_PIN, as if the clerk had chosen
   * their name: the next reload opens the desk, not the choice of who works.
   */
  cli(...args: string[]): Promise<{ code: number; stdout: string }>;
  /** Read the store directly (read-only), to pick records with a given trait. */
  query<T>(sql: string, ...params: unknown[]): T[];
  /** Write to the store directly, for set-up the app offers no command for. */
  exec(sql: string, ...params: unknown[]): void;
}

/** The host's log after a test: it must hold no CPF, mother's name, address or e-mail (LGPD). */
function personalDataInLogs(dir: string, storePath: string): string[] {
  const logDir = join(dir, 'logs');
  if (!existsSync(logDir)) return [];
  const text = readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8')).join('\n');
  if (!existsSync(storePath)) return [];
  const people = readRawRows<Record<string, string | null>>(storePath, 'SELECT cpf, mother_name, street, email FROM professionals');
  const found = new Set<string>();
  for (const person of people) {
    const cpf = person.cpf ?? '';
    const formatted = cpf.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
    for (const value of [cpf, formatted, person.mother_name, person.street, person.email]) {
      if (value && value.length >= 6 && text.includes(value)) found.add(value);
    }
  }
  return [...found];
}

/**
 * The desk's processes keep the clock of the window's browser (playwright.config.ts: Brasília), as
 * the app and its window share one computer's clock: "today" is then the same day on both sides,
 * whatever the time zone of the machine running the tests.
 */
const DESK_ENV = { ...process.env, TZ: 'America/Sao_Paulo' };

/** Each desk keeps its own Documents folder (where backups go by default): no test sees another's backups. */
const deskEnv = (dir: string) => ({ ...DESK_ENV, XDG_DOCUMENTS_DIR: join(dir, 'Documentos') });

function runCli(storePath: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [CLI_BIN, '--db', storePath, ...args], { env });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => ok({ code: code ?? -1, stdout }));
  });
}

/** Stops the host and waits for it to exit: its folder is removed next, and it writes there until it exits. */
function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill();
  return exited;
}

function startHost(storePath: string, env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(root, 'out/host/host.cjs'), '--db', storePath, '--port', '0'], { env });
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?ticket=\w+)/.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        ok({ url: match[1] as string, child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => fail(new Error(`browser host exited (${code}): ${output}`)));
  });
}

export const test = base.extend<{ desk: DeskApp }>({
  // `playwright` (not `browser`/`page`) so that nothing launches Chromium for the Electron project.
  desk: async ({ playwright }, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'cress-e2e-'));
    const storePath = join(dir, 'store.sqlite');
    const env = deskEnv(dir);
    let startSession: ((name: string) => Promise<void>) | null = null;
    const cli = async (...args: string[]) => {
      const result = await runCli(storePath, args, env);
      const operator = args.indexOf('--operator');
      if (args[0] === 'init' && result.code === 0 && operator >= 0 && startSession) await startSession(args[operator + 1] as string);
      return result;
    };
    const query = <T,>(sql: string, ...params: unknown[]) => readRawRows<T>(storePath, sql, params);
    const exec = (sql: string, ...params: unknown[]) => {
      const db = openRawStore(storePath);
      try {
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    };
    try {
      if (testInfo.project.name === 'electron') {
        const binary = electronBinary();
        testInfo.skip(
          !binary,
          'Electron binary not installed (it needs the internet once: npm start fetches it); the same specs ran in Chromium against the browser host.',
        );
        const app = await electron.launch({ executablePath: binary as string, args: [join(root, 'out/main/main.cjs'), '--db', storePath], env });
        try {
          const appWindow = await app.firstWindow();
          startSession = async (name) => {
            await appWindow.evaluate(
              ([n, pin]) => (window as unknown as { cress: { invoke(c: string, i: unknown): Promise<unknown> } }).cress.invoke('session:start', { name: n, pin }),
              [name, DESK_PIN] as const,
            );
          };
          await use({ page: appWindow, storePath, cli, query, exec });
        } finally {
          await app.close();
        }
        return;
      }
      const host = await startHost(storePath, env);
      let browser: Awaited<ReturnType<typeof playwright.chromium.launch>> | null = null;
      try {
        // Inside the try: a browser that cannot start must not leave the host running.
        browser = await playwright.chromium.launch(testInfo.project.use.launchOptions);
        const { viewport, locale, timezoneId } = testInfo.project.use;
        const context = await browser.newContext({ viewport, locale, timezoneId });
        const page = await context.newPage();
        // The app never talks to anything but itself: no network, no telemetry.
        const origin = new URL(host.url).origin;
        const outside: string[] = [];
        page.on('request', (request) => {
          const url = request.url();
          if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
        });
        await page.goto(host.url);
        startSession = async (name) => {
          // The page traded its address's one-time ticket for the token, which it keeps for the tab.
          const token = await (await page.waitForFunction(() => sessionStorage.getItem('cress-desk-token'))).jsonValue();
          const response = await fetch(`${origin}/api/invoke`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-cress-token': token ?? '' },
            body: JSON.stringify({ channel: 'session:start', input: { name, pin: DESK_PIN } }),
          });
          const envelope = (await response.json()) as { ok: boolean };
          if (!envelope.ok) throw new Error(`the session could not start: ${JSON.stringify(envelope)}`);
        };
        await use({ page, storePath, cli, query, exec });
        if (outside.length > 0) throw new Error(`The app made requests outside itself: ${outside.join(', ')}`);
        const leaked = personalDataInLogs(dir, storePath);
        if (leaked.length > 0) throw new Error(`The app's log holds personal data: ${leaked.length} value(s), e.g. ${leaked[0]?.slice(0, 3)}…`);
      } finally {
        await browser?.close();
        await stopHost(host.child);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    }
  },
});

/** A professional as the store's row names them: enough to find the record and know it on screen. */
export interface RecordRow {
  registration_number: string;
  name: string;
}

/** Opens a professional's record from Cadastro: searches the registration number and clicks the row with the name. */
export async function openRecord(page: Page, who: RecordRow): Promise<void> {
  await page.getByRole('button', { name: 'Cadastro' }).click();
  await page.getByLabel('Buscar no cadastro').fill(who.registration_number);
  await page.getByRole('row').filter({ hasText: who.name }).first().click();
  await expect(page.getByRole('heading', { name: who.name })).toBeVisible();
}

/** Sets the desk up with `cress-desk` (CRESS 9ª Região, operator Ana Souza) and `professionals` demo professionals made from `seed`. */
export async function setUpDemoDesk(desk: DeskApp, professionals: number, seed: number): Promise<void> {
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await desk.cli('demo', '--professionals', String(professionals), '--seed', String(seed));
}

/** Fills the first run as a clerk would (CRESS 9ª Região, the first operator's name and PIN twice), without sending it. */
export async function fillFirstRun(page: Page, { operator = 'Ana Souza', pin = DESK_PIN, repeat = pin }: { operator?: string; pin?: string; repeat?: string } = {}): Promise<void> {
  await page.getByRole('combobox', { name: 'CRESS' }).click();
  await page.getByRole('option', { name: 'CRESS 9ª Região (SP)' }).click();
  await page.getByLabel('Nome do operador').fill(operator);
  await page.getByLabel('PIN do operador').fill(pin);
  await page.getByLabel('Repita o PIN').fill(repeat);
}

export { expect } from '@playwright/test';
