// The tsconfig projects of a layout, each loaded once however many files or references lead to it,
// and the question every file asks: which project does it resolve under? Zero config, that is the
// project of its NEAREST tsconfig.json (walking up from the file's folder, past the analyzed folder,
// up to the repository root), or of a project that tsconfig references (Nx: tsconfig.json ->
// tsconfig.app.json), whichever lists the file; `extends` is followed by the compiler (tsconfig.ts).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CarveError } from '../../shared/errors.js';
import { isWithin } from '../../shared/repository.js';
import type { LayoutInputs } from './layout-inputs.js';
import { warn, type ProjectFiles } from './project-files.js';
import { readTsProject, type TsProject } from './tsconfig.js';

export class TsconfigFamilies {
  /** Every project loaded, in load order (a config's references before the config itself). */
  readonly projects: TsProject[] = [];
  private readonly indexOfConfig = new Map<string, number>();
  private readonly referencesOfConfig = new Map<string, string[]>();
  private readonly familyOfConfig = new Map<string, number[]>();
  private readonly listed = new Map<number, Set<string>>();
  private readonly folders = new Map<number, Set<string>>();
  private readonly chains = new Map<string, string[]>();
  /** Configs being loaded: a reference cycle (A -> B -> A) ends here instead of looping. */
  private readonly loading = new Set<string>();

  constructor(
    private readonly files: ProjectFiles,
    private readonly displayOf: (path: string) => string,
    private readonly inputs?: LayoutInputs,
  ) {}

  /**
   * A tsconfig's project and those it references, recursively, each once: references first, the
   * config last (the order `tsc -b` builds them). A missing referenced project is skipped; a missing
   * `configPath` is the user's error.
   */
  family(configPath: string, { lenientExtends = false }: { lenientExtends?: boolean } = {}): number[] {
    const known = this.familyOfConfig.get(configPath);
    if (known) return known;
    // lenientExtends: an `extends` whose package is not installed (a fresh clone before `npm ci`) is a
    // warning, the file read with its own options; anything else wrong with the file still stops.
    this.lenientExtends = lenientExtends;
    try {
      return this.loadFamily(configPath);
    } finally {
      this.lenientExtends = false;
    }
  }

  /**
   * Like family, but one broken package of a monorepo must not stop the analysis of the others: a
   * tsconfig whose `extends` names a package a fresh clone has not installed is a warning and is read
   * with its own options (its `paths` still hold, as tsc reads it after its error); one that cannot be
   * read at all (malformed, a FIFO) is a warning and leads nowhere, and its files take the next
   * tsconfig up.
   */
  familyOrWarn(configPath: string): number[] {
    const known = this.familyOfConfig.get(configPath);
    if (known) return known;
    this.lenientExtends = true;
    try {
      return this.loadFamily(configPath);
    } catch (error) {
      if (!(error instanceof CarveError)) throw error;
      this.familyOfConfig.set(configPath, []);
      warn(this.files, configPath, error.code, `ignored: ${error.message}`);
      return [];
    } finally {
      this.lenientExtends = false;
    }
  }

  /** Set while familyOrWarn loads: a missing `extends` target is then a warning (readTsProject). */
  private lenientExtends = false;

  private loadFamily(configPath: string): number[] {
    const family: number[] = [];
    const seen = new Set<string>();
    const visit = (path: string, isRoot: boolean): void => {
      if (seen.has(path)) return;
      seen.add(path);
      this.inputs?.note(path);
      const index = this.load(path);
      if (index === null) {
        if (isRoot) throw new CarveError('no-tsconfig', `${this.displayOf(path)} does not exist`, 'check the --tsconfig path');
        return;
      }
      for (const reference of this.referencesOfConfig.get(path) ?? []) visit(reference, false);
      family.push(index);
    };
    visit(configPath, true);
    this.familyOfConfig.set(configPath, family);
    return family;
  }

  /** The index of a loaded tsconfig's project; null when there is no such file. */
  private load(path: string): number | null {
    const known = this.indexOfConfig.get(path);
    if (known !== undefined) return known;
    if (this.loading.has(path) || !existsSync(path)) return null;
    this.loading.add(path);
    const onMissingExtends = this.lenientExtends ? (message: string): void => warn(this.files, path, 'bad-tsconfig', message) : undefined;
    const { project, references } = readTsProject(path, this.displayOf(path), this.files, this.inputs, onMissingExtends);
    this.referencesOfConfig.set(path, references);
    // References are loaded before the config's own project is numbered, as readTsProjects did.
    for (const reference of references) {
      this.inputs?.note(reference);
      this.load(reference);
    }
    this.loading.delete(path);
    this.projects.push(project);
    const index = this.projects.length - 1;
    this.indexOfConfig.set(path, index);
    return index;
  }

  /** Whether the project's tsconfig lists the file (its include/files, before Carve's own filters). */
  lists(index: number, absolutePath: string): boolean {
    let set = this.listed.get(index);
    if (!set) {
      set = new Set(this.projects[index]?.fileNames ?? []);
      this.listed.set(index, set);
    }
    return set.has(absolutePath);
  }

  /** Whether the project lists any file in `folder` or below it. */
  coversFolder(index: number, folder: string): boolean {
    let set = this.folders.get(index);
    if (!set) {
      set = new Set();
      for (const file of this.projects[index]?.fileNames ?? []) {
        for (let parent = dirname(file); !set.has(parent); parent = dirname(parent)) {
          set.add(parent);
          if (dirname(parent) === parent) break;
        }
      }
      this.folders.set(index, set);
    }
    return set.has(folder);
  }

  /**
   * The tsconfig.json files from `folder` up to the repository root, nearest first. Every path
   * probed is noted: a tsconfig.json created later above the analyzed folder invalidates the layout.
   */
  chain(folder: string): string[] {
    const known = this.chains.get(folder);
    if (known) return known;
    const config = join(folder, 'tsconfig.json');
    this.inputs?.note(config);
    const own = existsSync(config) ? [config] : [];
    const parent = dirname(folder);
    const isTop = folder === this.files.repository || parent === folder || !isWithin(this.files.repository, parent);
    const chain = isTop ? own : [...own, ...this.chain(parent)];
    this.chains.set(folder, chain);
    return chain;
  }

  /** The families of a file's tsconfig chain, nearest first. */
  chainFamilies(absolutePath: string): { config: string; family: number[] }[] {
    return this.chain(dirname(absolutePath)).map((config) => ({ config, family: this.familyOrWarn(config) }));
  }

  /** Whether a tsconfig lies in the analyzed folder (it speaks for that folder's files), not above it. */
  isInsideRoot(configPath: string): boolean {
    return isWithin(this.files.root, dirname(configPath));
  }
}
