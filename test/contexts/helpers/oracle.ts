// Test-only alias: the block-model oracle lives in scripts/lib (scripts/contexts-quality.ts uses it too).
export { blockModelOracle } from '../../../scripts/lib/block-model-oracle.js';
