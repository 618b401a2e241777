// Encoded secrets: the views of a text in which its encoded values are decoded (base64, URL-encoding,
// string escapes), and views of those views, to a bounded depth. The engine runs the rules on each view
// and reports a match that touches a decoded value at the span of the encoded value in the original
// text (detect/engine.ts).
//
// Cost stays linear in the text: each decoder is one pass; a view holds a decoded value with at most
// CONTEXT characters of its line on either side, each character of a text in at most one view of a
// decoder; decoding never makes a value longer (base64 gives 3 characters for 4, an escape one for
// three or more); and views are decoded again at most MAX_DEPTH - 1 times, with a budget on the
// characters decoded views may hold in all.
import { base64Replacements } from './base64.js';
import { escapeReplacements } from './escapes.js';
import { percentReplacements } from './url.js';
import { nested, regionAt, viewsOf, type DecodedView, type Replacement } from './view.js';

export { regionAt, type DecodedRegion, type DecodedView } from './view.js';

/** base64 of a JSON document holding base64 (a docker config in a Kubernetes Secret) is two levels. */
export const MAX_DEPTH = 3;
/** Views hold at most this many characters per character of the text, all depths together. */
const BUDGET_FACTOR = 4;
/** ...or this many, for short texts. */
const BUDGET_FLOOR = 64 * 1024;

const DECODERS: ReadonlyArray<(text: string) => Replacement[]> = [base64Replacements, percentReplacements, escapeReplacements];

/** Every decoded view of `text`, outermost first. */
export function decodedViews(text: string): DecodedView[] {
  const views: DecodedView[] = [];
  let budget = Math.max(BUDGET_FLOOR, text.length * BUDGET_FACTOR);
  let level: Array<DecodedView | undefined> = [undefined];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0 && budget > 0; depth++) {
    const next: DecodedView[] = [];
    for (const outer of level) {
      const source = outer ? outer.text : text;
      for (const decode of DECODERS) {
        // Inside a view, only what the outer step decoded is decoded again; the rest was read at level 0.
        const replacements = outer ? decode(source).filter((r) => regionAt(outer, r.start, r.end) !== undefined) : decode(source);
        if (replacements.length === 0) continue;
        for (const inner of viewsOf(source, replacements)) {
          budget -= inner.text.length;
          if (budget < 0) return views;
          const view = outer ? nested(outer, inner) : inner;
          views.push(view);
          next.push(view);
        }
      }
    }
    level = next;
  }
  return views;
}
