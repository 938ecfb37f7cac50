import type { FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { SiteContext, type SiteInfo } from '../ui/site.js'
import { AdminContext } from './admin-context.js'
import { AdminLayout, type AdminMeta } from './views/admin-layout.js'

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a newsroom page in the newsroom layout and sends it, never cached. */
    admin(content: VNode, meta: AdminMeta & { status?: number }): FastifyReply
  }
}

/** Registered inside the admin plugin only (fastify-plugin shares it with the admin scope, not the site). */
export const adminRenderPlugin = fp<{ site: SiteInfo }>(
  async (app, { site }) => {
    app.decorateReply(
      'admin',
      function admin(this: FastifyReply, content: VNode, meta: AdminMeta & { status?: number }) {
        const { status = 200, ...rest } = meta
        // Empty when the request was refused before its session was looked up (another site's).
        const csrf = this.request.csrfToken
        const html = `<!doctype html>${renderToString(
          <SiteContext.Provider value={site}>
            <AdminContext.Provider value={{ user: this.request.user, csrf }}>
              <AdminLayout meta={rest}>{content}</AdminLayout>
            </AdminContext.Provider>
          </SiteContext.Provider>,
        )}`
        return this.code(status).type('text/html; charset=utf-8').send(html)
      },
    )
  },
  { name: 'admin-render' },
)
