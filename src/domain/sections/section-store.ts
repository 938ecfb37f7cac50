import type { Section } from './section.js'

export interface SectionStore {
  /** All sections in navigation order. */
  list(): Promise<Section[]>
  findBySlug(slug: string): Promise<Section | undefined>
  insert(section: Section): Promise<void>
  rename(id: string, name: string): Promise<void>
  setPosition(id: string, position: number): Promise<void>
}
