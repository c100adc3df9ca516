// The shape of one ORM adapter, knip-style: a plain declarative object per folder. `packages` and
// `markers` make the cheap gate; `collect` reads the shared file index; `modelCalls` lists the
// methods called on model classes themselves (active record), which the shared model-call pass uses.
import type { AccessMode, OrmName } from '../../../shared/facts.js';
import type { DataAccessAdapter, DataAccessScanInput } from '../../types.js';
import { indexFile, type FileIndex } from './file-index.js';
import { FactSink } from './sink.js';

export interface ModelCallVocabulary {
  /** `Order.find()`: static methods on a model class or model object. */
  statics: Readonly<Record<string, AccessMode>>;
  /** `order.save()` on an instance made by `new Order()` or read by a static reader. */
  instance: Readonly<Record<string, AccessMode>>;
  /** Statics that return an instance without touching the database (`Order.build()`). */
  factories?: readonly string[];
}

export interface OrmAdapter {
  orm: OrmName;
  /** Imports of these packages (or their subpaths) enable the adapter. */
  packages: readonly string[];
  /** Text that enables it without such an import (a service that only receives an injected client). */
  markers?: RegExp;
  modelCalls?: ModelCallVocabulary;
  /** Opens the gate for a file the config's `dataAccess` names speak of (a decorator, a factory). */
  settingsGate?: (input: DataAccessScanInput) => boolean;
  /**
   * A model or repository held in a class member (`core/inherited-models.ts`): the types that hold one
   * (`Model<T>`: T is the model) and the methods called on it.
   */
  members?: { types: readonly string[]; methods: Readonly<Record<string, AccessMode>> };
  collect(file: FileIndex, sink: FactSink): void;
}

export function importsPackage(input: DataAccessScanInput, packages: readonly string[]): boolean {
  for (const specifier of input.specifiers) {
    for (const name of packages) {
      if (specifier === name || specifier.startsWith(`${name}/`)) return true;
    }
  }
  return false;
}

export function adapterApplies(adapter: OrmAdapter, input: DataAccessScanInput): boolean {
  return (
    importsPackage(input, adapter.packages) ||
    (adapter.markers?.test(input.text) ?? false) ||
    (input.settings !== undefined && (adapter.settingsGate?.(input) ?? false))
  );
}

/** The adapter as the extractor's DataAccessAdapter: gate, then a walk of its own. */
export function toDataAccessAdapter(adapter: OrmAdapter): DataAccessAdapter {
  return {
    orm: adapter.orm,
    appliesTo: (input) => adapterApplies(adapter, input),
    scan: (input) => {
      const file = indexFile(input);
      const sink = new FactSink(file);
      sink.adapter = adapter.orm;
      adapter.collect(file, sink);
      return sink.result();
    },
  };
}
