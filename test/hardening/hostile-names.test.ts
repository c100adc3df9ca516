// Hostile names through real runs: a temp project whose folders, files, exported symbols and table
// names carry ESC sequences, C1 controls, bidi overrides, pipes, backticks, tags, quotes, newlines,
// `]]>`, `%0A` and `::`. Every output of analyze, plan and check must stay escaped for its format.
// The runs go through the built CLI's main in this process (runCliInProcess), which captures the bytes
// it writes to stdout and stderr as a process's would be.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlCharacters } from '../helpers/fixtures.js';
import { runCliInProcess, type CliRun } from '../helpers/run-cli.js';

const DIR_A = 'ord|ers`x`<script>\u001b[2J\u009b31m\u202e"q\'';
const DIR_B = 'pay]]>%0A::error file=x::pwn\nnext';
const FILE_A = 'svc\u001b]0;title\u0007 | `t` <i>.ts';
const FILE_B = 'repo\u0085line\r\n::warning::x.ts';
const TABLE = 'or|ders\u001b[31m<b>`]]>"\'\n%0A::\u202e';
const SYMBOL = 'sym|`<b>\u001b[0m\u202e"\'::\u009d';

/** C0 (but newline), DEL, C1 and bidi: anything a terminal or an editor would act on. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function writeHostileProject(root: string): void {
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const fromB = (path: string): string => JSON.stringify(`../${DIR_A}/${path}`);
  write('tsconfig.json', '{"compilerOptions":{"strict":true,"experimentalDecorators":true},"include":["src"]}');
  write(`src/${DIR_A}/order.entity.ts`, `import { Entity, Column } from 'typeorm';\n@Entity(${JSON.stringify(TABLE)})\nexport class Order {\n  @Column() id!: number;\n}\n`);
  write(
    `src/${DIR_A}/${FILE_A}`,
    `import { Repository } from 'typeorm';\nimport { Order } from './order.entity.js';\nconst value = 1;\nexport { value as ${JSON.stringify(SYMBOL)} };\nexport async function place(repo: Repository<Order>) { await repo.save({ id: 1 }); return repo.find(); }\n`,
  );
  write(
    `src/${DIR_B}/${FILE_B}`,
    `import { Repository } from 'typeorm';\nimport { ${JSON.stringify(SYMBOL)} as v, place } from ${fromB(FILE_A.replace(/\.ts$/, '.js'))};\nimport { Order } from ${fromB('order.entity.js')};\nexport async function pay(repo: Repository<Order>) { await repo.save({ id: v }); return place(repo); }\n`,
  );
  write(`src/${DIR_B}/helper.ts`, `import { pay } from ${JSON.stringify(`./${FILE_B.replace(/\.ts$/, '.js')}`)};\nexport const h = () => pay;\n`);
  write(`src/${DIR_A}/uses.ts`, `import { h } from ${JSON.stringify(`../${DIR_B}/helper.js`)};\nexport const u = h;\n`);
  // A file that cannot be parsed: its (hostile) name goes into the warnings.
  write(`src/${DIR_B}/broken\u001b[41m|.ts`, 'export const = ;\n');
  // Context names in a config must be plain (the schema says so); paths and entities need not be.
  write(
    'carve.config.json',
    JSON.stringify({ contexts: { orders: { paths: ['src/ord*/**'], entities: [TABLE, 'Order'] }, payments: { paths: ['src/pay*/**'] } } }, null, 2),
  );
}

let root = '';
let out = '';
const runs: Record<string, CliRun> = {};
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'carve-hostile-'));
  out = join(root, '.carve-out');
  writeHostileProject(join(root, 'project'));
  const project = join(root, 'project');
  const commands: Record<string, string[]> = {
    // Without the config the contexts are named from the hostile folders.
    analyze: ['analyze', project, '--out', out, '--no-cache', '--ignore-config'],
    plan: ['plan', project, '--no-cache', '--ignore-config'],
    planJson: ['plan', project, '--no-cache', '--ignore-config', '--json'],
    ...Object.fromEntries(['pretty', 'json', 'github', 'sarif', 'junit'].map((format) => [format, ['check', project, '--no-cache', '--format', format]])),
  };
  for (const [name, args] of Object.entries(commands)) runs[name] = await runCliInProcess(args);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function ran(name: string, exitCode: number): CliRun {
  const run = runs[name]!;
  expect(run.exitCode, `${name}: ${run.stderr}`).toBe(exitCode);
  return run;
}

/** The cells of a Markdown table row, split on pipes that are not escaped. */
const cellCount = (row: string): number => row.replace(/\\\\/g, '').split(/(?<!\\)\|/).length;

