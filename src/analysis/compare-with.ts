// `--compare`: score the proposed contexts against another partition of the same files, so a team can
// see how far its folder layout (or its agreed config, or an answer written by hand) is from its coupling.
// Accepted: 'config' (the contexts carve.config.json declares), 'folders:<depth>' (the first <depth>
// folders of each path), a JSON file ({ "file": "group" }, or an object whose "contexts" field is that),
// or a TSV file (file<TAB>group per line).
import { extname } from 'node:path';
import type { Analysis } from '../shared/analysis.js';
import { CarveError } from '../shared/errors.js';
import { DATA_FILE_MAX_BYTES, describeRefusal, readNamedFile } from '../shared/safe-read.js';
import { emptyRecord } from '../shared/records.js';
import { contextOfFile, type LoadedConfig } from '../config/index.js';
import { comparePartitions, type Partition, type PartitionScores } from '../contexts/index.js';
import { compareFilePath } from './compare-file.js';

export interface Comparison extends PartitionScores {
  against: string;
}

export function compareWith(source: string, analysis: Omit<Analysis, 'plan'>, loaded: LoadedConfig | null, root: string): Comparison {
  const proposal = emptyRecord<string>();
  for (const module of analysis.modules) if (module.context) proposal[module.id] = module.context;
  const reference = referencePartition(source, analysis, loaded, root);
  return { against: source, ...comparePartitions(proposal, reference) };
}

function referencePartition(source: string, analysis: Omit<Analysis, 'plan'>, loaded: LoadedConfig | null, root: string): Partition {
  if (source === 'config') {
    if (!loaded) throw new CarveError('no-config', "--compare config needs a carve.config.json", 'run `carve init`, or compare with folders:<depth> or a file');
    const partition = emptyRecord<string>();
    for (const module of analysis.modules) {
      const context = contextOfFile(loaded.config, module.id);
      if (context) partition[module.id] = context;
    }
    return partition;
  }
  const folders = /^folders:(\d+)$/.exec(source);
  if (folders) {
    const depth = Number(folders[1]);
    if (depth < 1) throw new CarveError('bad-compare', '--compare folders:<depth> needs a depth of 1 or more', 'for example folders:2');
    const partition = emptyRecord<string>();
    for (const module of analysis.modules) {
      const segments = module.id.split('/').slice(0, -1);
      partition[module.id] = segments.length === 0 ? '.' : segments.slice(0, depth).join('/');
    }
    return partition;
  }
  const path = compareFilePath(source, root);
  if (!path) throw new CarveError('bad-compare', `--compare ${source}: no such file`, "give a JSON or TSV file of file -> group, 'config', or 'folders:<depth>'");
  // Named on the command line, so it may be anywhere; still only a regular file is read (never a FIFO).
  const read = readNamedFile(path, DATA_FILE_MAX_BYTES);
  if (!read.ok) throw new CarveError('bad-compare', `--compare ${source} ${describeRefusal(read)}`, "give a JSON or TSV file of file -> group, 'config', or 'folders:<depth>'");
  const text = read.bytes.toString('utf8');
  return extname(path) === '.tsv' ? parseTsv(text, source) : parseJson(text, source);
}

function parseJson(text: string, source: string): Partition {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CarveError('bad-compare', `--compare ${source}: not valid JSON (${(error as Error).message})`, 'give { "file": "group", ... }');
  }
  const record = value && typeof value === 'object' && 'contexts' in value ? (value as { contexts: unknown }).contexts : value;
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    throw new CarveError('bad-compare', `--compare ${source}: expected an object of file -> group`, 'give { "file": "group", ... }');
  }
  const partition = emptyRecord<string>();
  for (const [file, group] of Object.entries(record as Record<string, unknown>)) {
    if (typeof group !== 'string') throw new CarveError('bad-compare', `--compare ${source}: the group of ${file} is not a string`, 'give { "file": "group", ... }');
    partition[file] = group;
  }
  return partition;
}

function parseTsv(text: string, source: string): Partition {
  const partition = emptyRecord<string>();
  text.split('\n').forEach((line, index) => {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed.trim() === '' || trimmed.startsWith('#')) return;
    const [file, group, ...rest] = trimmed.split('\t');
    if (!file || !group || rest.length > 0) {
      throw new CarveError('bad-compare', `--compare ${source}:${index + 1}: expected file<TAB>group`, 'one file and its group per line, separated by a tab');
    }
    partition[file] = group;
  });
  return partition;
}
