// Webhook events from the real services, written to the outbox in the
// changing transaction, delivered to a real local receiver that checks every
// signature with the Standard Webhooks reference library.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { ValidationError } from '../../src/domain/errors.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { inputOf } from '../helpers/factories.js'
import { postComment } from '../helpers/comments.js'
import { startWebhookReceiver } from '../helpers/webhook-receiver.js'
import { publishStory, registerReceiver, storyInput } from '../helpers/webhooks.js'

const LOOPBACK = { WEBHOOK_ALLOW_LOOPBACK: 'true' }

for (const dialect of testDialects()) {
  describe(`webhook events (${dialect})`, () => {
    test('every article and comment event reaches the receiver, signed, once', async (t) => {
      const ctx = await createTestContext(t, dialect, LOOPBACK)
      const receiver = await startWebhookReceiver(t, ctx.clock)
      await registerReceiver(ctx, receiver)
      const { editing, workflow, comments } = ctx.services

      const published = await publishStory(ctx)
      const updated = await editing.save(
        COMMAND_LINE,
        published.id,
        inputOf(published, { standfirst: 'The sleeper runs four nights a week.' }),
        { baseVersion: published.version },
      )
      const corrected = await editing.save(
        COMMAND_LINE,
        published.id,
        inputOf(updated, { body: 'The night train returns in April.' }),
        { baseVersion: updated.version, correction: 'The train returns in April, not March.' },
      )
      const unpublished = await workflow.transition(COMMAND_LINE, published.id, {
        transition: 'unpublish',
        baseVersion: corrected.version,
      })
      await editing.remove(COMMAND_LINE, published.id)
      // A draft's life is nobody else's news.
      const draft = await editing.createDraft(COMMAND_LINE, storyInput())
      await editing.remove(COMMAND_LINE, draft.id)

      const other = await publishStory(ctx)
      const comment = await postComment(ctx, { articleId: other.id })
      assert.equal(comment.status, 'pending')
      await comments.moderate(COMMAND_LINE, [comment.id], 'approve')

      assert.equal(await ctx.webhookDelivery.deliverDue(), 8)
      assert.deepEqual(receiver.rejected, [])
      assert.deepEqual(receiver.accepted.map((hook) => hook.body.type).sort(), [
        'article.corrected',
        'article.deleted',
        'article.published',
        'article.published',
        'article.unpublished',
        'article.updated',
        'comment.held',
        'comment.published',
      ])
      const first = receiver.accepted.find(
        (hook) => hook.body.type === 'article.published' && hook.body.data.id === published.id,
      )
      assert.ok(first)
      assert.match(first.id, /^msg_/)
      assert.equal(first.body.timestamp, published.updatedAt.toISOString())
      assert.deepEqual(Object.keys(first.body.data).sort(), ['headline', 'id', 'url', 'version'])
      assert.equal(first.body.data.headline, published.headline)
      assert.match(String(first.body.data.url), /^https:\/\/news\.example\/\d{4}\/\d{2}\/\d{2}\//)
      const versions = receiver.accepted
        .filter((hook) => hook.body.data.id === published.id)
        .map((hook) => [hook.body.type, hook.body.data.version])
      assert.ok(
        versions.some(([type, v]) => type === 'article.unpublished' && v === unpublished.version),
      )
      const held = receiver.accepted.find((hook) => hook.body.type === 'comment.held')
      assert.deepEqual(held?.body.data, { id: comment.id, articleId: other.id, status: 'pending' })
      const approved = receiver.accepted.find((hook) => hook.body.type === 'comment.published')
      assert.deepEqual(approved?.body.data, {
        id: comment.id,
        articleId: other.id,
        status: 'approved',
      })
      // Delivered means done: nothing is sent twice.
      assert.equal(await ctx.webhookDelivery.deliverDue(), 0)
      assert.equal(receiver.requests, 8)
    })

    test('an endpoint hears only its events; a disabled one hears nothing', async (t) => {
      const ctx = await createTestContext(t, dialect, LOOPBACK)
      const receiver = await startWebhookReceiver(t, ctx.clock)
      const endpoint = await registerReceiver(ctx, receiver, ['article.unpublished'])
      const article = await publishStory(ctx)
      assert.equal(await ctx.webhookDelivery.deliverDue(), 0)
      await ctx.services.webhooks.update(COMMAND_LINE, endpoint.id, {
        url: endpoint.url,
        description: '',
        events: ['article.published'],
        enabled: false,
      })
      await publishStory(ctx)
      assert.equal(await ctx.webhookDelivery.deliverDue(), 0)
      assert.equal(receiver.requests, 0)
      assert.ok(article)
    })

    test('a change that is refused writes no event', async (t) => {
      const ctx = await createTestContext(t, dialect, LOOPBACK)
      const receiver = await startWebhookReceiver(t, ctx.clock)
      await registerReceiver(ctx, receiver)
      const article = await publishStory(ctx)
      await ctx.webhookDelivery.deliverDue()
      await assert.rejects(
        ctx.services.editing.save(COMMAND_LINE, article.id, inputOf(article, { headline: 'X' }), {
          baseVersion: article.version - 1,
        }),
      )
      assert.equal(await ctx.webhookDelivery.deliverDue(), 0)
      assert.equal(receiver.accepted.length, 1)
    })

    test('targets at private, link-local and (without the flag) loopback addresses are refused', async (t) => {
      const strict = await createTestContext(t, dialect)
      for (const url of [
        'http://10.0.0.7/hooks',
        'http://192.168.1.1/hooks',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]:8080/hooks',
        'http://127.0.0.1:9/hooks',
        'http://[fd00::1]/hooks',
      ]) {
        await assert.rejects(
          strict.services.webhooks.create(COMMAND_LINE, {
            url,
            description: '',
            events: ['article.published'],
            enabled: true,
          }),
          (error: unknown) =>
            error instanceof ValidationError &&
            error.field === 'url' &&
            /cannot be called/.test(error.message),
          url,
        )
      }
      // A name that resolves to loopback passes registration but is refused when sent.
      const { endpoint } = await strict.services.webhooks.create(COMMAND_LINE, {
        url: 'http://localhost:9/hooks',
        description: '',
        events: ['article.published'],
        enabled: true,
      })
      await publishStory(strict)
      assert.equal(await strict.webhookDelivery.deliverDue(), 1)
      const { deliveries } = await strict.services.webhooks.get(COMMAND_LINE, endpoint.id)
      assert.equal(deliveries[0]?.status, 'pending')
      assert.equal(deliveries[0]?.lastStatusCode, null)
      assert.match(deliveries[0]?.lastResponse ?? '', /^Not sent: .*loopback/)
    })
  })
}
