#!/usr/bin/env node
// The `kith` command. It runs the compiled bundle (dist/kith.mjs), rebuilt first when
// any source file is newer, so there is no build step to forget and a start does not
// compile TypeScript. KITH_FROM_SOURCE=1 runs the TypeScript through tsx instead.
import { buildKith, BUNDLE, isFresh } from './build.js';

let main;
if (process.env.KITH_FROM_SOURCE) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  if (!isFresh()) await buildKith();
  ({ main } = await import(BUNDLE));
}
process.exitCode = await main(process.argv.slice(2));
