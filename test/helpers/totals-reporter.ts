// Prints vitest's totals as one plain line, `N passed, N failed`, which CI counts.
import type { Reporter, TestModule } from 'vitest/node';

export default class TotalsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      let testsInModule = 0;
      for (const testCase of testModule.children.allTests()) {
        testsInModule++;
        const state = testCase.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file that fails to load has no tests but must not pass unnoticed.
      if (testsInModule === 0 && testModule.state() === 'failed') failed++;
    }
    const skippedText = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${skippedText}\n`);
  }
}
