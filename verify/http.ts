// Requests exactly as written (no URL clean-up, no redirects followed), over a
// keep-alive pool, a few at a time: what a scanner sends.
import { Agent, request } from 'node:http'

export interface RawRequest {
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
}

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 })

/**
 * Sends one request. A kept-alive connection the server closed just as it was
 * reused (after answering 431 or 413, say) fails before the server saw the
 * request: such a request is sent once more on a connection of its own. A
 * second failure is the server's.
 */
export async function send(baseUrl: string, raw: RawRequest): Promise<RawAnswer> {
  try {
    return await sendOn(baseUrl, raw, agent)
  } catch {
    return sendOn(baseUrl, raw, false)
  }
}

function sendOn(baseUrl: string, raw: RawRequest, via: Agent | false): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        method: raw.method,
        path: raw.path,
        headers: raw.headers,
        agent: via,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(raw.body)
  })
}

/** Runs `work` over `items`, `width` at a time, in order of the items. */
export async function inBatches<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
  return results
}
