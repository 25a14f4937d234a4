/**
 * Session caps (serve --max-sessions, --max-sessions-per-user): how many session channels
 * (shells, commands, SFTP) the server holds at once, in all and per user, so that one user
 * opening sessions without end cannot take every session slot (and the machine's process
 * table) from the others. A session over a cap is refused when its channel opens, with a
 * reason the client prints (channel-refusal.ts).
 */

export interface SessionCapOptions {
  /** Most session channels open at once on the server. */
  maxSessions: number;
  /** Most session channels one user name may hold at once. */
  maxSessionsPerUser: number;
}

export class SessionCaps {
  private total = 0;
  private readonly perUser = new Map<string, number>();

  constructor(private readonly options: SessionCapOptions) {}

  /** Sessions open now (in all, or of one user). */
  open(user?: string): number {
    return user === undefined ? this.total : (this.perUser.get(user) ?? 0);
  }

  /**
   * Takes a slot for a new session of `user`: a release function, or the refusal's reason
   * (a line for the client) when a cap is reached.
   */
  take(user: string): { release: () => void } | { refused: string; cap: 'max-sessions' | 'max-sessions-per-user'; limit: number } {
    const mine = this.open(user);
    if (this.total >= this.options.maxSessions) {
      return { refused: `akuma-vm: session refused: the server has ${this.total} sessions open, the most it allows (--max-sessions ${this.options.maxSessions})`, cap: 'max-sessions', limit: this.options.maxSessions };
    }
    if (mine >= this.options.maxSessionsPerUser) {
      return { refused: `akuma-vm: session refused: user ${user} has ${mine} sessions open, the most one user may have (--max-sessions-per-user ${this.options.maxSessionsPerUser})`, cap: 'max-sessions-per-user', limit: this.options.maxSessionsPerUser };
    }
    this.total++;
    this.perUser.set(user, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const n = (this.perUser.get(user) ?? 1) - 1;
        if (n > 0) this.perUser.set(user, n);
        else this.perUser.delete(user);
      },
    };
  }
}
