// The lint rule that keeps the layers honest, tried on code that breaks it.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(__dirname, '../..') });

async function restrictedImports(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../..', file) });
  return result?.messages.filter((m) => m.ruleId === 'no-restricted-imports').length ?? 0;
}

describe('layer rules', () => {
  it('keep shared/ free of the other layers and of Node', async () => {
    expect(await restrictedImports('shared/probe.ts', "import { openStore } from '../db';\nexport const x = openStore;\n")).toBe(1);
    expect(await restrictedImports('shared/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toBe(1);
    expect(await restrictedImports('shared/probe.ts', "import { parseCpf } from './rules/cpf';\nexport const x = parseCpf;\n")).toBe(0);
  });

  it('keep renderer/ away from db/ and electron', async () => {
    expect(await restrictedImports('renderer/probe.ts', "import { openStore } from '../db/index';\nexport const x = openStore;\n")).toBe(1);
    expect(await restrictedImports('renderer/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toBe(1);
  });

  it('keep db/ and the command line free of electron', async () => {
    expect(await restrictedImports('db/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toBe(1);
    expect(await restrictedImports('electron/cli/program.ts', "import { app } from 'electron';\nexport const x = app;\n")).toBe(1);
    expect(await restrictedImports('electron/preview/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toBe(1);
    expect(await restrictedImports('electron/preview/probe.ts', "import { keepAuditKey } from '../main/auditKey';\nexport const x = keepAuditKey;\n")).toBe(1);
    expect(await restrictedImports('electron/main/main.ts', "import { app } from 'electron';\nexport const x = app;\n")).toBe(0);
  });
});
