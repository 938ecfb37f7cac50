import { request } from 'node:http'
import { parse, type HTMLElement } from 'node-html-parser'

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text: string
  document: HTMLElement
}

/**
 * One request exactly as written: no URL normalisation (fetch would resolve
 * "..", and re-encode odd bytes), no decompression, no redirects.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const buffer = Buffer.concat(chunks)
        const text = buffer.toString('utf8')
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: buffer,
          text,
          document: parse(text),
        })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** A header as one string ('' when absent). */
export function header(response: RawResponse, name: string): string {
  const value = response.headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(', ') : (value ?? '')
}
