// Jupyter notebooks: code cells are rewritten as Python, Markdown cells get a placeholder, and
// outputs that printed a secret are cleared. The notebook is written back in Jupyter's own JSON layout;
// one that keyfence could not reproduce byte for byte is left alone.
import type { SourceRewrite } from './languages.js';
import type { RewriteResult, SecretToMove } from './rewrite.js';

interface Cell {
  cell_type?: string;
  source?: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
}

function layout(text: string): (value: unknown) => string {
  const indent = text.match(/^[{[]\r?\n([ \t]+)/)?.[1] ?? '';
  const end = text.endsWith('\n') ? '\n' : '';
  return (value) => JSON.stringify(value, null, indent) + end;
}

/** Splits cell text into Jupyter's source lines, each keeping its newline. */
function sourceLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** `rewriteCell`: the rewrite of a code cell (as Python) or a Markdown cell. */
export function rewriteNotebook(text: string, secrets: readonly SecretToMove[], rewriteCell: SourceRewrite): RewriteResult {
  let notebook: { cells?: Cell[] };
  try {
    notebook = JSON.parse(text) as { cells?: Cell[] };
  } catch {
    return { ok: false, reason: 'the notebook is not valid JSON' };
  }
  const serialize = layout(text);
  if (serialize(notebook) !== text)
    return { ok: false, reason: 'keyfence cannot write this notebook back in the same layout; clear the key in Jupyter' };
  const holdsSecret = (value: string) => secrets.some((s) => s.secret && value.includes(s.secret));
  const values = new Map<string, string>();
  for (const cell of notebook.cells ?? []) {
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    if (typeof source === 'string' && holdsSecret(source)) {
      const result = rewriteCell(source, cell.cell_type === 'code' ? 'python' : 'markdown', secrets);
      if (!result.ok) return { ok: false, reason: `a ${cell.cell_type ?? ''} cell: ${result.reason}` };
      cell.source = Array.isArray(cell.source) ? sourceLines(result.text) : result.text;
      for (const [name, value] of result.values) values.set(name, value);
    }
    if (Array.isArray(cell.outputs) && holdsSecret(JSON.stringify(cell.outputs))) {
      cell.outputs = [];
      if ('execution_count' in cell) cell.execution_count = null;
    }
  }
  const out = serialize(notebook);
  if (holdsSecret(out)) return { ok: false, reason: 'the secret is also in notebook metadata or attachments' };
  return { ok: true, text: out, changed: out !== text, values };
}
