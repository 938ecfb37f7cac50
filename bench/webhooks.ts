// `npm run bench:webhooks`: 1,000 publishes through the Admin API of the built
// server (a real process), each an article.published delivery to a local
// receiver that verifies every signature with the Standard Webhooks library.
// Midway the server is killed with SIGKILL and started again. Every published
// article must reach the receiver: none lost. A delivery the dead process had
// sent but not yet recorded is sent again once its lease runs out (receivers
// drop repeats by webhook-id, as the specification says); repeats are counted.
// BENCH_WEBHOOKS=N publishes N instead; DATABASE=postgres uses TEST_POSTGRES_URL.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { Webhook } from 'standardwebhooks'
import { COMMAND_LINE } from '../src/domain/access/policy.js'
import { WEBHOOK_EVENTS } from '../src/domain/webhooks/webhook.js'
import { inBatches, send } from '../verify/http.js'
import { startProductionSite } from '../verify/site.js'

const COUNT = Number(process.env.BENCH_WEBHOOKS ?? 1000)
const dialect = process.env.DATABASE === 'postgres' ? 'postgres' : 'sqlite'

interface Receiver {
  url: string
  secret: string
  /** Article id → how many times its article.published arrived (a re-send keeps its webhook-id). */
  published: Map<string, number>
  requests: number
  rejected: number
  close(): void
}

async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    secret: '',
    published: new Map(),
    requests: 0,
    rejected: 0,
    close: () => server.close(),
  }
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    request.on('end', () => {
      receiver.requests++
      try {
        const headers = request.headers as Record<string, string>
        const event = new Webhook(receiver.secret).verify(body, headers) as {
          type: string
          data: { id: string }
        }
        if (event.type === 'article.published') {
          receiver.published.set(event.data.id, (receiver.published.get(event.data.id) ?? 0) + 1)
        }
        response.writeHead(204).end()
      } catch {
        receiver.rejected++
        response.writeHead(401).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  return receiver
}

const site = await startProductionSite(dialect, { WEBHOOK_ALLOW_LOOPBACK: 'true' })
const receiver = await startReceiver()
try {
  const { ctx } = site
  const { secret } = await ctx.services.webhooks.create(COMMAND_LINE, {
    url: receiver.url,
    description: 'bench',
    events: WEBHOOK_EVENTS,
    enabled: true,
  })
  receiver.secret = secret
  const { user } = await ctx.services.accounts.createUser(COMMAND_LINE, {
    email: 'bench@news.example',
    displayName: 'Bench',
    role: 'editor',
    password: 'a long enough bench password',
  })
  const { token } = await ctx.services.apiTokens.create(COMMAND_LINE, {
    userId: user.id,
    name: 'bench',
  })
  const drafts: string[] = []
  for (let index = 0; index < COUNT; index++) {
    const draft = await ctx.services.editing.createDraft(COMMAND_LINE, {
      headline: `Bench story ${index}`,
      standfirst: 'A story published by the webhook benchmark.',
      dateline: 'OSLO',
      body: 'The benchmark publishes this story.',
      keyPoints: [],
      sectionSlug: 'news',
      bylines: ['Bench Writer'],
      tags: [],
      slug: '',
    })
    drafts.push(draft.id)
  }

  const publish = async (id: string): Promise<boolean> => {
    const answer = await send(site.url, {
      method: 'POST',
      path: `/api/v1/admin/articles/${id}/transitions`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, to: 'published' }),
    }).catch(() => undefined)
    return answer?.status === 200
  }

  const started = performance.now()
  let acknowledged = 0
  let killing: Promise<void> | undefined
  const first = drafts.slice(0, COUNT)
  await inBatches(first, 8, async (id) => {
    if (killing) return
    if (await publish(id)) acknowledged++
    if (acknowledged >= COUNT / 2) killing ??= site.kill?.()
  })
  await killing
  const beforeKill = acknowledged
  const deliveredBeforeKill = receiver.published.size
  await site.restart?.()
  // What the killed server left unpublished (never sent, or sent and not answered).
  const left: string[] = []
  for (const id of drafts) {
    if ((await ctx.stores.articles.findById(id))?.status !== 'published') left.push(id)
  }
  await inBatches(left, 8, async (id) => {
    if (await publish(id)) acknowledged++
  })
  let published = 0
  for (const id of drafts) {
    if ((await ctx.stores.articles.findById(id))?.status === 'published') published++
  }
  const publishMs = performance.now() - started

  // Deliveries the killed process had claimed wait for their lease (30 s) to run out.
  const deadline = performance.now() + 180_000
  while (receiver.published.size < published && performance.now() < deadline) await sleep(200)
  const allMs = performance.now() - started
  const repeats = [...receiver.published.values()].reduce((sum, times) => sum + times - 1, 0)
  console.log(
    JSON.stringify(
      {
        dialect,
        publishes: COUNT,
        acknowledgedBeforeKill: beforeKill,
        deliveredBeforeKill,
        published,
        delivered: receiver.published.size,
        lost: published - receiver.published.size,
        sentAgainAfterTheKill: repeats,
        rejectedSignatures: receiver.rejected,
        requests: receiver.requests,
        publishSeconds: Math.round(publishMs / 100) / 10,
        allDeliveredSeconds: Math.round(allMs / 100) / 10,
      },
      null,
      2,
    ),
  )
  if (published !== COUNT || receiver.published.size !== published || receiver.rejected > 0) {
    process.exitCode = 1
  }
} finally {
  receiver.close()
  await site.close()
}
