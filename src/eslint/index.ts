// The ESLint plugin (`carve/boundaries`): the import rules of `carve check` while typing. It reads the
// same carve.config.json (the nearest one above the linted file, within its repository), resolves each
// import as the compiler does (the config's project.tsconfig, else the nearest tsconfig.json), places
// both files with the config's globs and judges the import with check's own rule code, so the editor
// and the gate never disagree. Data rules need the whole project's ORM analysis and stay with check.
//
//   // eslint.config.js
//   import carve from 'carve/eslint-plugin';
//   export default [carve.configs.recommended];
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Rule } from 'eslint';
import ts from '../shared/typescript.cjs';
import { brokenImportRule, importViolationMessage } from '../check/index.js';
import { CONFIG_FILE_NAME, contextOfFile, loadConfig, projectTsconfigPath, ruleSeverity, type LoadedConfig } from '../config/index.js';
import { isCarveError } from '../shared/errors.js';
import { isInside } from '../shared/paths.js';
import { nearestAbove, repositoryRoot } from '../shared/repository.js';
import { carveVersion } from '../shared/version.js';

interface Project {
  /** The folder paths in the config are relative to: the config's own. */
  root: string;
  loaded: LoadedConfig;
}

interface Resolution {
  options: ts.CompilerOptions;
  cache: ts.ModuleResolutionCache;
}

// One ESLint process lints many files of few projects: configs and tsconfigs are read once each.
const projects = new Map<string, Project | Error>();
const resolutions = new Map<string, Resolution>();

/**
 * The nearest carve.config.json above `file`, not above its repository (the nearest folder with
 * `.git`), or, outside any repository, not above the folder ESLint runs in.
 */
function findConfig(file: string, cwd: string): string | null {
  const start = dirname(file);
  let top: string;
  try {
    top = repositoryRoot(start);
  } catch {
    return null;
  }
  if (top === start && !existsSync(join(start, '.git')) && isInside(resolve(cwd), start)) top = resolve(cwd);
  return nearestAbove(start, top, CONFIG_FILE_NAME);
}

function projectOf(configPath: string): Project | Error {
  let project = projects.get(configPath);
  if (!project) {
    try {
      const loaded = loadConfig(dirname(configPath), configPath);
      project = loaded ? { root: dirname(configPath), loaded } : new Error(`${configPath} is missing`);
    } catch (error) {
      project = isCarveError(error) ? new Error(error.message) : (error as Error);
    }
    projects.set(configPath, project);
  }
  return project;
}

/** The tsconfig imports resolve with: the config's project.tsconfig, else the nearest above the file. */
function tsconfigFor(project: Project, file: string): string | null {
  return projectTsconfigPath(project.loaded) ?? nearestAbove(dirname(file), project.root, 'tsconfig.json');
}

function resolutionFor(tsconfig: string | null): Resolution {
  const key = tsconfig ?? '';
  let resolution = resolutions.get(key);
  if (!resolution) {
    let options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowJs: true };
    if (tsconfig !== null) {
      // A tsconfig that cannot be read leaves the defaults: relative imports still resolve.
      const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
      if (parsed) options = parsed.options;
    }
    resolution = { options, cache: ts.createModuleResolutionCache(dirname(tsconfig ?? '.'), (name) => name, options) };
    resolutions.set(key, resolution);
  }
  return resolution;
}

/** The repository path (relative to the project root, '/'-separated) of a resolved import, or null when it leaves the project. */
function targetOf(project: Project, file: string, specifier: string): string | null {
  const { options, cache } = resolutionFor(tsconfigFor(project, file));
  const resolved = ts.resolveModuleName(specifier, file, options, ts.sys, cache).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport) return null;
  const path = relative(project.root, resolve(resolved.resolvedFileName));
  if (path.startsWith('..') || path.split(sep).includes('node_modules')) return null;
  return path.split(sep).join('/');
}

type SourceNode = { type: string; value?: unknown } & Rule.Node;

const boundaries: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: "Imports keep to the agreed context boundaries of carve.config.json (dependsOn, expose), as `carve check` judges them." },
    messages: {
      violation: '{{message}}. Fix: {{hint}}',
      config: 'carve: {{message}}',
    },
    schema: [],
  },
  create(context) {
    const file = resolve(context.filename);
    const configPath = findConfig(file, context.cwd);
    if (configPath === null) return {};
    const project = projectOf(configPath);
    if (project instanceof Error) {
      return { Program: (node) => context.report({ node, messageId: 'config', data: { message: project.message } }) };
    }
    const { config } = project.loaded;
    const from = relative(project.root, file).split(sep).join('/');
    const fromContext = contextOfFile(config, from);
    if (fromContext === null) return {};

    const check = (source: SourceNode | null | undefined, symbols: string[]): void => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const to = targetOf(project, file, source.value);
      if (to === null) return;
      const toContext = contextOfFile(config, to);
      if (toContext === null) return;
      const rule = brokenImportRule(config, fromContext, toContext, to);
      if (rule === null || ruleSeverity(config, rule) === 'off') return;
      const message = importViolationMessage(config, { rule, from, to, fromContext, toContext, symbols });
      const hint =
        rule === 'depends-on'
          ? `add "${toContext}" to contexts.${fromContext}.dependsOn, or reach '${toContext}' through an event or an API it offers`
          : `import through what '${toContext}' exposes, or add ${to} to contexts.${toContext}.expose`;
      context.report({ node: source, messageId: 'violation', data: { message, hint } });
    };
    const importedNames = (specifiers: readonly { type: string; imported?: { type: string; name?: string; value?: unknown }; local: { name: string } }[]): string[] =>
      specifiers.map((specifier) => {
        if (specifier.type === 'ImportDefaultSpecifier') return 'default';
        if (specifier.type === 'ImportNamespaceSpecifier') return '*';
        const imported = specifier.imported;
        return imported?.type === 'Identifier' ? (imported.name ?? specifier.local.name) : String(imported?.value ?? specifier.local.name);
      });

    return {
      ImportDeclaration: (node) => check(node.source as SourceNode, importedNames(node.specifiers as never)),
      ExportNamedDeclaration: (node) => check(node.source as SourceNode | null, []),
      ExportAllDeclaration: (node) => check(node.source as SourceNode, ['*']),
      ImportExpression: (node) => check(node.source as SourceNode, []),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) check(node.arguments[0] as SourceNode, []);
      },
    };
  },
};

const plugin = {
  meta: { name: 'carve', version: carveVersion() },
  rules: { boundaries },
  configs: {} as Record<string, unknown>,
};
// The flat config that turns the rule on: `export default [carve.configs.recommended]`.
plugin.configs.recommended = { plugins: { carve: plugin }, rules: { 'carve/boundaries': 'error' } };

export default plugin;
