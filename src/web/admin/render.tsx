import type { FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { SiteContext, type SiteInfo } from '../ui/site.js'
import { AdminContext } from './admin-context.js'
import { csrfToken } from './session.js'
import { AdminLayout, type AdminMeta } from './views/admin-layout.js'

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a newsroom page in the newsroom layout and sends it, never cached. */
    admin(content: VNode, meta: AdminMeta & { status?: number }): FastifyReply
  }
}

/** Registered inside the admin plugin only (fastify-plugin shares it with the admin scope, not the site). */
export const adminRenderPlugin = fp<{ site: SiteInfo; secureCookies: boolean }>(
  async (app, { site, secureCookies }) => {
    app.decorateReply(
      'admin',
      function admin(this: FastifyReply, content: VNode, meta: AdminMeta & { status?: number }) {
        const { status = 200, ...rest } = meta
        const csrf = csrfToken(this.request, this, secureCookies)
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
