// A real webhook receiver on a local port: it checks each request's signature
// with the Standard Webhooks reference library (its `sign`, against the
// headers sent) and keeps what it accepted. Its `verify` would also hold the
// timestamp to the real clock, which tests do not read; the timestamp is held
// to the test clock here instead, with the library's five-minute tolerance.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestContext } from 'node:test'
import { Webhook } from 'standardwebhooks'
import type { Clock } from '../../src/domain/clock.js'

const TOLERANCE_SECONDS = 5 * 60

export interface ReceivedWebhook {
  id: string
  timestamp: number
  headers: IncomingHttpHeaders
  body: { type: string; timestamp: string; data: Record<string, unknown> }
}

export interface WebhookReceiver {
  url: string
  /** Signed with the secret, in the order they arrived. */
  accepted: ReceivedWebhook[]
  /** Requests whose signature or timestamp did not check out, with why. */
  rejected: string[]
  /** Every request, answered or not. */
  requests: number
  /** The secret signatures are checked with (set once the endpoint is registered). */
  secret: string
  /** The status to answer with next (then 204); a queue, so that tests can script failures. */
  answers: number[]
}

function signatureProblem(
  secret: string,
  headers: IncomingHttpHeaders,
  body: string,
  clock: Clock,
): string | null {
  const id = headers['webhook-id']
  const timestamp = headers['webhook-timestamp']
  const signature = headers['webhook-signature']
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') {
    return 'missing headers'
  }
  const seconds = Number(timestamp)
  const now = Math.floor(clock.now().getTime() / 1000)
  if (!Number.isInteger(seconds) || Math.abs(now - seconds) > TOLERANCE_SECONDS) {
    return `timestamp ${timestamp} is not within five minutes of ${now}`
  }
  const expected = new Webhook(secret).sign(id, new Date(seconds * 1000), body)
  return signature.split(' ').includes(expected) ? null : 'no matching signature'
}

export async function startWebhookReceiver(t: TestContext, clock: Clock): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    accepted: [],
    rejected: [],
    requests: 0,
    secret: '',
    answers: [],
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      receiver.requests++
      const body = Buffer.concat(chunks).toString('utf8')
      const problem = signatureProblem(receiver.secret, request.headers, body, clock)
      if (problem) {
        receiver.rejected.push(problem)
        response.writeHead(401).end(problem)
        return
      }
      const status = receiver.answers.shift() ?? 204
      if (status < 300) {
        receiver.accepted.push({
          id: String(request.headers['webhook-id']),
          timestamp: Number(request.headers['webhook-timestamp']),
          headers: request.headers,
          body: JSON.parse(body) as ReceivedWebhook['body'],
        })
      }
      response.writeHead(status, { 'content-type': 'text/plain' }).end(`answered ${status}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  return receiver
}
