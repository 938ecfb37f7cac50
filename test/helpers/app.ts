import type { TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { parse, type HTMLElement } from 'node-html-parser'
import { buildApp } from '../../src/web/app.js'
import type { AppContext } from '../../src/context.js'
import { createTestContext } from './context.js'
import type { DialectName } from './dialects.js'

export interface TestServer {
  /** Base URL of the running app, e.g. http://127.0.0.1:41234 */
  url: string
  /** The app itself, for what only a test looks at (app.pageCache). */
  app: FastifyInstance
  get(path: string, init?: RequestInit): Promise<Response>
  /** GETs a page and parses its HTML. */
  page(
    path: string,
    init?: RequestInit,
  ): Promise<{ response: Response; html: string; document: HTMLElement }>
}

/** Starts the real app on a free loopback port; tests talk to it over HTTP. */
export async function startTestServer(t: TestContext, ctx: AppContext): Promise<TestServer> {
  const app = await buildApp(ctx, { logger: false })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.after(() => app.close())
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('the test server has no address')
  const url = `http://127.0.0.1:${address.port}`
  const get = (path: string, init: RequestInit = {}) =>
    fetch(url + path, { redirect: 'manual', ...init })
  return {
    url,
    app,
    get,
    async page(path, init) {
      const response = await get(path, init)
      const html = await response.text()
      return { response, html, document: parse(html) }
    },
  }
}

/**
 * A site with the page cache off, so that every GET renders, and the text of
 * every statement it runs, in order (tests clear it between steps).
 */
export async function startUncachedSite(t: TestContext, dialect: DialectName) {
  const statements: string[] = []
  const ctx = await createTestContext(
    t,
    dialect,
    { PAGE_CACHE_MB: '0' },
    { onQuery: (sql) => statements.push(sql) },
  )
  const server = await startTestServer(t, ctx)
  return { ctx, server, queries: () => statements.length, statements }
}
