// The one place where search differs between the databases (search-sqlite.ts,
// search-postgres.ts): how a structured query becomes FTS5 MATCH syntax or a
// tsquery, how matches are ranked, and how matched words are marked. Terms
// always reach the database as bound parameters: quoted as FTS5 strings, or
// through phraseto_tsquery, which reads no operators. Nothing a reader typed is
// ever parsed as query syntax.
//
// The work a query does is bounded whatever the archive's size: at most
// `ranked` + 1 of the newest matches are found first. When that is all of them,
// they are ranked and counted exactly. When there are more, only those newest
// are ranked (best first), every older match follows newest first, and the
// total is estimated from how far back the newest matches reach.
import type { RawBuilder } from 'kysely'
import type { SearchQuery } from '../domain/search/search-query.js'
import type { DialectName } from './dialect.js'
import type { SearchDialect } from './search-common.js'
import { postgresMatchingIds, postgresSearch } from './search-postgres.js'
import { sqliteMatchingIds, sqliteSearch } from './search-sqlite.js'

export type { MarkedMatch } from './search-common.js'

export function searchDialect(dialect: DialectName): SearchDialect {
  return dialect === 'postgres' ? postgresSearch : sqliteSearch
}

/**
 * A subquery of the ids of published articles that match, for a filter in
 * another query (the Content API's `query`); undefined when nothing is left to find.
 */
export function matchingArticleIds(
  dialect: DialectName,
  query: SearchQuery,
): RawBuilder<unknown> | undefined {
  return dialect === 'postgres' ? postgresMatchingIds(query) : sqliteMatchingIds(query)
}
