import { formatDate } from '../platform/dates.js';
import { ContentLanguages } from './content-language.js';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import type { KithModule } from '../modules/module.js';
import { macroName, portedComponents, type Caller } from './govuk/index.js';
import { escapeHtml } from './govuk/nunjucks.js';

const require = createRequire(import.meta.url);
const GOVUK_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const WEB_VIEWS = path.join(import.meta.dirname, 'views');

const GOVUK_MACRO = /^govuk\/components\/([a-z-]+)\/macro\.njk$/;

/**
 * GOV.UK's macro for a component Kith has ported to TypeScript (src/web/govuk), as a
 * macro of the same name that calls the port: templates import it as before. A call
 * block's body is passed on as `caller`, as GOV.UK's templates would see it.
 */
function portedMacroSource(name: string): string | undefined {
  const component = GOVUK_MACRO.exec(name)?.[1];
  if (!component || !portedComponents.has(component)) return undefined;
  const macro = macroName(component);
  return `{% macro ${macro}(params) %}{{ kithGovuk("${component}", params, caller) }}{% endmacro %}`;
}

/**
 * Template names are `<module>/<file>.njk` for a module's own views, `govuk/...` for
 * GOV.UK Frontend's component macros (Kith's ports where there is one), and anything
 * else for the shared layout and components in src/web/views.
 */
function templateLoader(modules: readonly KithModule[], watch: boolean, ports: boolean) {
  const moduleViews = new Map(modules.filter((m) => m.viewsDir).map((m) => [m.name, m.viewsDir!]));
  const locate = (name: string): string => {
    const [first, ...rest] = name.split('/');
    if (first === 'govuk') return path.join(GOVUK_DIST, name);
    const dir = first ? moduleViews.get(first) : undefined;
    if (dir && rest.length) return path.join(dir, ...rest);
    return path.join(WEB_VIEWS, name);
  };
  const Loader = nunjucks.Loader.extend({
    getSource(name: string) {
      const ported = ports ? portedMacroSource(name) : undefined;
      if (ported) return { src: ported, path: name, noCache: false };
      const file = locate(name);
      if (!fs.existsSync(file)) return null;
      return { src: fs.readFileSync(file, 'utf8'), path: name, noCache: watch };
    },
    isRelative: (name: string) => name.startsWith('./') || name.startsWith('../'),
    // Resolve relative imports (GOV.UK's macros use them) as names, not files.
    resolve: (from: string, to: string) => path.posix.join(path.posix.dirname(from), to),
  } as never);
  return new (Loader as unknown as new () => nunjucks.ILoader)();
}

/**
 * `{% from "x.njk" import m %}` runs x.njk's top level again on every render to collect
 * its macros, and GOV.UK's components import one another at every call: most of the
 * cost of a page. A template imported without context only defines macros, so what it
 * exports is the same every time: keep it on the compiled template (a template
 * recompiled in development is a new object, so edits still show).
 */
type ExportedCallback = (error: Error | null, exported?: Record<string, unknown>) => void;
const TemplateProto = (nunjucks.Template as unknown as { prototype: Record<string, unknown> }).prototype;
const getExported = TemplateProto.getExported as (this: unknown, ...args: unknown[]) => void;
if (!TemplateProto.kithExportsCached) {
  TemplateProto.kithExportsCached = true;
  TemplateProto.getExported = function (this: { kithExports?: Record<string, unknown> }, ...args: unknown[]) {
    const [first] = args;
    if (typeof first !== 'function') return getExported.apply(this, args);
    const callback = first as ExportedCallback;
    if (this.kithExports) return callback(null, this.kithExports);
    return getExported.call(this, (error: Error | null, exported?: Record<string, unknown>) => {
      if (!error && exported) this.kithExports = exported;
      callback(error, exported);
    });
  };
}

/**
 * `govukPorts: false` renders GOV.UK's components with GOV.UK's own templates, to
 * compare the ports with them.
 */
export function createViewEnvironment(
  modules: readonly KithModule[],
  options: { watch: boolean; govukPorts?: boolean },
): nunjucks.Environment {
  const ports = options.govukPorts ?? true;
  const env = new nunjucks.Environment(templateLoader(modules, options.watch, ports), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  if (ports) {
    env.addGlobal('kithGovuk', (component: string, params: unknown, caller?: Caller) => {
      return new nunjucks.runtime.SafeString(portedComponents.get(component)!(params, caller));
    });
  }
  env.addFilter('json', (value: unknown) => JSON.stringify(value));
  // Times are stored in UTC and shown as the clock on the wall in the place (BST/GMT).
  env.addFilter('dateTime', (iso: string, lang: string) =>
    formatDate(iso, lang, { dateStyle: 'medium', timeStyle: 'short' }),
  );
  env.addFilter('date', (iso: string, lang: string) => formatDate(iso, lang, { dateStyle: 'long' }));
  // People's own writing in the other language than the page is marked, so it is read in its own voice:
  // `<p{{ text | langAttr(lang) }}>` on an element, `{{ text | inLang(lang) }}` for words inside one (or a macro's html).
  const contentLanguages = new ContentLanguages({
    en: modules.flatMap((m) => Object.values(m.messages?.en ?? {})),
    cy: modules.flatMap((m) => Object.values(m.messages?.cy ?? {})),
  });
  env.addFilter('langAttr', (text: string | null | undefined, lang: string) => {
    const other = contentLanguages.langFor(text, lang);
    return new nunjucks.runtime.SafeString(other ? ` lang="${other}"` : '');
  });
  env.addFilter('inLang', (text: string | null | undefined, lang: string) => {
    const escaped = escapeHtml(String(text ?? ''));
    const other = contentLanguages.langFor(text, lang);
    return new nunjucks.runtime.SafeString(other ? `<span lang="${other}">${escaped}</span>` : escaped);
  });
  return env;
}

// Dates are written one way everywhere: the dates module's.
export { formatDate };
