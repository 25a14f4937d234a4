/**
 * The walk over the options that stand before a command's first operand, as dash's builtins
 * and qemu-user-style launchers read them: each word starting with '-' (but not '-' alone) is
 * an option, `--` ends the options and is dropped, and the first other word is the first
 * operand. What an option means is the caller's; this only keeps the place, so `ulimit` and
 * `akuma-vm run` (which may take the next word as an option's value) walk the same way.
 */

export class LeadingOptions {
  private ended = false;

  /** `index` is the first word to look at; after the walk it is the first operand's. */
  constructor(
    private readonly argv: readonly string[],
    public index = 0,
  ) {}

  /** The next option word, or undefined where the options end (`--` is stepped over). */
  next(): string | undefined {
    if (this.ended || this.index >= this.argv.length) return undefined;
    const a = this.argv[this.index];
    if (a === '--') this.index++;
    if (a === '--' || !a.startsWith('-') || a === '-') {
      this.ended = true;
      return undefined;
    }
    this.index++;
    return a;
  }

  /** The word after the option just read (its value), or undefined when none is left. */
  value(): string | undefined {
    return this.index < this.argv.length ? this.argv[this.index++] : undefined;
  }
}
