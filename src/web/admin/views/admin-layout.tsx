import type { ComponentChildren } from 'preact'
import { can } from '../../../domain/access/policy.js'
import { actorOf } from '../../../domain/accounts/account-service.js'
import { useSite } from '../../ui/site.js'
import { useAdmin } from '../admin-context.js'

/** The hidden field every state-changing form carries. */
export function CsrfField() {
  const { csrf } = useAdmin()
  return <input type="hidden" name="_csrf" value={csrf} />
}

export interface AdminMeta {
  title: string
  /** Which item of the newsroom navigation is current. */
  area?:
    | 'dashboard'
    | 'new'
    | 'media'
    | 'comments'
    | 'threads'
    | 'users'
    | 'sections'
    | 'settings'
    | 'audit'
    | 'account'
    | 'authors'
    | 'tags'
    | 'redirects'
    | 'front-page'
    | 'pages'
    | 'menus'
    | 'profile'
    | 'webhooks'
  /** The page chooses library images: it loads the media script (picker, upload, drop). */
  images?: boolean
  /** The article editor: it loads the rich-text editor over the body's textarea. */
  editor?: boolean
}

function NavLink({
  href,
  current,
  children,
}: {
  href: string
  current: boolean
  children: ComponentChildren
}) {
  return (
    <li>
      <a href={href} aria-current={current ? 'page' : undefined}>
        {children}
      </a>
    </li>
  )
}

/** The newsroom's page: its own header and navigation, no public chrome. */
export function AdminLayout({ meta, children }: { meta: AdminMeta; children: ComponentChildren }) {
  const site = useSite()
  const { user } = useAdmin()
  const actor = user && actorOf(user)
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${meta.title} · Newsroom · ${site.name}`}</title>
        <link rel="stylesheet" href={site.adminStylesheet} />
        <link rel="stylesheet" href={site.deskStylesheet} />
        <link rel="icon" href={site.favicon} type="image/svg+xml" />
        <script src={site.adminScript} defer />
        <script src={site.deskScript} defer />
        {(meta.area === 'media' || meta.images) && <script src={site.mediaScript} defer />}
        {meta.editor && <script src={site.editorScript} defer />}
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-header">
          <a class="brand" href="/admin">
            {site.name} <span>Newsroom</span>
          </a>
          {actor && (
            <nav aria-label="Newsroom">
              <ul>
                <NavLink href="/admin" current={meta.area === 'dashboard'}>
                  Dashboard
                </NavLink>
                <NavLink href="/admin/articles/new" current={meta.area === 'new'}>
                  New article
                </NavLink>
                {can(actor, 'frontpage:arrange') && (
                  <NavLink href="/admin/front-page" current={meta.area === 'front-page'}>
                    Front page
                  </NavLink>
                )}
                {can(actor, 'media:upload') && (
                  <NavLink href="/admin/media" current={meta.area === 'media'}>
                    Media
                  </NavLink>
                )}
                {can(actor, 'pages:manage') && (
                  <NavLink href="/admin/pages" current={meta.area === 'pages'}>
                    Pages
                  </NavLink>
                )}
                {can(actor, 'menus:manage') && (
                  <NavLink href="/admin/menus" current={meta.area === 'menus'}>
                    Menus
                  </NavLink>
                )}
                {can(actor, 'authors:manage') && (
                  <NavLink href="/admin/authors" current={meta.area === 'authors'}>
                    Authors
                  </NavLink>
                )}
                {can(actor, 'articles:edit-any') && (
                  <NavLink href="/admin/tags" current={meta.area === 'tags'}>
                    Tags
                  </NavLink>
                )}
                {can(actor, 'comments:moderate') && (
                  <NavLink href="/admin/comments" current={meta.area === 'comments'}>
                    Comments
                  </NavLink>
                )}
                {can(actor, 'threads:manage') && (
                  <NavLink href="/admin/threads" current={meta.area === 'threads'}>
                    Threads
                  </NavLink>
                )}
                {can(actor, 'users:manage') && (
                  <NavLink href="/admin/users" current={meta.area === 'users'}>
                    Users
                  </NavLink>
                )}
                {can(actor, 'sections:manage') && (
                  <NavLink href="/admin/sections" current={meta.area === 'sections'}>
                    Sections
                  </NavLink>
                )}
                {can(actor, 'redirects:manage') && (
                  <NavLink href="/admin/redirects" current={meta.area === 'redirects'}>
                    Redirects
                  </NavLink>
                )}
                {can(actor, 'settings:manage') && (
                  <NavLink href="/admin/settings" current={meta.area === 'settings'}>
                    Settings
                  </NavLink>
                )}
                {can(actor, 'webhooks:manage') && (
                  <NavLink href="/admin/webhooks" current={meta.area === 'webhooks'}>
                    Webhooks
                  </NavLink>
                )}
                {can(actor, 'audit:view') && (
                  <NavLink href="/admin/audit" current={meta.area === 'audit'}>
                    Audit log
                  </NavLink>
                )}
                <NavLink href="/admin/account" current={meta.area === 'account'}>
                  {user.displayName}
                </NavLink>
                <li>
                  <a href="/">View site</a>
                </li>
              </ul>
              <form method="post" action="/admin/logout" class="inline">
                <CsrfField />
                <button type="submit" class="link">
                  Sign out
                </button>
              </form>
            </nav>
          )}
        </header>
        <main id="main" class="admin-main">
          {children}
        </main>
      </body>
    </html>
  )
}
