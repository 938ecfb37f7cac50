export interface PostgresCluster {
  /** postgres://dateline@127.0.0.1:PORT/postgres */
  url: string
  /** Starts the server again, on the same port, with the same data. */
  start(): void
  /** Stops the server (fast shutdown), keeping its data. */
  halt(): void
  /** Stops the server and removes its folder. */
  stop(): void
}

export function findPgBin(name: string): string | undefined
export function freePort(): Promise<number>
export function startPostgresCluster(options?: {
  maxConnections?: number
}): Promise<PostgresCluster | undefined>
