import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely'
import type { DialectName } from './dialect.js'
import * as createContent from './migrations/2026-11-28T0800_create-content.js'
import * as addNewsroom from './migrations/2026-11-28T1000_add-newsroom.js'
import * as addComments from './migrations/2026-11-28T1200_add-comments.js'
import * as addSearch from './migrations/2026-11-28T1400_add-search.js'
import * as addThreads from './migrations/2026-11-28T1410_add-threads.js'
import * as addArticleStateIndex from './migrations/2026-11-28T1420_add-article-state-index.js'
import * as hardenSignIn from './migrations/2026-12-02T0900_harden-sign-in.js'
import * as addTwoFactor from './migrations/2026-12-02T0910_add-two-factor.js'
import * as addMedia from './migrations/2026-12-04T1000_add-media.js'
import * as moveSiteKeyOut from './migrations/2026-12-04T1100_move-site-key-out.js'
import * as makeCommentLimitsAtomic from './migrations/2026-12-04T1110_make-comment-limits-atomic.js'
import * as addStoryImages from './migrations/2026-12-04T1200_add-story-images.js'
import * as addPreviewLinks from './migrations/2026-12-04T1300_add-preview-links.js'
import * as addArticleSeo from './migrations/2026-12-04T1310_add-article-seo.js'
import * as addImportSources from './migrations/2026-12-05T0300_add-import-sources.js'
import * as addRedirects from './migrations/2026-12-05T0900_add-redirects.js'
import * as addApiRateWindows from './migrations/2026-12-05T1000_add-api-rate-windows.js'
import * as addFrontPage from './migrations/2026-12-05T1000_add-front-page.js'
import * as addApiTokens from './migrations/2026-12-05T1010_add-api-tokens.js'
import * as addSiteStructure from './migrations/2026-12-05T1100_add-site-structure.js'
import * as addWebhooks from './migrations/2026-12-05T1200_add-webhooks.js'
import * as indexSearchByTime from './migrations/2026-12-05T1320_index-search-by-time.js'
import * as indexSitemapReads from './migrations/2026-12-05T1330_index-sitemap-reads.js'
import * as keepSitemapLastmod from './migrations/2026-12-05T1440_keep-sitemap-lastmod.js'
import * as indexSearchWordPairs from './migrations/2026-12-06T1000_index-search-word-pairs.js'
import * as boundSearchPendingLists from './migrations/2026-12-06T1500_bound-search-pending-lists.js'
import * as orderArticleCommentsByIndex from './migrations/2026-12-07T0100_order-article-comments-by-index.js'
import * as keepRelatedCoverage from './migrations/2026-12-07T0400_keep-related-coverage.js'
import * as keepRenderedStories from './migrations/2026-12-07T0700_keep-rendered-stories.js'
import * as keepRelatedBoxes from './migrations/2026-12-07T1500_keep-related-boxes.js'

interface MigrationModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against no particular schema type
  up(db: Kysely<any>, dialect: DialectName): Promise<void>
}

/** Every migration, by name; names sort in the order they run. Never edit one that has shipped. */
const MIGRATIONS: Record<string, MigrationModule> = {
  '2026-11-28T0800_create-content': createContent,
  '2026-11-28T1000_add-newsroom': addNewsroom,
  '2026-11-28T1200_add-comments': addComments,
  '2026-11-28T1400_add-search': addSearch,
  '2026-11-28T1410_add-threads': addThreads,
  '2026-11-28T1420_add-article-state-index': addArticleStateIndex,
  '2026-12-02T0900_harden-sign-in': hardenSignIn,
  '2026-12-02T0910_add-two-factor': addTwoFactor,
  '2026-12-04T1000_add-media': addMedia,
  '2026-12-04T1100_move-site-key-out': moveSiteKeyOut,
  '2026-12-04T1110_make-comment-limits-atomic': makeCommentLimitsAtomic,
  '2026-12-04T1200_add-story-images': addStoryImages,
  '2026-12-04T1300_add-preview-links': addPreviewLinks,
  '2026-12-04T1310_add-article-seo': addArticleSeo,
  '2026-12-05T0300_add-import-sources': addImportSources,
  '2026-12-05T0900_add-redirects': addRedirects,
  '2026-12-05T1000_add-api-rate-windows': addApiRateWindows,
  '2026-12-05T1000_add-front-page': addFrontPage,
  '2026-12-05T1010_add-api-tokens': addApiTokens,
  '2026-12-05T1100_add-site-structure': addSiteStructure,
  '2026-12-05T1200_add-webhooks': addWebhooks,
  '2026-12-05T1320_index-search-by-time': indexSearchByTime,
  '2026-12-05T1330_index-sitemap-reads': indexSitemapReads,
  '2026-12-05T1440_keep-sitemap-lastmod': keepSitemapLastmod,
  '2026-12-06T1000_index-search-word-pairs': indexSearchWordPairs,
  '2026-12-06T1500_bound-search-pending-lists': boundSearchPendingLists,
  '2026-12-07T0100_order-article-comments-by-index': orderArticleCommentsByIndex,
  '2026-12-07T0400_keep-related-coverage': keepRelatedCoverage,
  '2026-12-07T0700_keep-rendered-stories': keepRenderedStories,
  '2026-12-07T1500_keep-related-boxes': keepRelatedBoxes,
}

/** Brings the schema up to date. Throws, naming the migration, if one fails. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator does not care about the schema type
export async function migrateToLatest(db: Kysely<any>, dialect: DialectName): Promise<string[]> {
  return migrateUpTo(db, dialect, undefined)
}

/**
 * Runs the migrations up to and including `last` (every one when undefined):
 * tests build a database as an older release left it, then upgrade it.
 */
export async function migrateUpTo(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator does not care about the schema type
  db: Kysely<any>,
  dialect: DialectName,
  last: string | undefined,
): Promise<string[]> {
  const names = Object.keys(MIGRATIONS)
  if (last !== undefined && !names.includes(last)) throw new Error(`no migration named ${last}`)
  const migrations: Record<string, Migration> = {}
  for (const name of last === undefined ? names : names.slice(0, names.indexOf(last) + 1)) {
    const module = MIGRATIONS[name]
    if (module) migrations[name] = { up: (migrationDb) => module.up(migrationDb, dialect) }
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Kysely looks for its bookkeeping tables in any schema unless told which; with
    // several Dateline databases in one PostgreSQL database (one schema each), it must
    // be the schema this connection works in.
    migrationTableSchema: dialect === 'postgres' ? await currentSchema(db) : undefined,
  })
  let outcome: MigrationResultSet = await migrator.migrateToLatest()
  // Kysely first reads which tables exist, in every schema of the database. When another
  // schema's tables vanish under that read (tests drop theirs in parallel), it fails before
  // any migration ran (no results): nothing was applied, so read again.
  for (let retry = 0; retry < 5 && outcome.error && outcome.results === undefined; retry++) {
    outcome = await migrator.migrateToLatest()
  }
  const { error, results } = outcome
  const failed = results?.find((result) => result.status === 'Error')
  if (error) {
    throw new Error(
      `Database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    )
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema type will do for this query
async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const schema = rows[0]?.schema
  if (!schema) throw new Error('PostgreSQL reports no current schema: check search_path')
  return schema
}
