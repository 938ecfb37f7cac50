import type { Section } from './section.js'

export interface SectionStore {
  /** All sections in navigation order. */
  list(): Promise<Section[]>
  findBySlug(slug: string): Promise<Section | undefined>
  insert(section: Section): Promise<void>
  rename(id: string, name: string): Promise<void>
  setPosition(id: string, position: number): Promise<void>
  /** Moves every article of one section to another; returns how many moved. */
  moveArticles(fromId: string, toId: string): Promise<number>
  remove(id: string): Promise<void>
}
