// Shared steps of the webhook tests: a story written and moved through the
// real services, and an endpoint registered for a receiver.
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import type { ArticleInput } from '../../src/domain/articles/article-writes.js'
import { WEBHOOK_EVENTS } from '../../src/domain/webhooks/webhook.js'
import type { AppContext } from '../../src/context.js'
import type { WebhookReceiver } from './webhook-receiver.js'

let counter = 0

export function storyInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: `Night trains return to the coast line ${++counter}`,
    standfirst: 'The sleeper runs three nights a week from March.',
    dateline: 'OSLO, NORWAY',
    body: 'The night train returns in March.\n\nTickets go on sale on Friday.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Kari Nordmann'],
    tags: ['Rail'],
    slug: '',
    ...overrides,
  }
}

/** A story written and published at once, as the newsroom's "Publish now" does. */
export function publishStory(ctx: AppContext, overrides: Partial<ArticleInput> = {}) {
  return ctx.services.editing.createDraft(COMMAND_LINE, storyInput(overrides), {
    move: 'publish',
  })
}

/** Registers the receiver for `events` (every one by default) and gives it the secret. */
export async function registerReceiver(
  ctx: AppContext,
  receiver: WebhookReceiver,
  events: readonly string[] = WEBHOOK_EVENTS,
) {
  const { endpoint, secret } = await ctx.services.webhooks.create(COMMAND_LINE, {
    url: receiver.url,
    description: 'Test receiver',
    events,
    enabled: true,
  })
  receiver.secret = secret
  return endpoint
}

export type { Article }
