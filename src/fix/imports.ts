// Adds the import an env read needs (`import os`, Go's "os", C#'s `using System;`) when the file lacks
// it, where the language's conventions put it. Each placement has a name; a language's record in
// src/fix/languages.ts names the one its read needs (languages/table.ts `envImport`).
import { isRewritable, type Language } from '../languages/table.js';
import { eolOf } from './eol.js';
import { FIX_LANGUAGES } from './languages.js';

const PLACEMENTS = {
  'python-os': ensurePythonOs,
  'go-os': ensureGoOs,
  'csharp-system': ensureUsingSystem,
} satisfies Record<string, (text: string) => string>;

export type ImportPlacement = keyof typeof PLACEMENTS;

/** The text with the import added where `placement` puts it (unchanged when it is there already). */
export function addImport(text: string, placement: ImportPlacement | undefined): string {
  return placement ? PLACEMENTS[placement](text) : text;
}

export function ensureImport(text: string, language: Language): string {
  const fix = isRewritable(language) ? FIX_LANGUAGES[language] : undefined;
  return fix?.rewrites === 'literals' ? addImport(text, fix.importAt) : text;
}

function hasPythonOs(text: string): boolean {
  for (const m of text.matchAll(/^import[ \t]+([^\n#]+)/gm)) {
    const names = (m[1] as string).split(',').map((s) => s.trim());
    if (names.some((n) => n === 'os' || /^os\.[\w.]+$/.test(n))) return true;
  }
  return false;
}

function ensurePythonOs(text: string): string {
  if (hasPythonOs(text)) return text;
  const eol = eolOf(text);
  const lines = text.split('\n');
  let i = 0;
  const blankOrComment = (line: string) => /^\s*(#.*)?\r?$/.test(line);
  while (i < lines.length && blankOrComment(lines[i] as string)) i++;
  const docstring = (lines[i] ?? '').match(/^[rRuU]?("""|''')/);
  if (docstring) {
    const quote = docstring[1] as string;
    const rest = (lines[i] as string).slice(docstring[0].length);
    if (!rest.includes(quote)) {
      i++;
      while (i < lines.length && !(lines[i] as string).includes(quote)) i++;
    }
    i++;
  }
  while (i < lines.length && (blankOrComment(lines[i] as string) || /^from\s+__future__\s+import\b/.test(lines[i] as string))) i++;
  const cr = eol === '\r\n' ? '\r' : '';
  const beforeImport = /^(import|from)\s/.test(lines[i] ?? '');
  const insert = beforeImport ? [`import os${cr}`] : [`import os${cr}`, cr];
  lines.splice(i, 0, ...insert);
  return lines.join('\n');
}

function ensureGoOs(text: string): string {
  if (/^import\s+(?:\w+\s+)?"os"/m.test(text) || /^import\s*\([^)]*^\s*"os"\s*$/ms.test(text)) return text;
  const eol = eolOf(text);
  const block = text.match(/^import\s*\(\r?\n([\s\S]*?)^\)/m);
  if (block && block.index !== undefined) {
    const body = block[1] as string;
    const lines = body.split('\n');
    // Place "os" in alphabetical order within the first group (the standard library, by convention).
    let at = 0;
    while (at < lines.length) {
      const line = (lines[at] as string).trim();
      if (line === '') break;
      const path = line.match(/"([^"]+)"/)?.[1];
      if (path && path > 'os') break;
      at++;
    }
    const indent = (lines.find((l) => l.trim())?.match(/^\s*/)?.[0] ?? '\t').replace(/\r/g, '');
    lines.splice(at, 0, `${indent}"os"${eol === '\r\n' ? '\r' : ''}`);
    const start = block.index + block[0].length - 1 - body.length;
    return text.slice(0, start) + lines.join('\n') + text.slice(start + body.length);
  }
  const single = text.match(/^import\s+("[^"]+")[^\S\n]*\r?$/m);
  if (single && single.index !== undefined) {
    const paths = [single[1] as string, '"os"'].sort();
    const replacement = `import (${eol}\t${paths.join(`${eol}\t`)}${eol})`;
    return text.slice(0, single.index) + replacement + text.slice(single.index + single[0].replace(/\r$/, '').length);
  }
  const pkg = text.match(/^package\s+\w+[^\n]*$/m);
  if (!pkg || pkg.index === undefined) return text;
  const end = pkg.index + pkg[0].replace(/\r$/, '').length;
  return `${text.slice(0, end)}${eol}${eol}import "os"${text.slice(end)}`;
}

function ensureUsingSystem(text: string): string {
  if (/^\s*(global\s+)?using\s+System\s*;/m.test(text)) return text;
  const eol = eolOf(text);
  const firstUsing = text.match(/^using\s+[\w.]+\s*;/m);
  const at = firstUsing?.index ?? 0;
  return `${text.slice(0, at)}using System;${eol}${firstUsing ? '' : eol}${text.slice(at)}`;
}
