// `cress-desk`: the same handler table as the app, from a terminal. Never imports electron.
// This file builds the program from each command group's module (its commands, their options and
// their generated help) and runs it: the store is opened at a command's first call, what it answers
// is printed as text or with --json, and the exit status says how it went.
import { Command, CommanderError } from 'commander';
import { openDesk, resolveStorePath, type Desk } from '../../db';
import { auditKeyFromEnv } from '../../db/auditKey';
import { takeNarrowedKeyFiles } from '../../db/keyFiles';
import { requireSessions } from '../../db/session';
import { storeError } from '../../db/storeLock';
import type { Envelope } from '../../shared/contract';
import { formatCount } from '../../shared/display/numbers';
import { AppError, type ErrorCode } from '../../shared/errors';
import { terminalSafe } from '../../shared/text';
import { auditCli } from './audit';
import { backupCli } from './backup';
import { batchCli } from './batch';
import { cepCli } from './cep';
import { contactsCli } from './contacts';
import { correctionsCli } from './corrections';
import { dipCli } from './dip';
import { importCli } from './import';
import { optionRefusal } from './inputOptions';
import { repeatedOption } from './repeatedOptions';
import { keyCli } from './key';
import { qualityCli } from './quality';
import { registryCli } from './registry';
import { operatorsCli } from './operators';
import { setupCli } from './setup';
import { PIN_FILE_ENV, READ_ONLY_CHANNELS, signIn } from './signIn';
import { storeCli } from './store';
import { EXIT, UsageError, type ActionOf, type Call, type CliContext, type CliIo, type CommandOutcome } from './types';
import { APP_VERSION } from '../version';

export { EXIT };

/** The command groups, in the order of the help. */
const GROUPS = [setupCli, operatorsCli, registryCli, correctionsCli, cepCli, auditCli, storeCli, backupCli, batchCli, importCli, keyCli, qualityCli, contactsCli, dipCli];

const EXIT_STATUS = 'Exit status: 0 done, 1 refused (the message says why), 2 usage, 3 integrity failure.';

/**
 * A refusal's message on one line: a line break in it can only come from a value typed (or read from
 * a file) and echoed, which would otherwise split the message and leave its code on a line of its own.
 */
function oneLine(message: string): string {
  return message.replace(/\r\n|[\r\n\u2028\u2029]/g, '↵');
}

/** Progress of long jobs on stderr, only when a person watches it. */
function progressPrinter(io: CliIo) {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (_kind: string, p: { label: string; done: number; total: number | null }) => {
    const now = Date.now();
    if (now - last < 100 && p.done !== p.total) return;
    last = now;
    const count = p.total ? `${formatCount(p.done)}/${formatCount(p.total)}` : formatCount(p.done);
    process.stderr.write(`\r${p.label} ${count}   `);
    if (p.total !== null && p.done >= p.total) io.err('');
  };
}

const INTEGRITY_CODES: ReadonlySet<ErrorCode> = new Set(['STORE_CORRUPT', 'STORE_KEY', 'AUDIT_BROKEN', 'AUDIT_KEY_MISSING', 'BACKUP_INVALID', 'FILE_UNREADABLE', 'FILE_UNSAFE']);

/** The program with every group's commands; its output goes through `io`, its exits come back as errors. */
export function buildProgram(io: CliIo, action: ActionOf): Command {
  const write = (print: (text: string) => void) => (text: string) => print(text.replace(/\n$/, ''));
  const program = new Command('cress-desk')
    .description('CRESS Desk from a terminal: the same store and rules as the app')
    .option('--db <file>', "the store (default: CRESS_DESK_DB, else the app's data folder)")
    .option('--json', 'print one JSON document on stdout')
    .option('--operator <name>', `who signs the writes (default: the desk's only operator, once they have a PIN); the PIN from ${PIN_FILE_ENV} or the terminal`)
    .version(APP_VERSION, '--version', 'print the version')
    .helpOption('-h, --help', 'show the help of cress-desk or of a command')
    .helpCommand(false)
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', `\n${EXIT_STATUS}`)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: write(io.out),
      writeErr: write(io.err),
      outputError: (text, print) => print(`cress-desk: ${text.replace(/^error: /, '').trimEnd()}\n`),
    });
  for (const register of GROUPS) register(program, action);
  return program;
}

