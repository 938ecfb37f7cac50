// What the authorization matrices share: every route the app registers, and
// a snapshot of everything a refused request must leave as it was.
import diagnostics from 'node:diagnostics_channel'
import type { FastifyInstance, RouteOptions } from 'fastify'
import type { TestAppContext } from '../helpers/context.js'
import { rawRows } from '../helpers/raw-sql.js'

/** Builds the app and collects every route it registers, as "METHOD /path". */
export async function registeredRoutes<T>(
  build: () => Promise<T>,
): Promise<{ result: T; routes: Set<string> }> {
  const routes = new Set<string>()
  const channel = diagnostics.channel('fastify.initialization')
  const onInit = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance }
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const url = route.url.length > 1 ? route.url.replace(/\/$/, '') : route.url
      for (const method of [route.method].flat()) routes.add(`${method} ${url}`)
    })
  }
  channel.subscribe(onInit)
  try {
    return { result: await build(), routes }
  } finally {
    channel.unsubscribe(onInit)
  }
}

/** Everything a refused request must leave as it was, one entry per thing. */
export async function snapshot(ctx: TestAppContext): Promise<Map<string, string>> {
  const [articles, users, sections, audit, authors, comments, settings, threads, media] =
    await Promise.all([
      ctx.stores.articles.listForNewsroom({}, { limit: 100_000, offset: 0 }),
      ctx.stores.users.list(),
      ctx.stores.sections.list(),
      ctx.stores.audit.count(),
      ctx.stores.authors.listNames(100_000),
      ctx.stores.comments.countByStatus(),
      ctx.services.settings.commentSettings(),
      ctx.stores.threads.list(),
      ctx.stores.media.search('', { limit: 100_000, offset: 0 }),
    ])
  const entries = new Map<string, string>()
  for (const article of articles) {
    entries.set(`article "${article.headline}"`, JSON.stringify(article))
  }
  for (const user of users) {
    const hash = (await ctx.stores.users.findByEmailWithHash(user.email))?.passwordHash
    entries.set(`user ${user.email}`, JSON.stringify({ user, hash }))
  }
  entries.set('sections', JSON.stringify(sections))
  entries.set('audit events', String(audit))
  entries.set('authors', JSON.stringify(authors))
  entries.set('comments by status', JSON.stringify(comments))
  entries.set('comment settings', JSON.stringify(settings))
  entries.set('redirects', JSON.stringify(await ctx.stores.redirects.all()))
  entries.set('webhooks', JSON.stringify(await ctx.stores.webhooks.listEndpoints()))
  entries.set('pages', JSON.stringify(await ctx.stores.pages.list()))
  entries.set('menus', JSON.stringify(await ctx.stores.menus.list()))
  entries.set('site identity', JSON.stringify(await ctx.stores.settings.get('site_identity')))
  entries.set('two-factor required', String(await ctx.services.twoFactor.isRequired()))
  for (const user of users) {
    entries.set(
      `two-factor ${user.email}`,
      JSON.stringify(await ctx.stores.twoFactor.find(user.id)),
    )
  }
  for (const thread of threads) entries.set(`thread ${thread.slug}`, JSON.stringify(thread))
  // Tables with a row per article are read whole, in one query each: a store call per
  // article made the snapshot grow with the square of the articles the matrix creates.
  const headlines = new Map(articles.map((article) => [article.id, article.headline]))
  for (const row of await rawRows<{ thread_id: string; position: number }>(
    ctx,
    'select * from thread_articles order by thread_id, position',
  )) {
    entries.set(`thread ${row.thread_id} article ${row.position}`, JSON.stringify(row))
  }
  for (const item of media) entries.set(`image ${item.fileName}`, JSON.stringify(item))
  for (const row of await rawRows<{ id: string; article_id: string }>(
    ctx,
    'select * from preview_links order by id',
  )) {
    const article = headlines.get(row.article_id) ?? row.article_id
    entries.set(`preview link ${row.id} of "${article}"`, JSON.stringify(row))
  }
  for (const user of users) {
    // Last use moves with every call a token makes: what it may do is the rest.
    const tokens = await ctx.stores.apiTokens.listForUser(user.id)
    entries.set(
      `api tokens of ${user.email}`,
      JSON.stringify(tokens.map(({ lastUsedAt: _, ...token }) => token)),
    )
  }
  entries.set(
    'author profiles',
    JSON.stringify(await ctx.stores.authors.list({ limit: 100_000, offset: 0 })),
  )
  entries.set('tags', JSON.stringify(await ctx.stores.tags.list({ limit: 100_000, offset: 0 })))
  return entries
}

/** What differs between two snapshots, in words. */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()])
  return [...keys]
    .filter((key) => before.get(key) !== after.get(key))
    .map((key) => `${key}: ${before.get(key) ?? '(none)'} → ${after.get(key) ?? '(gone)'}`)
}
