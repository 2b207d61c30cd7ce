import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/** Every Nunjucks template of Kith's own (not GOV.UK Frontend's). */
function templates(dir = 'src'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join('src', 'web', 'govuk') ? [] : templates(full);
    return entry.name.endsWith('.njk') ? [full] : [];
  });
}

test('every table scrolls inside its own focusable, named region, so a 320px screen never scrolls sideways', () => {
  const bare: string[] = [];
  for (const file of templates()) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!/<table\b|govukTable\(\{/.test(line)) return;
      const before =
        lines
          .slice(0, i)
          .filter((l) => l.trim())
          .at(-1) ?? '';
      const wrapped =
        /class="kith-table-scroll"/.test(before) &&
        /role="region"/.test(before) &&
        /tabindex="0"/.test(before) &&
        /aria-label(ledby)?="[^"]+"/.test(before);
      if (!wrapped) bare.push(`${file}:${i + 1}`);
    });
  }
  assert.deepEqual(bare, []);
});
