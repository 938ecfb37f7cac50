import type { Role } from '../accounts/user.js'
import { ForbiddenError } from '../errors.js'

/**
 * Who is acting. People act as themselves; the scheduler and the command line
 * act as the system, with no user id.
 */
export interface Actor {
  id: string | null
  displayName: string
  role: Role
  /**
   * When a person acting through a session last gave their password
   * (accounts/recent-auth.ts). Absent for callers with no session to ask:
   * the command line, the scheduler, code in the same process.
   */
  authenticatedAt?: Date
  /** 'token': a person acting through an Admin API bearer token, not a session. */
  via?: 'token'
}

export const SCHEDULER: Actor = { id: null, displayName: 'Scheduler', role: 'admin' }
export const COMMAND_LINE: Actor = { id: null, displayName: 'Command line', role: 'admin' }
export const IMPORTER: Actor = { id: null, displayName: 'Import', role: 'admin' }

/** Site-wide permissions. Article-level rules are the functions below. */
export type Permission =
  | 'articles:create'
  | 'articles:edit-any'
  | 'articles:publish'
  | 'articles:delete'
  | 'users:manage'
  | 'sections:manage'
  | 'settings:manage'
  | 'audit:view'
  | 'comments:moderate'
  | 'threads:manage'
  | 'media:upload'
  | 'media:edit-any'
  | 'media:delete'
  | 'authors:manage'
  | 'redirects:manage'
  /** Choosing the lead and top stories, pins, the breaking-news banner, the home page's section blocks. */
  | 'frontpage:arrange'
  | 'pages:manage'
  | 'menus:manage'
  /** Webhook endpoints: where the site's events are sent, with their secrets. */
  | 'webhooks:manage'

/** The whole grant table: every authorization decision starts here. */
const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  contributor: new Set(['articles:create', 'media:upload']),
  editor: new Set([
    'articles:create',
    'articles:edit-any',
    'articles:publish',
    'articles:delete',
    'comments:moderate',
    'threads:manage',
    'media:upload',
    'media:edit-any',
    'media:delete',
    'authors:manage',
    'redirects:manage',
    'frontpage:arrange',
    'pages:manage',
    'menus:manage',
  ]),
  admin: new Set([
    'articles:create',
    'articles:edit-any',
    'articles:publish',
    'articles:delete',
    'users:manage',
    'sections:manage',
    'settings:manage',
    'audit:view',
    'comments:moderate',
    'threads:manage',
    'media:upload',
    'media:edit-any',
    'media:delete',
    'authors:manage',
    'redirects:manage',
    'frontpage:arrange',
    'pages:manage',
    'menus:manage',
    'webhooks:manage',
  ]),
}

export function can(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role].has(permission)
}

/** Throws ForbiddenError unless the actor holds the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new ForbiddenError('forbidden', `Your role (${actor.role}) does not allow this.`)
  }
}

/**
 * What changing what guards an account (a password, a role, two-factor
 * sign-in, an API token) asks of the actor. A session must have given the
 * password recently ('recent-sign-in', accounts/recent-auth.ts). A token is
 * refused outright: it is a long-lived secret that lives in other systems'
 * configuration, cannot type a password, and is exactly what such a check
 * guards against — a leaked token must not be able to take over its user's
 * account or make itself more tokens. Callers with no credential at all (the
 * command line, the scheduler) are trusted as the machine's operator.
 */
export function accountGuardRule(actor: Actor): 'trusted' | 'recent-sign-in' | 'refused' {
  if (actor.via === 'token') return 'refused'
  return actor.authenticatedAt === undefined ? 'trusted' : 'recent-sign-in'
}

/** What the article rules need to know about an article. */
export interface OwnedArticle {
  status: string
  createdBy: string | null
}

export function isOwner(actor: Actor, article: OwnedArticle): boolean {
  return actor.id !== null && article.createdBy === actor.id
}

/** Contributors see their own articles; editors and admins see every article. */
export function canViewArticle(actor: Actor, article: OwnedArticle): boolean {
  return can(actor, 'articles:edit-any') || isOwner(actor, article)
}

/** Contributors edit their own drafts only; editors and admins edit anything. */
export function canEditArticle(actor: Actor, article: OwnedArticle): boolean {
  return can(actor, 'articles:edit-any') || (isOwner(actor, article) && article.status === 'draft')
}

/**
 * Who may show a draft outside the newsroom by a preview link, see its links
 * and revoke them: whoever may edit it (a contributor, their own draft).
 */
export function canSharePreview(actor: Actor, article: OwnedArticle): boolean {
  return canEditArticle(actor, article)
}

/** Contributors edit the images they uploaded; editors and admins edit any. */
export function canEditMedia(actor: Actor, item: { createdBy: string | null }): boolean {
  return (
    can(actor, 'media:edit-any') ||
    (can(actor, 'media:upload') && actor.id !== null && item.createdBy === actor.id)
  )
}
