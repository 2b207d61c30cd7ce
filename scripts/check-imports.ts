/**
 * Two checks on how Kith's files import one another, run by `npm test`:
 *
 * 1. Modules keep to their own rooms: a file may import another module only through
 *    that module's index.ts (src/modules/<m>/index.ts), never its store, tables or
 *    routes. Code outside src/modules (web, platform, cli, tests' helpers) follows the
 *    same rule. `import type` is held to it too: a type from a store is a promise about
 *    that store's rows.
 * 2. No runtime import cycle: each module's index.ts is imported first thing in a fresh
 *    process; a cycle shows as "Cannot access 'x' before initialization".
 *
 * Usage: tsx scripts/check-imports.ts [--boundaries-only]
 * (bench/ may reach into modules' tables to generate data; see below.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const MODULES = path.join(SRC, 'modules');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

/** The module a file belongs to, or undefined for files outside src/modules/<m>/. */
function moduleOf(file: string): string | undefined {
  const relative = path.relative(MODULES, file);
  if (relative.startsWith('..')) return undefined;
  const [first, ...rest] = relative.split(path.sep);
  return rest.length ? first : undefined;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

export function boundaryViolations(): string[] {
  const problems: string[] = [];
  // bench/ is left out on purpose: its generator writes county-sized data straight into
  // each module's tables, which no module's index should offer.
  for (const file of [...sourceFiles(SRC), ...sourceFiles(path.join(ROOT, 'test'))]) {
    const text = fs.readFileSync(file, 'utf8');
    const own = moduleOf(file);
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      if (!specifier.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts');
      const targetModule = moduleOf(target);
      if (!targetModule || targetModule === own) continue;
      const inside = path.relative(path.join(MODULES, targetModule), target);
      if (inside === 'index.ts') continue;
      // The authorisation table gathers each module's rows from its authorisation.cases.ts.
      if (inside === 'authorisation.cases.ts' && file === path.join(SRC, 'authorisation', 'all.ts')) continue;
      problems.push(
        `${path.relative(ROOT, file)} imports ${path.relative(ROOT, target)} (use ${targetModule}/index.ts)`,
      );
    }
  }
  return problems;
}

export function cycleProblems(): string[] {
  const problems: string[] = [];
  const indexes = fs
    .readdirSync(MODULES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(MODULES, d.name, 'index.ts')))
    .map((d) => path.join(MODULES, d.name, 'index.ts'));
  const platform = fs
    .readdirSync(path.join(SRC, 'platform'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(SRC, 'platform', d.name, 'index.ts')))
    .map((d) => path.join(SRC, 'platform', d.name, 'index.ts'));
  for (const file of [...indexes, ...platform]) {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `await import(${JSON.stringify(file)});`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (result.status !== 0) {
      const reason = (result.stderr.match(/^\w*Error:.*$/m) ?? [result.stderr.trim().split('\n')[0]])[0];
      problems.push(`importing ${path.relative(ROOT, file)} first fails: ${reason}`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = [...boundaryViolations(), ...(process.argv.includes('--boundaries-only') ? [] : cycleProblems())];
  for (const p of problems) process.stdout.write(`${p}\n`);
  process.stdout.write(
    problems.length ? `${problems.length} import problem(s)\n` : 'Imports keep to their modules; no cycles.\n',
  );
  process.exitCode = problems.length ? 1 : 0;
}
