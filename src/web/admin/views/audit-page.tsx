import type { Paged } from '../../../domain/paging.js'
import type { AuditAction, AuditEvent } from '../../../domain/audit/audit.js'
import { DateTime } from '../../ui/date-time.js'
import { Pagination } from '../../ui/pagination.js'

/** Each recorded action, in words. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  login: 'Signed in',
  login_failed: 'Failed sign-in',
  logout: 'Signed out',
  password_changed: 'Changed password',
  two_factor_enabled: 'Turned on two-factor sign-in',
  two_factor_disabled: 'Turned off two-factor sign-in',
  two_factor_reset: 'Turned off two-factor sign-in for them',
  recovery_codes_generated: 'Made new recovery codes',
  user_created: 'Created user',
  user_updated: 'Renamed user',
  role_changed: 'Changed role',
  user_deactivated: 'Deactivated user',
  user_reactivated: 'Reactivated user',
  article_published: 'Published article',
  article_scheduled: 'Scheduled article',
  article_unpublished: 'Unpublished article',
  article_corrected: 'Corrected article',
  article_deleted: 'Deleted article',
  section_created: 'Created section',
  section_renamed: 'Renamed section',
  sections_reordered: 'Moved section',
  settings_changed: 'Changed site settings',
  comments_moderated: 'Moderated comments',
  commenter_banned: 'Banned commenter',
  thread_created: 'Created story thread',
  thread_renamed: 'Renamed story thread',
  thread_article_added: 'Added article to thread',
  thread_article_removed: 'Removed article from thread',
  thread_reordered: 'Moved article in thread',
  thread_deleted: 'Deleted story thread',
  media_updated: 'Changed image details',
  media_deleted: 'Deleted image',
  author_photo_changed: 'Changed author photo',
  preview_link_created: 'Made a preview link',
  preview_link_revoked: 'Revoked a preview link',
  redirect_saved: 'Saved a redirect',
  redirect_removed: 'Removed a redirect',
  redirects_imported: 'Imported redirects',
  front_page_arranged: 'Arranged the front page',
  front_page_banner_raised: 'Raised a breaking-news banner',
  front_page_banner_lowered: 'Took down the breaking-news banner',
  front_page_sections_changed: "Changed the home page's section blocks",
  section_deleted: 'Deleted section',
  page_created: 'Created page',
  page_saved: 'Saved page',
  page_restored: 'Restored page version',
  page_deleted: 'Deleted page',
  menu_changed: 'Changed menu',
  author_updated: 'Edited author',
  authors_merged: 'Merged authors',
  tags_merged: 'Merged tags',
  site_identity_changed: "Changed the site's identity",
  webhook_created: 'Added a webhook',
  webhook_updated: 'Changed a webhook',
  webhook_deleted: 'Deleted a webhook',
  webhook_secret_rotated: "Replaced a webhook's secret",
  webhook_test_sent: 'Sent a test event to a webhook',
  api_token_created: 'API token created',
  api_token_revoked: 'API token revoked',
  tag_renamed: 'Renamed a tag',
}

function Who({ event }: { event: AuditEvent }) {
  // A failed sign-in is by someone not (yet) known: the email they typed is the subject.
  if (event.action === 'login_failed') return <span class="muted">Not signed in</span>
  if (event.actorId === null) {
    return (
      <>
        {event.actorName} <span class="muted">(system)</span>
      </>
    )
  }
  return <>{event.actorName}</>
}

function details(event: AuditEvent): string {
  if (event.action === 'sections_reordered') return `one place ${event.details}`
  if (event.action === 'password_changed' && event.details === 'reset') return 'reset for them'
  return event.details
}

/** The audit log, newest first, one page at a time. */
export function AuditPage({ events }: { events: Paged<AuditEvent> }) {
  const { items, page, pageCount, total } = events
  return (
    <>
      <h1>Audit log</h1>
      <p>
        Sign-ins and changes to accounts, sections, settings, comments and published articles:{' '}
        {total} event{total === 1 ? '' : 's'}, newest first.
      </p>
      {items.length === 0 ? (
        <p class="empty">Nothing has been recorded yet.</p>
      ) : (
        <table class="audit">
          <caption class="visually-hidden">
            Audit events, page {page} of {pageCount}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Subject</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {items.map((event) => (
              <tr key={event.id} class={`audit-${event.action}`}>
                <td class="when">
                  <DateTime date={event.at} withTime />
                </td>
                <td>
                  <Who event={event} />
                </td>
                <td>{AUDIT_ACTION_LABELS[event.action] ?? event.action}</td>
                <td>{event.subject}</td>
                <td>{details(event)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination path="/admin/audit" page={page} pageCount={pageCount} items="events" />
    </>
  )
}
