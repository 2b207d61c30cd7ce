import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = [
  path.join(ROOT, 'src/web/styles'),
  path.join(ROOT, 'src/web/client'),
  path.join(ROOT, 'src/modules/directory/client'),
];
export const ASSETS_DIR = path.join(ROOT, 'dist/assets');

export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** Logical name (kith.css) → file name with a content hash (kith.3f9a1c2b.css). */
export type AssetManifest = Record<string, string>;

function sourceStamp(): string {
  const hash = createHash('sha256');
  hash.update(require('govuk-frontend/package.json').version as string);
  for (const dir of SOURCES) {
    for (const file of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
      const full = path.join(dir, file);
      if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the stylesheet and the enhancement script into dist/assets, unless the
 * sources are unchanged since the last build. Runs at start-up, so a fresh clone
 * needs no separate build step.
 */
export async function buildAssets(options: { force?: boolean } = {}): Promise<AssetManifest> {
  const stamp = sourceStamp();
  const manifestFile = path.join(ASSETS_DIR, 'manifest.json');
  if (!options.force && fs.existsSync(manifestFile)) {
    const existing = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { stamp: string; files: AssetManifest };
    if (existing.stamp === stamp) return existing.files;
  }
  const [{ compile }, esbuild] = await Promise.all([import('sass'), import('esbuild')]);
  const css = compile(path.join(ROOT, 'src/web/styles/kith.scss'), {
    loadPaths: [path.join(ROOT, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  }).css;
  const js = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/web/client/kith.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2020',
    write: false,
  });
  // The directory's map: Leaflet and its styles in files of their own, loaded only by map pages.
  const map = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/modules/directory/client/map.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2020',
    write: false,
  });
  const mapCss =
    fs.readFileSync(require.resolve('leaflet/dist/leaflet.css'), 'utf8') +
    compile(path.join(ROOT, 'src/modules/directory/client/map.scss'), { style: 'compressed' }).css;
  const outputs: Record<string, string | Buffer> = {
    'map.js': Buffer.from(map.outputFiles[0]!.contents),
    'map.css': mapCss,
    'kith.css': css,
    'kith.js': js.outputFiles[0]!.contents ? Buffer.from(js.outputFiles[0]!.contents) : '',
    'favicon.svg': fs.readFileSync(path.join(ROOT, 'src/web/client/favicon.svg')),
  };
  // Build beside the old files and swap them in with one rename, so a second process
  // starting at the same moment never reads a half-written folder.
  const building = `${ASSETS_DIR}.${process.pid}.${Date.now()}`;
  fs.mkdirSync(building, { recursive: true });
  const files: AssetManifest = {};
  for (const [name, body] of Object.entries(outputs)) {
    const digest = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const ext = path.extname(name);
    const hashed = `${path.basename(name, ext)}.${digest}${ext}`;
    fs.writeFileSync(path.join(building, hashed), body);
    files[name] = hashed;
  }
  fs.writeFileSync(path.join(building, 'manifest.json'), JSON.stringify({ stamp, files }, null, 2));
  const old = `${ASSETS_DIR}.old.${process.pid}.${Date.now()}`;
  try {
    if (fs.existsSync(ASSETS_DIR)) fs.renameSync(ASSETS_DIR, old);
    fs.renameSync(building, ASSETS_DIR);
  } catch {
    // Another process swapped in its build first; it was made from the same sources.
    fs.rmSync(building, { recursive: true, force: true });
  }
  fs.rmSync(old, { recursive: true, force: true });
  return files;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The built files, held in memory: they are few and small, and served on every page. */
export function loadAssets(manifest: AssetManifest): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const hashed of Object.values(manifest)) {
    const body = fs.readFileSync(path.join(ASSETS_DIR, hashed));
    assets.set(hashed, {
      body,
      contentType: TYPES[path.extname(hashed)] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
    });
  }
  return assets;
}
