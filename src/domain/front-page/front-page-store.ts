import type {
  BreakingNews,
  PlacedArticle,
  Placement,
  SectionBlockSetting,
  StoredBanner,
} from './front-page.js'

/** The editors' arrangement of the home page. Each list is small and rewritten whole. */
export interface FrontPageStore {
  /** The arranged stories by position, expired pins included (the service reads the clock). */
  placements(): Promise<PlacedArticle[]>
  replacePlacements(placements: readonly Placement[]): Promise<void>
  /** The banner last raised and not lowered, expired or not; its story if published. */
  banner(): Promise<StoredBanner | undefined>
  setBanner(banner: BreakingNews | null): Promise<void>
  sectionBlocks(): Promise<SectionBlockSetting[]>
  replaceSectionBlocks(blocks: readonly SectionBlockSetting[]): Promise<void>
}
