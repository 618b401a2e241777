// Source maps (`*.map`) carry the original files of a bundle in `sourcesContent`, one JSON string each.
// Read as the map's raw text, a key there sits inside an escaped string on one very long line, where only
// self-identifying formats are found and the place says nothing. So each embedded file is also read as a
// file of its own, reported as `<map>!/<source name>`: the map's place with the embedded source's name.

/** Whether a content of this name may be a source map (`app.js.map`, `style.css.map`). */
export function isSourceMapName(name: string): boolean {
  return /\.map$/i.test(name);
}

export interface EmbeddedSource {
  /** The source's name as the map gives it (with its sourceRoot), unique within the map. */
  name: string;
  text: string;
}

/** Index maps nest maps in sections; a few levels are plenty. */
const MAX_SECTION_DEPTH = 4;

/** The files a source map embeds, or an empty list for text that is not a source map with sourcesContent. */
export function embeddedSources(text: string): EmbeddedSource[] {
  // Cheap test first: a map without sourcesContent embeds nothing.
  if (!text.includes('"sourcesContent"')) return [];
  let map: unknown;
  try {
    map = JSON.parse(text);
  } catch {
    return [];
  }
  const out: EmbeddedSource[] = [];
  collect(map, out, new Set(), 0);
  return out;
}

function collect(map: unknown, out: EmbeddedSource[], names: Set<string>, depth: number): void {
  if (!map || typeof map !== 'object' || Array.isArray(map) || depth > MAX_SECTION_DEPTH) return;
  const { sources, sourcesContent, sourceRoot, sections } = map as Record<string, unknown>;
  if (Array.isArray(sourcesContent)) {
    const root = typeof sourceRoot === 'string' && sourceRoot ? sourceRoot.replace(/\/?$/, '/') : '';
    sourcesContent.forEach((content, i) => {
      if (typeof content !== 'string' || content === '') return;
      const source =
        Array.isArray(sources) && typeof sources[i] === 'string' && sources[i] ? `${root}${sources[i] as string}` : `(source ${i})`;
      let name = source.replace(/!\//g, '!_/');
      for (let n = 2; names.has(name); n++) name = `${source} (${n})`;
      names.add(name);
      out.push({ name, text: content });
    });
  }
  if (Array.isArray(sections)) for (const section of sections) collect((section as { map?: unknown } | null)?.map, out, names, depth + 1);
}

/** Whether an entry path (`a.js.map!/src/x.ts`, nested archives joined by `!/`) is a file a source map embeds. */
export function isEmbeddedSource(file: string, entry: string | undefined): boolean {
  if (entry === undefined) return false;
  const cut = entry.lastIndexOf('!/');
  return isSourceMapName(cut < 0 ? file : entry.slice(0, cut));
}
