/**
 * Carve's data-access graph on a real back-end against a grep of its ORM: entities found vs the count
 * of the ORM's declarations, files with accesses found vs files whose text matches the ORM's call
 * patterns (migrations, seeds and tests left out of both), and seeded access records with their source
 * line, to judge precision by reading.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inScope, type BackendTruth } from './backend-truth.js';
import { isSourceFile, type CarveGraph } from './edge-agreement.js';
import type { Prng } from './prng.js';

const TEST_FILE = /(\.(spec|test|e2e-spec|e2e)\.[cm]?[jt]sx?$)|(^|\/)(__tests__|__mocks__|e2e|test|tests|cypress|playwright)\//;

/** The checkout's tracked files (git ls-files): no node_modules, no build output. */
export function trackedFiles(checkout: string): string[] {
  const result = spawnSync('git', ['-C', checkout, 'ls-files', '-z'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`git ls-files failed in ${checkout}`);
  return result.stdout.split('\0').filter((p) => p !== '');
}

function read(checkout: string, file: string): string {
  try {
    return readFileSync(join(checkout, file), 'utf8');
  } catch {
    return '';
  }
}

export interface AccessSpotCheck {
  file: string;
  line: number;
  entity: string;
  mode: string;
  operation: string;
  source: string;
}

export interface DataAccessFigures {
  entitiesTrue: number;
  entitiesFound: number;
  accessFilesEstimated: number;
  accessFilesFound: number;
  /** Found files the grep also estimated. */
  accessFilesBoth: number;
  /** Estimated files Carve found no access in (sample, sorted), to look for the missed pattern. */
  missedSample: string[];
  /** Found files the grep did not estimate (sample, sorted): wrappers the grep cannot see, or noise. */
  extraSample: string[];
  spotChecks: AccessSpotCheck[];
}

export function measureDataAccess(checkout: string, truth: BackendTruth, carve: CarveGraph, files: readonly string[], prng: Prng): DataAccessFigures {
  const entityFile = new RegExp(truth.entities.files);
  const entityPattern = new RegExp(truth.entities.pattern, 'gm');
  const notEntity = truth.entities.notEntity === undefined ? null : new RegExp(truth.entities.notEntity, 'gm');
  // With a capture group, distinct names (a table created by two migrations is one); else matches.
  const names = new Set<string>();
  let entitiesTrue = 0;
  for (const file of files) {
    if (!entityFile.test(file) || file.split('/').includes('node_modules')) continue;
    const text = read(checkout, file);
    for (const match of text.matchAll(entityPattern)) {
      if (match[1] === undefined) entitiesTrue++;
      else names.add(match[1]);
    }
    if (notEntity !== null) entitiesTrue -= (text.match(notEntity) ?? []).length;
  }
  entitiesTrue += names.size;

  const notAccess = truth.notAccessFiles.map((p) => new RegExp(p));
  const counted = (file: string): boolean => inScope(file, truth.scope) && isSourceFile(file) && !TEST_FILE.test(file) && !notAccess.some((p) => p.test(file));
  const patterns = truth.accessPatterns.map((p) => new RegExp(p, 'm'));
  const estimated = new Set(files.filter((f) => counted(f) && patterns.some((p) => p.test(read(checkout, f)))));
  const found = new Set(carve.accesses.map((a) => a.module).filter(counted));
  const both = [...found].filter((f) => estimated.has(f));

  const records = carve.accesses.filter((a) => counted(a.module)).sort((a, b) => a.module.localeCompare(b.module) || a.line - b.line || a.entity.localeCompare(b.entity));
  const spotChecks = prng.shuffle(records).slice(0, 10).map((a) => ({
    file: a.module,
    line: a.line,
    entity: a.entity,
    mode: a.mode,
    operation: a.operations.join(',').slice(0, 100),
    source: (read(checkout, a.module).split('\n')[a.line - 1] ?? '').trim().slice(0, 160),
  }));

  return {
    entitiesTrue,
    entitiesFound: carve.entities.length,
    accessFilesEstimated: estimated.size,
    accessFilesFound: found.size,
    accessFilesBoth: both.length,
    missedSample: [...estimated].filter((f) => !found.has(f)).sort().slice(0, 10),
    extraSample: [...found].filter((f) => !estimated.has(f)).sort().slice(0, 10),
    spotChecks,
  };
}
