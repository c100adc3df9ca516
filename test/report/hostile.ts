// Names an analyzed repository could hold, each trying to break out of the output it lands in.
import { AnalysisBuilder } from '../helpers/analysis-builder.js';
import type { Analysis } from '../../src/shared/analysis.js';
import { withPlan } from '../../src/analysis/index.js';
import { planStage } from '../../src/plan/index.js';

export const HOSTILE = [
  'a|b',
  'tick`s``',
  '<script>alert(1)</script>',
  'say "hi" \'there\'',
  'line\nbreak\r\nagain',
  'esc\u001b[31mred\u001b[0m',
  'bidi\u202eevil',
  '# heading',
  '- item',
  '1. first',
  '[link](http://x)',
  '![img](http://x)',
  '*em* _em_ ~~s~~',
  'back\\slash\\n',
  'amp &lt; &#60;',
  '{curly} [square]',
  '-->|"x"| end',
  'node"] --> z["',
  'c0',
] as const;

/** An analysis whose contexts, files, symbols, tables and routes are all hostile names, with a plan. */
export function hostileAnalysis(): Analysis {
  const [ctxA, ctxB, , quoted] = HOSTILE;
  const fileA = `src/${HOSTILE[0]}/${HOSTILE[1]}.ts`;
  const fileA2 = `src/${HOSTILE[0]}/${HOSTILE[5]}.ts`;
  const fileB = `src/${HOSTILE[2]}/${HOSTILE[4]}.ts`;
  const fileB2 = `src/${HOSTILE[2]}/${HOSTILE[16]}.ts`;
  const builder = new AnalysisBuilder()
    .context(ctxA, [fileA, fileA2])
    .context(ctxB, [fileB, fileB2])
    .context(quoted, [`src/${HOSTILE[17]}.ts`])
    .outside([`src/${HOSTILE[7]}.ts`])
    .imports(fileA, fileB, { symbols: [...HOSTILE.slice(0, 6)], used: 2, lines: [3] })
    .imports(fileB, fileA, { symbols: [HOSTILE[8], HOSTILE[9]], discarded: 1, lines: [4] })
    .imports(`src/${HOSTILE[17]}.ts`, fileA2, { symbols: [HOSTILE[10]], used: 1, lines: [2] })
    .imports(`src/${HOSTILE[7]}.ts`, fileA, { symbols: [HOSTILE[11]], used: 1, lines: [1] })
    .imports(fileA, fileA2, { symbols: ['x'], used: 1 })
    .imports(fileB, fileB2, { symbols: ['y'], used: 1 })
    .entity(HOSTILE[12], HOSTILE[13], fileA2)
    .entity(HOSTILE[14], HOSTILE[15], fileB2)
    .writes(fileA2, HOSTILE[12], [5, 6])
    .reads(fileB, HOSTILE[12], [7])
    .writes(fileB2, HOSTILE[14], [8])
    .writes(fileA, HOSTILE[14], [9, 10])
    .route(fileA, HOSTILE[6], 11)
    .route(fileB, HOSTILE[18], 12, 'handler');
  const analysis = builder.build();
  analysis.diagnostics.push({ file: fileA, code: 'parse-error', message: HOSTILE[3], line: 2 });
  analysis.summary.warnings = 1;
  // With readiness on its contexts: their reasons quote the hostile names too.
  return withPlan(analysis, planStage(analysis));
}

/** Any terminal control or bidi override left in an output. */
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