describe('hostile names through real runs', () => {
  it('the project really carries them into the analysis (else this test proves nothing)', () => {
    ran('analyze', 0);
    const analysis = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as {
      modules: { id: string }[];
      entities: { table: string }[];
      dependencies: { symbols: string[] }[];
      diagnostics: { file: string }[];
    };
    expect(analysis.modules.map((module) => module.id)).toContain(`src/${DIR_B}/${FILE_B}`);
    expect(analysis.entities.map((entity) => entity.table)).toContain(TABLE);
    expect(analysis.dependencies.flatMap((dependency) => dependency.symbols)).toContain(SYMBOL);
    expect(analysis.diagnostics.map((diagnostic) => diagnostic.file)).toContain(`src/${DIR_B}/broken\u001b[41m|.ts`);
  });

  it('terminal summary, carve plan and check pretty: no control character, no bidi override', () => {
    for (const name of ['analyze', 'plan', 'pretty']) {
      const run = runs[name]!;
      expect(controlCharacters(run.stdout), name).toEqual([]);
      expect(run.stdout, name).not.toMatch(UNSAFE);
      expect(run.stderr, name).not.toMatch(UNSAFE);
    }
    expect(ran('pretty', 1).stdout).toContain('imports');
    expect(ran('plan', 0).stdout.length).toBeGreaterThan(0);
  });

  it('analysis.json, plan --json, check json and sarif: parse, and hold no raw C1, DEL or bidi', () => {
    const texts = {
      analysis: readFileSync(join(out, 'analysis.json'), 'utf8'),
      planJson: ran('planJson', 0).stdout,
      json: ran('json', 1).stdout,
      sarif: ran('sarif', 1).stdout,
    };
    for (const [name, text] of Object.entries(texts)) {
      expect(() => JSON.parse(text), name).not.toThrow();
      expect(text, name).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
      expect(text.replace(/\n/g, ''), name).not.toMatch(/[\u0000-\u001f]/);
    }
    // Escaped, not dropped: the names come back exactly.
    expect(texts.analysis).toContain('\\u009b');
    const violations = (JSON.parse(texts.json) as { violations: { from: string }[] }).violations;
    expect(violations.map((violation) => violation.from)).toContain(`src/${DIR_B}/${FILE_B}`);
  });

  it('report.md: every table row as wide as its header, no tag, no control character', () => {
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).not.toMatch(UNSAFE);
    const lines = markdown.split('\n');
    let header = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        header = 0;
        continue;
      }
      if (header === 0) header = cellCount(line);
      else expect(cellCount(line), line).toBe(header);
    }
    const outsideMermaid = markdown.replace(/```mermaid[\s\S]*?```/g, '');
    // CommonMark reads `\<` as a literal `<`: only an unescaped one could open a tag.
    expect(outsideMermaid).not.toMatch(/(?<!\\)<(script|b|i)\b/i);
    expect(markdown).not.toMatch(/^(next|::|line)/m);
  });

  it('report.md Mermaid: every label closed on its own line, no raw quote or tag inside', () => {
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    const block = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1];
    expect(block).toBeDefined();
    for (const line of block!.split('\n').filter(Boolean)) {
      expect(line, line).toMatch(/^(flowchart \w+|\s+[\w-]+(\["[^"]*"\])?|\s+[\w-]+ [-.=]+>(\|"[^"]*"\|)? [\w-]+|\s+(classDef|class|linkStyle|style) .*)$/);
      expect(line).not.toMatch(/<(?!br\/>)[a-z]/i);
    }
  });

  it('contexts.dot: every quoted string closed on its line, no raw newline or control character inside', () => {
    const dot = readFileSync(join(out, 'contexts.dot'), 'utf8');
    expect(dot).not.toMatch(UNSAFE);
    for (const line of dot.split('\n')) {
      const unquoted = line.replace(/"(?:[^"\\]|\\.)*"/g, 'Q');
      expect(unquoted, line).not.toContain('"');
    }
    expect(dot.trim().endsWith('}')).toBe(true);
  });

  it('check --format github: one annotation per line, properties escaped', () => {
    const lines = ran('github', 1).stdout.split('\n').filter(Boolean);
    const annotations = lines.filter((line) => line.startsWith('::'));
    expect(annotations.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(line).toMatch(/^(::(error|warning|notice) [^:]*::|carve check: )/);
      expect(line).not.toMatch(UNSAFE);
      // The property part may not carry a raw `::` or newline escape that would end it early.
      const properties = /^::\w+ (.*?)::/.exec(line)?.[1] ?? '';
      expect(properties).not.toMatch(/[\r\n]/);
    }
  });

  it('check --format junit: well-formed XML, no raw control character or unescaped markup', () => {
    const xml = ran('junit', 1).stdout;
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xmlProblems(xml)).toEqual([]);
  });
});

/** A small strict XML well-formedness check: balanced tags, quoted attributes, escaped text. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(body))) {
    const [, closing, name, , selfClosing, text, stray] = match;
    if (stray) problems.push(`stray '<' at ${match.index}`);
    else if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) problems.push(`bare '&' in text at ${match.index}`);
      if (text.includes(']]>')) problems.push(`']]>' in text at ${match.index}`);
    } else if (closing) {
      if (stack.pop() !== name) problems.push(`mismatched </${name}> at ${match.index}`);
    } else if (!selfClosing) stack.push(name!);
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(', ')}`);
  return problems;
}
