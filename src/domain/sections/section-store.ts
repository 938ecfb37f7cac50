import type { Section } from './section.js'

export interface SectionStore {
  /** All sections in navigation order. */
  list(): Promise<Section[]>
  findBySlug(slug: string): Promise<Section | undefined>
  insert(section: Section): Promise<void>
}
