/** Waits that can be cancelled: real timers in the server, a hand-driven queue in tests. */
export interface Timers {
  after(ms: number, run: () => void): { cancel(): void }
}
