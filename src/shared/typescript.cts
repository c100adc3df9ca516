// The compiler API, as ts-morph exports it (ts-morph 28 bundles TypeScript 6.0). Loaded with require
// from this CommonJS module: importing ts-morph from ESM makes Node first scan its 1 MB of CommonJS
// for export names, about 100 ms on every run; this file's `module.exports =` line is all it scans.
import tsMorph = require('ts-morph');

export = tsMorph.ts;
