import type { WebhookEndpoint } from '../../../domain/webhooks/webhook.js'
import type { WebhookDelivery } from '../../../domain/webhooks/webhook-store.js'
import type { Problem } from '../../plugins/problems.js'
import { DateTime } from '../../ui/date-time.js'
import { CsrfField } from './admin-layout.js'
import { Notice, ProblemBanner } from './form-parts.js'
import { SecretOnce, WebhookForm, type WebhookValues } from './webhook-form.js'

const BLANK: WebhookValues = { url: '', description: '', events: [], enabled: true }

export interface WebhooksPageProps {
  endpoints: readonly WebhookEndpoint[]
  values?: WebhookValues
  problem?: Problem
  notice?: string
  /** Just made: shown this once. */
  secret?: string
}

/** /admin/webhooks: every endpoint, and the form that adds one. */
export function WebhooksPage({ endpoints, values, problem, notice, secret }: WebhooksPageProps) {
  return (
    <>
      <h1>Webhooks</h1>
      <p>
        Other systems hear of published articles and comments as they happen: each event is sent,
        signed as Standard Webhooks describes, to every address that asks for it, and tried again
        for a day if the address does not answer.
      </p>
      <Notice notice={notice} />
      {secret && <SecretOnce secret={secret} />}
      <ProblemBanner problem={problem} />
      {endpoints.length === 0 ? (
        <p>There are no webhooks yet.</p>
      ) : (
        <table class="stacks">
          <caption>{endpoints.length} webhook(s)</caption>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td data-label="Address">
                  <a href={`/admin/webhooks/${endpoint.id}`}>{endpoint.url}</a>
                  {endpoint.description && <p class="hint">{endpoint.description}</p>}
                </td>
                <td data-label="Events">{endpoint.events.join(', ')}</td>
                <td data-label="State">{endpoint.enabled ? 'Enabled' : 'Disabled'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Add a webhook</h2>
      <WebhookForm
        action="/admin/webhooks"
        values={values ?? BLANK}
        problem={values ? problem : undefined}
        submit="Add webhook"
      />
    </>
  )
}

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <tr>
      <td data-label="Event">
        <code>{delivery.event}</code>
        <br />
        <DateTime date={delivery.createdAt} withTime />
      </td>
      <td data-label="State">{delivery.status}</td>
      <td data-label="Attempts">{delivery.attempts}</td>
      <td data-label="Answer">
        {delivery.lastStatusCode ?? '—'}
        {delivery.lastResponse && <pre class="excerpt">{delivery.lastResponse}</pre>}
      </td>
      <td data-label="Next try">
        {delivery.status === 'pending' ? <DateTime date={delivery.nextAttemptAt} withTime /> : '—'}
      </td>
    </tr>
  )
}

export interface WebhookPageProps {
  endpoint: WebhookEndpoint
  deliveries: readonly WebhookDelivery[]
  values?: WebhookValues
  problem?: Problem
  notice?: string
  secret?: string
}

/** One endpoint: its settings, its buttons, and its delivery log. */
export function WebhookPage({
  endpoint,
  deliveries,
  values,
  problem,
  notice,
  secret,
}: WebhookPageProps) {
  const base = `/admin/webhooks/${endpoint.id}`
  return (
    <>
      <p>
        <a href="/admin/webhooks">All webhooks</a>
      </p>
      <h1>Webhook: {endpoint.url}</h1>
      <Notice notice={notice} />
      {secret && <SecretOnce secret={secret} />}
      <ProblemBanner problem={problem} />
      <WebhookForm action={base} values={values ?? endpoint} problem={problem} submit="Save" />
      <h2>Actions</h2>
      <form method="post" action={`${base}/test`}>
        <CsrfField />
        <button type="submit">Send a test event</button>
      </form>
      <form method="post" action={`${base}/rotate`}>
        <CsrfField />
        <button type="submit">Replace the secret</button>
      </form>
      <form method="post" action={`${base}/delete`}>
        <CsrfField />
        <button type="submit" class="danger">
          Delete this webhook
        </button>
      </form>
      <h2>Deliveries</h2>
      {deliveries.length === 0 ? (
        <p>Nothing has been sent to this address yet.</p>
      ) : (
        <table class="stacks deliveries">
          <caption>The latest {deliveries.length} deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Next try</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} />
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
