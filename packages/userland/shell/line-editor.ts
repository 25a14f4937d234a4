/**
 * The interactive shell's line editor: what the user types at the prompt, before the line
 * is a command. It reads the raw bytes a terminal sends (the SSH pty is in raw mode on
 * the client side) and echoes with VT100 sequences.
 *
 * Keys: printable text inserts; Backspace/Ctrl-H deletes left; Delete/Ctrl-D deletes
 * under the cursor (Ctrl-D on an empty line logs out); Left/Right/Ctrl-B/Ctrl-F move;
 * Home/End/Ctrl-A/Ctrl-E jump; Ctrl-U kills to the start, Ctrl-K to the end, Ctrl-W the
 * word before the cursor; Up/Down/Ctrl-P/Ctrl-N walk the history; Ctrl-C abandons the
 * line; Ctrl-L clears the screen; Enter submits. Tab completes the word before the cursor
 * (a second Tab lists the choices); Ctrl-R searches the history backwards as readline's
 * reverse-i-search does (Ctrl-R again: an older match; Enter runs it; Ctrl-G gives up).
 */

export type EditorEvent = { kind: 'line'; text: string } | { kind: 'eof' } | { kind: 'interrupt' };

const MAX_HISTORY = 500;

/** Completions of the word before the cursor: whole replacement words ("dir/" for directories). */
export type Completer = (line: string, wordStart: number, word: string) => string[];

export class LineEditor {
  /** Ctrl-D on an empty line ends the input without moving to a new line (dash at PS2 prints its error right there). */
  quietEof = false;
  private buffer: string[] = [];
  private cursor = 0;
  private prompt = '';
  /** Where we are in history while browsing (history.length = the line being edited). */
  private historyIndex = 0;
  private draft: string[] = [];
  /** Bytes of an escape sequence received so far. */
  private pendingEscape = '';
  private readonly decoder = new TextDecoder();
  /** Ctrl-R: the search text and the history index of the current match (null: not searching). */
  private search: { query: string; index: number } | null = null;
  private lastKeyWasTab = false;

  constructor(
    private readonly write: (text: string) => void,
    readonly history: string[] = [],
    private readonly completer: Completer | null = null,
  ) {}

  /** Shows the prompt for a new line. */
  begin(prompt: string): void {
    this.prompt = prompt;
    this.buffer = [];
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.write(prompt);
  }

  /** Feeds terminal input; returns the events it completes (usually none, or one line). */
  feed(bytes: Uint8Array): EditorEvent[] {
    const events: EditorEvent[] = [];
    const text = this.decoder.decode(bytes, { stream: true });
    for (const ch of text) {
      const event = this.key(ch);
      if (event) events.push(event);
    }
    return events;
  }

  private key(ch: string): EditorEvent | null {
    if (this.pendingEscape) return this.escape(ch);
    if (this.search) {
      const done = this.searchKey(ch);
      if (done !== undefined) return done;
    }
    const tab = ch === '\t';
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = tab;
    if (tab) {
      this.complete(wasTab);
      return null;
    }
    if (ch === '\x12') {
      this.search = { query: '', index: this.history.length };
      this.showSearch();
      return null;
    }
    switch (ch) {
      case '\r':
      case '\n':
        return this.submit();
      case '\x03': // Ctrl-C
        this.write('^C\r\n');
        this.buffer = [];
        this.cursor = 0;
        return { kind: 'interrupt' };
      case '\x04': // Ctrl-D
        if (this.buffer.length === 0) {
          if (!this.quietEof) this.write('\r\n');
          return { kind: 'eof' };
        }
        this.deleteAt(this.cursor);
        return null;
      case '\x7f':
      case '\x08':
        if (this.cursor > 0) {
          this.cursor--;
          this.deleteAt(this.cursor);
        }
        return null;
      case '\x01':
        this.moveTo(0);
        return null;
      case '\x05':
        this.moveTo(this.buffer.length);
        return null;
      case '\x02':
        this.moveTo(this.cursor - 1);
        return null;
      case '\x06':
        this.moveTo(this.cursor + 1);
        return null;
      case '\x15': // Ctrl-U
        this.buffer.splice(0, this.cursor);
        this.cursor = 0;
        this.redraw();
        return null;
      case '\x0b': // Ctrl-K
        this.buffer.splice(this.cursor);
        this.redraw();
        return null;
      case '\x17': {
        // Ctrl-W: back over spaces, then over the word.
        let start = this.cursor;
        while (start > 0 && this.buffer[start - 1] === ' ') start--;
        while (start > 0 && this.buffer[start - 1] !== ' ') start--;
        this.buffer.splice(start, this.cursor - start);
        this.cursor = start;
        this.redraw();
        return null;
      }
      case '\x10':
        this.recall(-1);
        return null;
      case '\x0e':
        this.recall(1);
        return null;
      case '\x0c': // Ctrl-L
        this.write('\x1b[H\x1b[2J');
        this.redraw();
        return null;
      case '\x1b':
        this.pendingEscape = '\x1b';
        return null;
      default:
        if (ch < ' ') return null;
        this.buffer.splice(this.cursor, 0, ch);
        this.cursor++;
        if (this.cursor === this.buffer.length) this.write(ch);
        else this.redraw();
        return null;
    }
  }

