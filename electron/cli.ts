// `cress-desk`: the same handler table as the app, from a terminal. Never imports electron.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDesk, resolveStorePath, type Desk } from '../db';
import { auditKeyFromEnv } from '../db/auditKey';
import { storeError } from '../db/storeLock';
import type { Envelope, Input } from '../shared/contract';
import { formatCount } from '../shared/display/numbers';
import { AppError, type ErrorCode } from '../shared/errors';
import { todayIso, parseDateBr } from '../shared/rules/dates';
import { auditCli } from './cliAudit';
import { storeCli } from './cliStore';
import { backupCli } from './cliBackup';
import { batchCli } from './cliBatch';
import { importCli } from './cliImport';
import { renderers } from './cliOutput';
import { registryCli } from './cliRegistry';
import { registryExportCli } from './cliRegistryExport';
import { EXIT, UsageError, type Call, type CliIo, type CliModule } from './cliTypes';
import { APP_VERSION } from './version';


const USAGE = `Usage: cress-desk [--db FILE] [--json] COMMAND

Commands:
  info                                   Store location, versions and size
  init --region N --operator NAME [--seccional S]
                                         Set up this desk for a CRESS region (1-27)
  demo --professionals N [--seed S]      Add N synthetic professionals
  registry show CPF|REGISTRATION         Show one professional (full CPF)
  registry search TEXT [--page N]        Search by CPF, registration number or name
  correct CPF --field F --value V --reason R [--evidence TEXT]
          [--arrival in_person|post] [--evidence-date dd/mm/aaaa] [--accept-dip]
                                         Correct one field (F: email, cep, motherName,
                                         motherNotListed, name, maritalStatus, ...)
  corrections list [--status S] [--field F] [--operator O] [--page N]
  corrections cancel ID --reason R       Cancel a correction not yet in a sealed lote
                                         (the record goes back to the previous value)
  corrections dismiss ID --reason R      Close a rejection from Implanta without correcting again
  cep add CEP --street S --district D --city C --uf UF [--reason R]
  audit verify                           Check the audit trail's signed chain and the data against it
  audit export --from dd/mm/aaaa --to dd/mm/aaaa --out FILE.xlsx
                                         The trail of a period for the data-protection officer`;

const USAGE_FOOTER = `
Options:
  --db FILE   the store (default: CRESS_DESK_DB, else the app's data folder)
  --json      print one JSON document on stdout
Exit status: 0 done, 1 refused (the message says why), 2 usage, 3 integrity failure.`;


type Io = CliIo;

/** Each feature's commands, in its own module. */
const MODULES: CliModule[] = [batchCli, backupCli, importCli, registryExportCli, registryCli, auditCli, storeCli];

export { EXIT };

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  region: { type: 'string' },
  operator: { type: 'string' },
  seccional: { type: 'string' },
  professionals: { type: 'string' },
  seed: { type: 'string' },
  page: { type: 'string' },
  field: { type: 'string' },
  value: { type: 'string' },
  reason: { type: 'string' },
  evidence: { type: 'string' },
  arrival: { type: 'string' },
  'evidence-date': { type: 'string' },
  'accept-dip': { type: 'boolean' },
  status: { type: 'string' },
  street: { type: 'string' },
  district: { type: 'string' },
  city: { type: 'string' },
  uf: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
} as const;

const ALL_OPTIONS = Object.assign({}, OPTIONS, ...MODULES.map((m) => m.options)) as typeof OPTIONS;
const FULL_USAGE = [USAGE, ...MODULES.map((m) => m.usage), USAGE_FOOTER].join('\n');

/** The feature command whose words start the positionals, longest first ('backup create' before 'backup'). */
function findModuleCommand(words: string[]) {
  for (const length of [2, 1]) {
    const key = words.slice(0, length).join(' ');
    for (const module of MODULES) {
      const run = module.commands[key];
      if (run && words.length >= length) return { run, args: words.slice(length) };
    }
  }
  return null;
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new UsageError(`missing --${name}`);
  return value;
}