export async function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let desk = null as Desk | null; // opened by the command's first call (below)
  let active: Command | null = null;
  let outcome: CommandOutcome | null = null;
  let json = false;

  requireSessions();
  let signedIn = false;
  const action: ActionOf = (handler) => async (...args) => {
    const command = args.at(-1) as Command;
    active = command;
    const global = program.opts<{ db?: string; json?: boolean; operator?: string }>();
    json = global.json === true;
    const repeated = repeatedOption(argv, [...program.options, ...command.options]);
    if (repeated) throw new UsageError(`${repeated} is given twice: give it once (only --set and --attach may repeat)`);
    // An empty value (a variable of a script left unset) would open another store or sign as someone else.
    if (global.db !== undefined && global.db.trim() === '') throw new UsageError('--db must not be empty: name the store file (without --db, CRESS_DESK_DB or the app’s data folder is used)');
    if (global.operator !== undefined && global.operator.trim() === '') throw new UsageError('--operator must not be empty: name the operator who signs (cress-desk operator list)');
    // Only `init` creates a store: any other command on a missing file says so and creates nothing.
    const create = command.parent === program && command.name() === 'init';
    const open = (): Desk =>
      (desk ??= openDesk({ path: auditKeyFromEnv(resolveStorePath({ cliPath: global.db, env }), env), appVersion: APP_VERSION, onJobProgress: progressPrinter(io), create }));
    const send: Call = async (channel, input) => {
      const envelope = (await open().dispatch(channel, input)) as Envelope<never>;
      if (!envelope.ok) throw optionRefusal(channel, input, envelope.error) ?? new AppError(envelope.error.code, envelope.error.message, envelope.error);
      return envelope.value;
    };
    const call: Call = async (channel, input) => {
      if (!signedIn && !READ_ONLY_CHANNELS.has(channel)) {
        await signIn(send, global.operator, env);
        signedIn = true;
      }
      return send(channel, input);
    };
    const context: CliContext = {
      args: command.args,
      values: { ...command.opts(), ...(global.operator !== undefined ? { operator: global.operator } : {}) },
      env,
      call,
      get desk() {
        return open();
      },
      io,
      json,
    };
    outcome = await handler(context);
  };
  const program = buildProgram(io, action);

  try {
    await program.parseAsync(argv, { from: 'user' });
    const done = outcome as CommandOutcome | null;
    if (done === null) return EXIT.usage;
    // JSON escapes control characters itself; text goes to a terminal as it is, so it is made safe.
    io.out(json ? JSON.stringify(done.result, null, 2) : terminalSafe(done.text));
    return done.exit;
  } catch (error) {
    // Wrong usage caught by the parser, before any action knew of --json: a script still gets its JSON document.
    const wantsJson = json || argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length).includes('--json');
    const usageJson = (message: string) => {
      if (wantsJson) io.out(JSON.stringify({ error: { code: 'USAGE', message } }, null, 2));
    };
    // The parser said it already (an unknown option or command, a missing argument, the help).
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok;
      usageJson(error.message.replace(/^error: /, ''));
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      usageJson(error.message);
      io.err(`cress-desk: ${error.message}\n\n${((active as Command | null) ?? program).helpInformation().trimEnd()}`);
      return EXIT.usage;
    }
    // A writer past the bounded wait or a full disk: exit 1 with what to do, never an internal error.
    const opened = desk as Desk | null;
    const known = storeError(error, opened?.store.path ?? null);
    const data = known instanceof AppError ? known.toData() : { code: 'INTERNAL' as const, message: String(known) };
    if (json) io.out(JSON.stringify({ error: data }, null, 2));
    io.err(terminalSafe(`cress-desk: ${oneLine(data.message)} [${data.code}]`));
    const details = (data as { details?: unknown }).details;
    if (Array.isArray(details) && details.length > 1) {
      for (const problem of details as { message: string }[]) io.err(terminalSafe(`  - ${oneLine(problem.message)}`));
    }
    return INTEGRITY_CODES.has(data.code) ? EXIT.integrity : EXIT.refused;
  } finally {
    (desk as Desk | null)?.close();
    for (const path of takeNarrowedKeyFiles()) {
      io.err(terminalSafe(`Warning: the key file ${path} could be read by other accounts of this computer; it is now readable by its owner only (0600). Whoever read it meanwhile can use the key: tell the council's IT.`));
    }
  }
}