  /**
   * A key while searching: undefined hands it on to normal editing (after accepting the
   * match into the line), otherwise the event (or null) it produced.
   */
  private searchKey(ch: string): EditorEvent | null | undefined {
    const s = this.search!;
    if (ch === '\x12') {
      this.findOlder(s.index - 1);
      return null;
    }
    if (ch === '\x07' || ch === '\x03') {
      this.search = null;
      this.buffer = [];
      this.cursor = 0;
      this.redraw();
      return ch === '\x03' ? this.key(ch) : null;
    }
    if (ch === '\x7f' || ch === '\x08') {
      s.query = s.query.slice(0, -1);
      this.findOlder(this.history.length - 1);
      return null;
    }
    if (ch >= ' ' && ch !== '\x7f') {
      s.query += ch;
      this.findOlder(Math.min(s.index, this.history.length - 1));
      return null;
    }
    // Any other key ends the search with the match in the line, then acts as usual.
    this.search = null;
    this.redraw();
    return undefined;
  }

  private findOlder(from: number): void {
    const s = this.search!;
    for (let i = from; i >= 0; i--) {
      if (this.history[i].includes(s.query)) {
        s.index = i;
        this.buffer = [...this.history[i]];
        this.cursor = this.buffer.length;
        break;
      }
    }
    this.showSearch();
  }

  private showSearch(): void {
    const s = this.search!;
    this.write(`\r(reverse-i-search)'${s.query}': ${this.buffer.join('')}\x1b[K`);
  }

  /** Tab: the longest common completion of the word before the cursor; twice lists them. */
  private complete(listChoices: boolean): void {
    if (!this.completer) return;
    const line = this.buffer.join('');
    const before = this.buffer.slice(0, this.cursor).join('');
    const wordStart = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t'), before.lastIndexOf('|'), before.lastIndexOf(';'), before.lastIndexOf('&')) + 1;
    const word = before.slice(wordStart);
    let choices: string[];
    try {
      choices = [...new Set(this.completer(line, wordStart, word))].sort();
    } catch {
      return;
    }
    if (choices.length === 0) return;
    let common = choices[0];
    for (const c of choices) while (!c.startsWith(common)) common = common.slice(0, -1);
    let insert = common.slice(word.length);
    if (choices.length === 1 && !common.endsWith('/')) insert += ' ';
    if (insert) {
      this.buffer.splice(this.cursor, 0, ...insert);
      this.cursor += [...insert].length;
      this.redraw();
      return;
    }
    if (listChoices && choices.length > 1) {
      const shown = choices.map((c) => (c.endsWith('/') ? c.slice(c.lastIndexOf('/', c.length - 2) + 1) : c.slice(c.lastIndexOf('/') + 1)));
      this.write(`\r\n${shown.join('  ')}\r\n`);
      this.redraw();
    }
  }

  /** CSI and SS3 sequences: arrows, Home/End, Delete. */
  private escape(ch: string): EditorEvent | null {
    this.pendingEscape += ch;
    const seq = this.pendingEscape;
    if (seq === '\x1b[' || seq === '\x1bO' || /^\x1b\[[0-9;]+$/.test(seq)) return null;
    this.pendingEscape = '';
    switch (seq) {
      case '\x1b[A':
      case '\x1bOA':
        this.recall(-1);
        break;
      case '\x1b[B':
      case '\x1bOB':
        this.recall(1);
        break;
      case '\x1b[C':
      case '\x1bOC':
        this.moveTo(this.cursor + 1);
        break;
      case '\x1b[D':
      case '\x1bOD':
        this.moveTo(this.cursor - 1);
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        this.moveTo(0);
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        this.moveTo(this.buffer.length);
        break;
      case '\x1b[3~':
        this.deleteAt(this.cursor);
        break;
      default:
        // Unknown sequences are ignored rather than inserted as text.
        break;
    }
    return null;
  }

  private submit(): EditorEvent {
    const text = this.buffer.join('');
    this.write('\r\n');
    if (text.trim() && this.history[this.history.length - 1] !== text) {
      this.history.push(text);
      if (this.history.length > MAX_HISTORY) this.history.shift();
    }
    this.buffer = [];
    this.cursor = 0;
    return { kind: 'line', text };
  }

  private deleteAt(index: number): void {
    if (index < 0 || index >= this.buffer.length) return;
    this.buffer.splice(index, 1);
    this.redraw();
  }

  private moveTo(position: number): void {
    const target = Math.max(0, Math.min(this.buffer.length, position));
    if (target < this.cursor) this.write(`\x1b[${this.cursor - target}D`);
    else if (target > this.cursor) this.write(`\x1b[${target - this.cursor}C`);
    this.cursor = target;
  }

  private recall(step: number): void {
    const next = this.historyIndex + step;
    if (next < 0 || next > this.history.length) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex = next;
    this.buffer = next === this.history.length ? this.draft : [...this.history[next]];
    this.cursor = this.buffer.length;
    this.redraw();
  }

  /** Rewrites the prompt and line, clears what was left of the old one, puts the cursor back. */
  private redraw(): void {
    const back = this.buffer.length - this.cursor;
    this.write(`\r${this.prompt}${this.buffer.join('')}\x1b[K${back > 0 ? `\x1b[${back}D` : ''}`);
  }
}
