// The shapes of the parts of a saved analysis.json that explore and the Markdown report draw without
// further checks (tool, summary, context metrics, kernel lists, plan), as plain data, and one walk that
// holds a value to them. A field that is absent (an older Carve, or a stage that wrote nothing) gets its
// empty value; a field present with another type is the user's edit, named by its path.
type Scalar = 'string' | 'number' | 'boolean';
/** A scalar; `T?` also accepts null (and an absent field stays null). */
export type Shape = Scalar | `${Scalar}?` | 'any' | readonly [Shape] | { readonly [key: string]: Shape } | NullableObject | Optional;
/** An object that may be null. */
interface NullableObject {
  readonly nullable: { readonly [key: string]: Shape };
}
/** A field that stays absent when absent (the readers of the plan do without it). */
interface Optional {
  readonly optional: Shape;
}

const isOptional = (shape: Shape): shape is Optional => typeof shape === 'object' && !Array.isArray(shape) && 'optional' in shape;

export class ShapeError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const site = { file: 'string', line: 'number' } as const;
const tablePlan = {
  table: 'string',
  entities: ['string'],
  owner: 'string?',
  writers: ['string'],
  readers: ['string'],
  strategy: 'string',
  reason: 'string',
  consumers: [{ context: 'string', mode: 'string', strategy: 'string', sites: [site] }],
} as const;

export const PLAN_STEP_SHAPE: Shape = {
  rank: 'number',
  context: 'string',
  coupling: 'number',
  breakdown: { inbound: 'number', outbound: 'number', data: 'number', cycles: 'number', score: 'number' },
  size: 'number',
  loc: 'number',
  churn: 'number?',
  facade: {
    entryPoints: [{ kind: 'string', name: 'string', file: 'string', line: 'number' }],
    wiring: [{ file: 'string', line: 'number', symbols: ['string'] }],
  },
  inboundSeams: [{ name: 'string', module: 'string', operations: [{ symbol: 'string', style: 'string', callers: [{ file: 'string', line: 'number', context: 'string?' }] }] }],
  outboundSeams: [
    {
      from: 'string',
      to: 'string',
      weight: 'number',
      antiCorruptionLayer: 'boolean',
      reason: 'string',
      seams: [
        {
          module: 'string',
          symbols: ['string'],
          style: 'string',
          isOnRequestPath: 'boolean',
          isIdempotent: 'boolean',
          resilience: { nullable: { timeoutMs: 'number', retry: 'string', circuitBreaker: 'boolean', fallback: 'string?' } },
          sites: [site],
        },
      ],
    },
  ],
  data: { owned: ['string'], shared: [tablePlan], foreign: [tablePlan] },
  after: ['string'],
  prerequisites: ['string'],
  sharedKernel: ['string'],
  effort: {
    points: 'number',
    size: 'string',
    counts: {
      entryPoints: 'number',
      operations: 'number',
      callSites: 'number',
      outboundSeams: 'number',
      syncSeams: 'number',
      tablesOwned: 'number',
      tablesShared: 'number',
      cycleBreaks: 'number',
      loc: 'number',
    },
  },
};

export const PLAN_SHAPE: Shape = {
  verdict: { optional: { nullable: { decision: 'string', headline: 'string', reasons: ['string'] } } },
  cycles: {
    optional: [
      {
        contexts: ['string'],
        edges: [{ from: 'string', to: 'string', weight: 'number', style: 'string', symbols: ['string'], sites: [site] }],
        breaks: [{ from: 'string', to: 'string', how: 'string' }],
      },
    ],
  },
  steps: [PLAN_STEP_SHAPE],
};

/** Two levels (issue 14); both lists are absent in analyses written before them and stay absent. */
export const FEATURE_MODULES_SHAPE: Shape = {
  optional: [{ id: 'string', context: 'string?', files: ['string'], basis: 'string', split: { optional: [{ context: 'string', files: 'number' }] } }],
};
export const MISPLACED_SHAPE: Shape = { optional: [{ file: 'string', folderModule: 'string', module: 'string', evidence: 'string' }] };

/** The value an absent field gets. */
function emptyOf(shape: Shape): unknown {
  if (shape === 'string') return '';
  if (shape === 'number') return 0;
  if (shape === 'boolean') return false;
  if (typeof shape === 'string') return shape === 'any' ? undefined : null;
  if (Array.isArray(shape)) return [];
  if ('nullable' in shape && isObject(shape.nullable)) return null;
  const object: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(shape as Record<string, Shape>)) if (!isOptional(inner)) object[key] = emptyOf(inner);
  return object;
}

function found(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : (JSON.stringify(value)?.slice(0, 40) ?? typeof value);
}

/**
 * Checks `value` against `shape` and returns it with absent fields filled in (objects are filled in
 * place). Throws a ShapeError naming `path` at the first field of another type.
 */
export function conform(value: unknown, shape: Shape, path: string): unknown {
  if (isOptional(shape)) return value === undefined ? undefined : conform(value, shape.optional, path);
  if (value === undefined) return emptyOf(shape);
  if (shape === 'any') return value;
  if (typeof shape === 'string') {
    const isNullable = shape.endsWith('?');
    const type = isNullable ? shape.slice(0, -1) : shape;
    if (value === null && isNullable) return null;
    if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) throw new ShapeError(`at ${path}, expected a ${type}, found ${found(value)}`);
    return value;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) throw new ShapeError(`at ${path}, expected a list, found ${found(value)}`);
    value.forEach((item, i) => {
      value[i] = conform(item, shape[0] as Shape, `${path}.${i}`);
    });
    return value;
  }
  const fields = 'nullable' in shape && isObject(shape.nullable) ? (shape.nullable as Record<string, Shape>) : (shape as Record<string, Shape>);
  if (value === null && fields !== shape) return null;
  if (!isObject(value)) throw new ShapeError(`at ${path}, expected an object, found ${found(value)}`);
  for (const [key, inner] of Object.entries(fields)) value[key] = conform(value[key], inner, `${path}.${key}`);
  return value;
}
