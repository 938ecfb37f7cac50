// The admin's webhooks: endpoints registered, changed, deleted; secrets
// replaced (shown once); a test event; the delivery log. Admins only, audited.
import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import {
  checkEndpointInput,
  newWebhookSecret,
  webhookMessage,
  WEBHOOK_LIMITS,
  type EndpointInput,
  type TargetCheck,
  type WebhookEndpoint,
} from './webhook.js'
import type { WebhookDelivery } from './webhook-store.js'

export type WebhookService = ReturnType<typeof createWebhookService>

/** How many deliveries an endpoint's log shows. */
export const DELIVERY_LOG_LENGTH = 50

export function createWebhookService({
  stores,
  clock,
  newId,
  refusal,
  nudge,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  /** Why a literal address may not be a target (private, loopback…), or null. */
  refusal: TargetCheck
  /** Tells the sender something is waiting (a test event). */
  nudge: () => void
}) {
  const deps = { clock, newId }

  async function existing(tx: Stores, id: string): Promise<WebhookEndpoint> {
    const endpoint = await tx.webhooks.findEndpoint(id)
    if (!endpoint) throw new NotFoundError('webhook_not_found', 'There is no such webhook.')
    return endpoint
  }

  return {
    async list(actor: Actor): Promise<WebhookEndpoint[]> {
      authorize(actor, 'webhooks:manage')
      return stores.webhooks.listEndpoints()
    },

    /** An endpoint and its latest deliveries, newest first. */
    async get(
      actor: Actor,
      id: string,
    ): Promise<{ endpoint: WebhookEndpoint; deliveries: WebhookDelivery[] }> {
      authorize(actor, 'webhooks:manage')
      const endpoint = await existing(stores, id)
      return { endpoint, deliveries: await stores.webhooks.listDeliveries(id, DELIVERY_LOG_LENGTH) }
    },

    /** Registers an endpoint; returns it with its secret, which is shown this once. */
    async create(
      actor: Actor,
      input: EndpointInput,
    ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
      authorize(actor, 'webhooks:manage')
      const checked = checkEndpointInput(input, refusal)
      const secret = newWebhookSecret()
      const id = newId()
      await stores.transaction(async (tx) => {
        if ((await tx.webhooks.countEndpoints()) >= WEBHOOK_LIMITS.endpoints) {
          throw new ConflictError(
            'too_many_webhooks',
            `A site may have at most ${WEBHOOK_LIMITS.endpoints} webhooks.`,
          )
        }
        await tx.webhooks.insertEndpoint({ ...checked, id, secret, createdAt: clock.now() })
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'webhook_created',
          subject: checked.url,
          details: checked.events.join(', '),
        })
      })
      return { endpoint: await existing(stores, id), secret }
    },

    async update(actor: Actor, id: string, input: EndpointInput): Promise<WebhookEndpoint> {
      authorize(actor, 'webhooks:manage')
      const checked = checkEndpointInput(input, refusal)
      await stores.transaction(async (tx) => {
        await existing(tx, id)
        await tx.webhooks.updateEndpoint(id, checked, clock.now())
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'webhook_updated',
          subject: checked.url,
          details: `${checked.enabled ? 'enabled' : 'disabled'}; ${checked.events.join(', ')}`,
        })
      })
      return existing(stores, id)
    },

    /** A new secret at once: the old one stops working. Returned once, never shown again. */
    async rotateSecret(actor: Actor, id: string): Promise<string> {
      authorize(actor, 'webhooks:manage')
      const secret = newWebhookSecret()
      await stores.transaction(async (tx) => {
        const endpoint = await existing(tx, id)
        await tx.webhooks.setSecret(id, secret, clock.now())
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'webhook_secret_rotated',
          subject: endpoint.url,
        })
      })
      return secret
    },

    async remove(actor: Actor, id: string): Promise<void> {
      authorize(actor, 'webhooks:manage')
      await stores.transaction(async (tx) => {
        const endpoint = await existing(tx, id)
        await tx.webhooks.deleteEndpoint(id)
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'webhook_deleted',
          subject: endpoint.url,
        })
      })
    },

    /** Queues a `webhook.test` message to this endpoint alone, enabled or not. */
    async sendTest(actor: Actor, id: string): Promise<void> {
      authorize(actor, 'webhooks:manage')
      await stores.transaction(async (tx) => {
        const endpoint = await existing(tx, id)
        const message = webhookMessage(
          newId(),
          'webhook.test',
          { endpointId: id, sentBy: actor.displayName },
          clock.now(),
        )
        await tx.webhooks.enqueue(message, { endpointId: id })
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'webhook_test_sent',
          subject: endpoint.url,
        })
      })
      nudge()
    },
  }
}