/** What each command asks of the store, and how its answer is printed. */
async function runCommand(words: string[], values: Values, call: Call): Promise<{ result: unknown; exit: number; kind: keyof typeof renderers }> {
  const [command, sub, arg] = words;
  const key = sub && ['registry', 'corrections', 'cep', 'audit'].includes(command ?? '') ? `${command} ${sub}` : command;
  switch (key) {
    case 'info':
      return { result: await call('app:info', {}), exit: EXIT.ok, kind: 'info' };
    case 'init':
      return {
        result: await call('settings:setup', {
          region: integer(required(values.region, 'region'), 'region') ?? 0,
          operator: required(values.operator, 'operator'),
          seccional: values.seccional ?? null,
        }),
        exit: EXIT.ok,
        kind: 'settings',
      };
    case 'demo':
      return {
        result: await call('registry:demo', {
          count: integer(required(values.professionals, 'professionals'), 'professionals') ?? 0,
          seed: integer(values.seed, 'seed') ?? Date.now() % 100_000,
        }),
        exit: EXIT.ok,
        kind: 'demo',
      };
    case 'registry show': {
      const found = await call('registry:find', { key: required(arg, 'CPF or registration number argument').trim() });
      if (!found) throw new AppError('PROFESSIONAL_NOT_FOUND', `Nenhum cadastro com CPF ou registro ${arg}.`);
      const view = await call('registry:get', { id: found.id });
      const rejections = view.corrections.filter((c) => c.status === 'rejected' && c.resolvedAt === null);
      return { result: { ...found, pendencies: view.pendencies, rejections, conflicts: view.conflicts }, exit: EXIT.ok, kind: 'professional' };
    }
    case 'corrections cancel':
    case 'corrections dismiss': {
      const uuid = required(arg, 'correction ID argument');
      const reason = required(values.reason, 'reason');
      return sub === 'cancel'
        ? { result: await call('corrections:cancel', { uuid, reason }), exit: EXIT.ok, kind: 'cancelled' }
        : { result: await call('corrections:dismissRejection', { uuid, reason }), exit: EXIT.ok, kind: 'dismissed' };
    }
    case 'registry search':
      return {
        result: await call('registry:search', { text: required(arg, 'search text argument'), page: integer(values.page, 'page') ?? 0 }),
        exit: EXIT.ok,
        kind: 'search',
      };
    case 'correct':
      return { result: await correct(sub, values, call), exit: EXIT.ok, kind: 'corrections' };
    case 'corrections list':
      return {
        result: await call('corrections:list', {
          status: values.status as Input<'corrections:list'>['status'],
          field: values.field,
          operator: values.operator,
          page: integer(values.page, 'page') ?? 0,
        }),
        exit: EXIT.ok,
        kind: 'queue',
      };
    case 'cep add':
      return {
        result: await call('cep:save', {
          cep: required(arg, 'CEP argument'),
          street: required(values.street, 'street'),
          district: required(values.district, 'district'),
          city: required(values.city, 'city'),
          uf: required(values.uf, 'uf'),
          reason: values.reason ?? 'CEP cadastrado pela linha de comando',
        }),
        exit: EXIT.ok,
        kind: 'cep',
      };
    case 'audit export': {
      const day = (value: string | undefined, name: string) => {
        const parsed = parseDateBr(required(value, name));
        if (!parsed.ok) throw new UsageError(`--${name}: ${parsed.message}`);
        return parsed.value;
      };
      const result = await call('audit:export', { from: day(values.from, 'from'), to: day(values.to, 'to'), path: resolve(required(values.out, 'out')) });
      return { result, exit: EXIT.ok, kind: 'auditExport' };
    }
    case 'audit verify': {
      const result = await call('audit:verify', {});
      return { result, exit: result.ok ? EXIT.ok : EXIT.integrity, kind: 'audit' };
    }
    default:
      throw new UsageError(command ? `unknown command: ${words.join(' ')}` : 'missing command');
  }
}

