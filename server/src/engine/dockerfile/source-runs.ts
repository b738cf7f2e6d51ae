/**
 * A string made of characters of one source text, kept as substrings: consecutive kept characters
 * are one run, copied out only when the run breaks or the text is asked for. Scanners that drop
 * quotes and escapes build each word this way instead of one new string per character.
 */
export class SourceRuns {
  private text = '';
  private runStart = 0;
  private runEnd = 0;

  constructor(private readonly source: string) {}

  /** Adds the source character at `at`. */
  keep(at: number): void {
    if (at !== this.runEnd) {
      if (this.runEnd > this.runStart) this.text += this.source.substring(this.runStart, this.runEnd);
      this.runStart = at;
    }
    this.runEnd = at + 1;
  }

  /** The text kept so far, which stays kept. */
  peek(): string {
    this.flush();
    return this.text;
  }

  /** The text kept so far; the next word starts empty. */
  take(): string {
    this.flush();
    const taken = this.text;
    this.text = '';
    return taken;
  }

  private flush(): void {
    if (this.runEnd > this.runStart) this.text += this.source.substring(this.runStart, this.runEnd);
    this.runStart = this.runEnd = 0;
  }
}
