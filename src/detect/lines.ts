// Offset <-> line/column conversion for one text. The index of line starts is built on first use:
// most texts scanned contain no secret and never need it.

export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    return starts;
  }

  /** 0-based index of the line holding `offset`. */
  lineAt(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  startOfLineAt(offset: number): number {
    return this.lineStarts()[this.lineAt(offset)] as number;
  }

  /** Offset of the end of the line holding `offset` (before its newline). */
  endOfLineAt(offset: number): number {
    const next = this.lineStarts()[this.lineAt(offset) + 1];
    return next === undefined ? this.text.length : next - 1;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineAt(offset);
    return { line: line + 1, column: offset - (this.lineStarts()[line] as number) + 1 };
  }

  /** The text of the 1-based line `line`, without its newline. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }
}
