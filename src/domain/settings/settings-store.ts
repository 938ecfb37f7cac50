/** Site settings kept in the database, as JSON text by key, so every app process shares them. */
export interface SettingsStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  /** Stores the value unless the key has one already (two processes may race to create it). */
  setIfAbsent(key: string, value: string): Promise<void>
}
