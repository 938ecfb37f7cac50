/** Which article each imported source became: the identity that makes a re-import update. */
export interface ImportSourceStore {
  /** The article imported from `sourceKey`, if it still exists. */
  findArticleId(sourceKey: string): Promise<string | undefined>
  /** Records (or moves) `sourceKey` to `articleId`. */
  record(sourceKey: string, articleId: string): Promise<void>
}
