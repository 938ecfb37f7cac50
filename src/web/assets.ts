import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'

/** A static file held in memory with its compressed variants. */
export interface Asset {
  /** Hashed public path, e.g. /assets/site.3f2a9c1e.css */
  path: string
  contentType: string
  etag: string
  identity: Buffer
  gzip: Buffer | undefined
  br: Buffer | undefined
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

const COMPRESSIBLE = new Set(['.css', '.js', '.svg'])

const loaded = new Map<string, ReadonlyMap<string, Asset>>()

/**
 * Reads every file in `dir` once, at start-up. Each gets a content-hashed
 * path, so it can be cached forever and a changed file gets a new URL.
 * Compressing them is most of the work of building the app, so every app
 * built in one process (a test run builds hundreds) shares one reading.
 */
export function loadAssets(dir: string): ReadonlyMap<string, Asset> {
  let assets = loaded.get(dir)
  if (!assets) {
    assets = readAssets(dir)
    loaded.set(dir, assets)
  }
  return assets
}

function readAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const name of readdirSync(dir).sort()) {
    const extension = extname(name)
    const contentType = CONTENT_TYPES[extension]
    if (!contentType) continue
    const identity = readFileSync(join(dir, name))
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 10)
    const compressible = COMPRESSIBLE.has(extension)
    assets.set(name, {
      path: `/assets/${name.slice(0, -extension.length)}.${hash}${extension}`,
      contentType,
      // Weak: the identity, gzip and brotli bodies are one representation, byte-different.
      etag: `W/"${hash}"`,
      identity,
      gzip: compressible ? compressedForm('gzip', join(dir, name), identity) : undefined,
      br: compressible ? compressedForm('br', join(dir, name), identity) : undefined,
    })
  }
  return assets
}

/** How each stored form is made (at the highest level) and read back. */
const ENCODINGS = {
  gzip: {
    suffix: '.gz',
    compress: (data: Buffer) => gzipSync(data, { level: 9 }),
    decompress: gunzipSync,
  },
  br: {
    suffix: '.br',
    compress: (data: Buffer) => brotliCompressSync(data),
    decompress: brotliDecompressSync,
  },
}
type Encoding = keyof typeof ENCODINGS

/**
 * A file's compressed form at the highest level: the one `npm run build`
 * wrote beside it (`site.css.gz`, `site.css.br`) when that is still this
 * file's (it decompresses to the same bytes), else made now. Made at
 * start-up, brotli's highest quality took a second for the editor's bundle
 * alone, and gzip's a fifth of what was left of reading the assets.
 */
function compressedForm(encoding: Encoding, file: string, identity: Buffer): Buffer {
  const { suffix, compress, decompress } = ENCODINGS[encoding]
  const prebuilt = file + suffix
  if (existsSync(prebuilt)) {
    const compressed = readFileSync(prebuilt)
    try {
      if (decompress(compressed).equals(identity)) return compressed
    } catch {
      // Not in that encoding after all: made again below.
    }
  }
  return compress(identity)
}

/** Writes each compressible file's gzip and brotli forms beside it (`npm run build`): servers start without making them. */
export function precompressAssets(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!COMPRESSIBLE.has(extname(name))) continue
    const file = join(dir, name)
    const identity = readFileSync(file)
    for (const encoding of ['gzip', 'br'] as const) {
      writeFileSync(file + ENCODINGS[encoding].suffix, compressedForm(encoding, file, identity))
    }
  }
}

/**
 * The folder of the site's static files, beside src/ and dist/: found from
 * the project's package.json above this module, wherever the module is (in
 * src/web, dist/web, or a chunk of the bundle shared with code loaded later).
 */
export const ASSETS_DIR = projectFolder('assets/')

function projectFolder(name: string): URL {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    if (existsSync(new URL('package.json', dir))) return new URL(name, dir)
    if (dir.pathname === '/') throw new Error(`no package.json above ${import.meta.url}`)
  }
}
