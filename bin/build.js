// Compiles Kith's TypeScript into one JavaScript file, dist/kith.mjs, so a start does
// not spend seconds compiling and loading 400 files through tsx. `npm install` builds it
// (the "prepare" script); bin/kith.js builds it again, in about a second, whenever a
// source file is newer than the last build, so editing the code never runs stale code.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
export const BUNDLE = path.join(ROOT, 'dist', 'kith.mjs');
const STAMP = path.join(ROOT, 'dist', 'kith.stamp');

/** The newest change among the files the bundle is made of (sources and the lock file). */
function newestSource() {
  let newest = fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs;
  for (const entry of fs.readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const mtime = fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

export function isFresh() {
  try {
    return Number(fs.readFileSync(STAMP, 'utf8')) >= newestSource() && fs.existsSync(BUNDLE);
  } catch {
    return false;
  }
}

/**
 * Files find their templates, assets and package files from `import.meta.dirname` and
 * `import.meta.url`; in one bundle those would be dist/ for every file, so each file's
 * own place is written in, relative to the bundle, when it is compiled.
 */
const ownFolder = {
  name: 'kith-own-folder',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const relative = (to) => path.relative(path.dirname(BUNDLE), to).split(path.sep).join('/');
      return {
        contents: source
          .replaceAll('import.meta.dirname', `__kithFolder(${JSON.stringify(relative(path.dirname(args.path)))})`)
          .replaceAll('import.meta.url', `__kithUrl(${JSON.stringify(relative(args.path))})`),
        loader: 'ts',
      };
    });
  },
};

export async function buildKith() {
  const newest = newestSource();
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(SRC, 'cli', 'main.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [ownFolder],
    banner: {
      js: [
        "import { fileURLToPath as __kithFileUrl, pathToFileURL as __kithToUrl } from 'node:url';",
        "import __kithPath from 'node:path';",
        'const __kithFolder = (relative) => __kithPath.resolve(__kithPath.dirname(__kithFileUrl(import.meta.url)), relative);',
        'const __kithUrl = (relative) => __kithToUrl(__kithFolder(relative)).href;',
      ].join('\n'),
    },
  });
  // Renamed into place whole, so a second process starting at the same moment never reads half a file.
  fs.renameSync(temporary, BUNDLE);
  fs.writeFileSync(STAMP, String(newest));
}

if (process.argv[1] === import.meta.filename) await buildKith();