async function correct(key: string | undefined, values: Values, call: Call) {
  const professional = await call('registry:find', { key: required(key, 'CPF argument').trim() });
  if (!professional) throw new AppError('PROFESSIONAL_NOT_FOUND', `Nenhum cadastro com CPF ou registro ${key}.`);
  const field = required(values.field, 'field');
  const arrival = values.arrival ?? 'in_person';
  if (arrival !== 'in_person' && arrival !== 'post') throw new UsageError('--arrival must be in_person or post');
  let date = todayIso();
  if (values['evidence-date'] !== undefined) {
    const parsed = parseDateBr(values['evidence-date']);
    if (!parsed.ok) throw new AppError('DATE_INVALID', parsed.message, { field: 'evidenceDate' });
    date = parsed.value;
  }
  return call('corrections:save', {
    professionalId: professional.id,
    expectedRowVersion: professional.rowVersion,
    changes: { [field]: required(values.value, 'value') },
    reason: required(values.reason, 'reason'),
    evidence: { kind: values.evidence ?? 'Não informado', arrival, date },
    dipAcknowledged: values['accept-dip'] ?? false,
  });
}

/** Progress of long jobs on stderr, only when a person watches it. */
function progressPrinter(io: Io) {
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

const INTEGRITY_CODES: ReadonlySet<ErrorCode> = new Set(['STORE_CORRUPT', 'AUDIT_BROKEN', 'AUDIT_KEY_MISSING', 'BACKUP_INVALID', 'FILE_UNREADABLE', 'FILE_UNSAFE']);

export async function runCli(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: ALL_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`cress-desk: ${(error as Error).message}\n\n${FULL_USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) return io.out(FULL_USAGE), EXIT.ok;
  if (values.version) return io.out(APP_VERSION), EXIT.ok;
  if (positionals.length === 0) return io.err(FULL_USAGE), EXIT.usage;

  const json = values.json ?? false;
  let desk = null as Desk | null; // opened by the first call (below)
  try {
    // Only `init` creates a store: any other command on a missing file says so and creates nothing.
    // The store is opened at the first call, so a wrong command is a usage error whatever the file.
    const create = positionals[0] === 'init';
    const open = (): Desk =>
      (desk ??= openDesk({ path: auditKeyFromEnv(resolveStorePath({ cliPath: values.db, env }), env), appVersion: APP_VERSION, onJobProgress: progressPrinter(io), create }));
    const call: Call = async (channel, input) => {
      const envelope = (await open().dispatch(channel, input)) as Envelope<never>;
      if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error);
      return envelope.value;
    };
    const feature = findModuleCommand(positionals);
    if (feature) {
      const outcome = await feature.run({ args: feature.args, values: values as Record<string, string | boolean | undefined>, call, desk: open(), io, json });
      io.out(json ? JSON.stringify(outcome.result, null, 2) : outcome.text);
      return outcome.exit;
    }
    const { result, exit, kind } = await runCommand(positionals, values, call);
    io.out(json ? JSON.stringify(result, null, 2) : renderers[kind](result as never));
    return exit;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`cress-desk: ${error.message}\n\n${FULL_USAGE}`);
      return EXIT.usage;
    }
    // A writer past the bounded wait or a full disk: exit 1 with what to do, never an internal error.
    const known = storeError(error, desk?.store.path ?? null);
    const data = known instanceof AppError ? known.toData() : { code: 'INTERNAL' as const, message: String(known) };
    if (json) io.out(JSON.stringify({ error: data }, null, 2));
    io.err(`cress-desk: ${data.message} [${data.code}]`);
    const details = (data as { details?: unknown }).details;
    if (Array.isArray(details) && details.length > 1) {
      for (const problem of details as { message: string }[]) io.err(`  - ${problem.message}`);
    }
    return INTEGRITY_CODES.has(data.code) ? EXIT.integrity : EXIT.refused;
  } finally {
    desk?.close();
  }
}
