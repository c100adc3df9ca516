// Names that are also Object.prototype's keys, taken from the analysed code and its config: package
// names ('constructor', '__proto__', 'toString', 'hasOwnProperty'), tables, folders and context names.
// An accumulator `{}` indexed by such a name reads the inherited function or sets the prototype; every
// such name must come back in analysis.json exactly, counted, sorted, and be honoured by check.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, stderrLines, type CliRun } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('proto-keys');
const PACKAGES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];
/** Six files import the four packages; six import 'typeorm' once. */
const EXTERNAL_IMPORTS = PACKAGES.length * 6 + 6;

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Folders `constructor/` and `toString/`; each file imports the four packages; two tables by such names. */
function writeProject(root: string): void {
  write(root, 'tsconfig.json', '{"compilerOptions":{"strict":true,"experimentalDecorators":true},"include":["src"]}');
  const packages = PACKAGES.map((name) => `import ${JSON.stringify(name)};\n`).join('');
  write(root, 'src/constructor/proto.entity.ts', `import { Entity, Column } from 'typeorm';\n@Entity('__proto__')\nexport class Proto {\n  @Column() id!: number;\n}\n`);
  write(root, 'src/constructor/ctor.entity.ts', `import { Entity, Column } from 'typeorm';\n@Entity('constructor')\nexport class Ctor {\n  @Column() id!: number;\n}\n`);
  for (const name of ['a', 'b', 'c']) {
    write(
      root,
      `src/constructor/${name}.ts`,
      `${packages}import { Repository } from 'typeorm';\nimport { Proto } from './proto.entity.js';\nimport { Ctor } from './ctor.entity.js';\nexport async function ${name}(p: Repository<Proto>, c: Repository<Ctor>) { await p.save({ id: 1 }); return c.find(); }\n`,
    );
    write(root, `src/toString/${name}.ts`, `${packages}export const ${name} = 1;\n`);
  }
  // The one crossing: toString imports constructor's file and reads its table, without dependsOn.
  write(
    root,
    'src/toString/reader.ts',
    `import { Repository } from 'typeorm';\nimport { Ctor } from '../constructor/ctor.entity.js';\nexport function read(c: Repository<Ctor>) { return c.find(); }\n`,
  );
  writeConfig(root, {
    constructor: { paths: ['src/constructor/**'], entities: ['constructor', '__proto__'] },
    toString: { paths: ['src/toString/**'] },
  });
}

function writeConfig(root: string, contexts: Record<string, unknown>): void {
  // JSON text by hand: an object literal with a `__proto__` key would set the prototype instead.
  const body = Object.entries(contexts).map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`);
  write(root, 'carve.config.json', `{ "contexts": { ${body.join(', ')} } }\n`);
}

interface AnalysisJson {
  modules: { id: string; external: Record<string, number>; context: string | null }[];
  entities: { id: string; table: string }[];
  contexts: { id: string; metrics: { inbound: Record<string, number>; outbound: Record<string, number> } }[];
  summary: { externalImports: number };
}

let project = '';
let out = '';
let analyze: CliRun;
beforeAll(async () => {
  project = scratch('project');
  out = join(scratch('out'), 'report');
  writeProject(project);
  // In this process: the tests below read its reports.
  analyze = await runCliInProcess(['analyze', project, '--out', out, '--no-cache', '--quiet']);
}, 60_000);

describe('keys named like Object.prototype members', () => {
  it('analysis.json counts every package, sorted, and the summary is a number', () => {
    expect(analyze.exitCode, analyze.stderr).toBe(0);
    const text = readFileSync(join(out, 'analysis.json'), 'utf8');
    const analysis = JSON.parse(text) as AnalysisJson;
    const module = analysis.modules.find((candidate) => candidate.id === 'src/toString/a.ts')!;
    // Own keys, in code-unit order, each counted once.
    expect(Object.entries(module.external)).toEqual(PACKAGES.map((name) => [name, 1]));
    expect(text).toContain('"__proto__": 1');
    expect(analysis.summary.externalImports).toBe(EXTERNAL_IMPORTS);
    expect(analysis.entities.map((entity) => entity.table).sort()).toEqual(['__proto__', 'constructor']);
  });

  it('contexts named constructor and toString keep their files and their coupling records', () => {
    const analysis = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as AnalysisJson;
    expect(analysis.contexts.map((context) => context.id).sort()).toEqual(['constructor', 'toString']);
    expect(analysis.modules.find((module) => module.id === 'src/toString/reader.ts')!.context).toBe('toString');
    const reader = analysis.contexts.find((context) => context.id === 'toString')!;
    expect(Object.keys(reader.metrics.outbound)).toEqual(['constructor']);
    expect(typeof reader.metrics.outbound.constructor).toBe('number');
  });

  it('check reports the import and the table read into the context named constructor', async () => {
    const run = await runCliInProcess(['check', project, '--no-cache', '--format', 'json']);
    expect(run.exitCode, run.stderr).toBe(1);
    const { violations } = JSON.parse(run.stdout) as { violations: { kind: string; fromContext: string; toContext: string }[] };
    const kinds = violations.filter((violation) => violation.fromContext === 'toString' && violation.toContext === 'constructor').map((v) => v.kind);
    expect(kinds).toContain('import');
    expect(kinds).toContain('data');
  });

  it('a context named __proto__ is refused by the name rule, never dropped with exit 0', async () => {
    const root = scratch('proto-context');
    writeProject(root);
    writeConfig(root, { ['__proto__']: { paths: ['src/constructor/**'] }, toString: { paths: ['src/toString/**'] } });
    const run = await runCliInProcess(['check', root, '--no-cache']);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)).toHaveLength(1);
    expect(run.stderr).toContain('__proto__');
    expect(run.stderr).toContain('a context name starts with a letter or digit');
  });

  it('--ignore-config: a folder named constructor gives a detected context of that name', async () => {
    const target = join(scratch('out-detected'), 'report');
    const run = await runCliInProcess(['analyze', project, '--out', target, '--no-cache', '--quiet', '--ignore-config']);
    expect(run.exitCode, run.stderr).toBe(0);
    const analysis = JSON.parse(readFileSync(join(target, 'analysis.json'), 'utf8')) as AnalysisJson;
    for (const context of analysis.contexts) {
      for (const record of [context.metrics.inbound, context.metrics.outbound]) {
        for (const value of Object.values(record)) expect(typeof value).toBe('number');
      }
    }
    expect(analysis.summary.externalImports).toBe(EXTERNAL_IMPORTS);
  });
});
