import {
  WEBHOOK_EVENTS,
  WEBHOOK_LIMITS,
  type WebhookEvent,
} from '../../../domain/webhooks/webhook.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field } from './form-parts.js'

/** What the endpoint form holds: as typed, so that a refused form comes back intact. */
export interface WebhookValues {
  url: string
  description: string
  events: readonly string[]
  enabled: boolean
}

const EVENT_LABELS: Record<WebhookEvent, string> = {
  'article.published': 'An article is published',
  'article.updated': 'A published article is saved',
  'article.unpublished': 'An article is unpublished',
  'article.corrected': 'A correction is added to a published article',
  'article.deleted': 'An article that was once published is deleted',
  'comment.held': "A reader's comment is held for moderation",
  'comment.published': "A reader's comment is shown",
}

/** The form that adds an endpoint, or changes one (`action` says which). */
export function WebhookForm({
  action,
  values,
  problem,
  submit,
}: {
  action: string
  values: WebhookValues
  problem?: Problem
  submit: string
}) {
  const eventsError = problem?.field === 'events' ? problem.message : undefined
  return (
    <form method="post" action={action} class="stack-form">
      <CsrfField />
      <Field
        id="url"
        label="Address"
        hint="Where events are sent, as an HTTPS POST. Private and internal addresses are refused."
        problem={problem}
      >
        <input
          id="url"
          name="url"
          type="url"
          required
          maxLength={WEBHOOK_LIMITS.url}
          value={values.url}
          aria-describedby={describedBy('url', { hint: true, problem })}
        />
      </Field>
      <Field id="description" label="Description (optional)" problem={problem}>
        <input
          id="description"
          name="description"
          type="text"
          maxLength={WEBHOOK_LIMITS.description}
          value={values.description}
          aria-describedby={describedBy('description', { problem })}
        />
      </Field>
      <fieldset class={eventsError ? 'field has-error' : 'field'}>
        <legend>Events</legend>
        {eventsError && (
          <p class="field-error" id="events-error">
            {eventsError}
          </p>
        )}
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} class="check">
            <input
              type="checkbox"
              name="events"
              value={event}
              checked={values.events.includes(event)}
            />{' '}
            <code>{event}</code>: {EVENT_LABELS[event]}
          </label>
        ))}
      </fieldset>
      <label class="check">
        <input type="checkbox" name="enabled" value="yes" checked={values.enabled} /> Enabled: send
        events to this address
      </label>
      <button type="submit">{submit}</button>
    </form>
  )
}

/** A secret, shown once: after a webhook is added, or its secret replaced. */
export function SecretOnce({ secret }: { secret: string }) {
  return (
    <div class="notice-ok" role="status">
      <p>
        The signing secret is below. Copy it now: it is not shown again. Receivers check each
        event’s <code>webhook-signature</code> with it.
      </p>
      <p>
        <code class="secret">{secret}</code>
      </p>
    </div>
  )
}
