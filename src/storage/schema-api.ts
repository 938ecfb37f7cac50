// The API's tables: its rate-limit windows.

/** Content API requests per network in each one-minute window. */
export interface ApiRateWindowTable {
  network_hash: string
  window_number: number
  requests: number
}
