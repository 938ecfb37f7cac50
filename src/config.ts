import { resolve } from 'node:path'
import { z } from 'zod'
import { MAX_PASSWORD_COST, PASSWORD_COST } from './domain/accounts/password.js'
import { isValidTimeZone } from './text/dates.js'

const MIB = 1024 * 1024
/** Kept memory by default: with the engine's own, a 10,000-article site stays under 200 MB. */
const DEFAULT_MEMORY_MB = 64

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const schema = z.object({
  /** Interface the server binds to. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** TCP port the server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Folder for the SQLite database and other local data. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://user:pass@host:port/db, or file:PATH for SQLite (default: file:DATA_DIR/dateline.db). */
  DATABASE_URL: z.string().min(1).optional(),
  /** PostgreSQL connections per process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Whether PostgreSQL prepares the statements every page runs (off behind a pooler that cannot keep them). */
  DATABASE_PREPARED_STATEMENTS: flag.default(true),
  /** The site's public address, used for absolute links (default: http://HOST:PORT). */
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The publication's name. */
  SITE_NAME: z.string().min(1).max(100).default('The Dateline Courier'),
  /** BCP 47 language of the site's content, for <html lang> and date formats. */
  SITE_LANGUAGE: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 tag such as en or en-GB')
    .default('en'),
  /** IANA time zone in which dates are shown and date lines are read. */
  SITE_TIME_ZONE: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/London')
    .default('UTC'),
  /** Memory for all that is kept to answer faster (page cache, reads, renders), in MiB. */
  MEMORY_MB: z.coerce.number().min(0).max(65_536).default(DEFAULT_MEMORY_MB),
  /** The page cache's part of MEMORY_MB, in MiB (half of it unless set); 0 turns the cache off. */
  PAGE_CACHE_MB: z.coerce.number().min(0).max(65_536).optional(),
  /** Longest a rendered page is served from the cache before it is rendered again. */
  PAGE_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** Cache-Control max-age of public pages (browsers). */
  CACHE_MAX_AGE: z.coerce.number().int().min(0).max(31_536_000).default(60),
  /** Cache-Control s-maxage of public pages (CDNs and shared caches). */
  CACHE_S_MAXAGE: z.coerce.number().int().min(0).max(31_536_000).default(300),
  /** Cache-Control stale-while-revalidate of public pages. */
  CACHE_STALE_WHILE_REVALIDATE: z.coerce.number().int().min(0).max(31_536_000).default(600),
  /** Feeds carry each story's full text (true) or only its summary (false). */
  FEED_FULL_TEXT: flag.default(true),
  /** Content API requests per network per minute that reach the app (cached answers are free). */
  API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Admin API requests per network per minute, counted before the token is checked. */
  ADMIN_API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /** Log verbosity. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Log every request (off by default: a proxy or CDN usually keeps access logs). */
  LOG_REQUESTS: flag.default(false),
  /** Trust X-Forwarded-* headers from a reverse proxy. */
  TRUST_PROXY: flag.default(false),
  /** A newsroom session unused for this many minutes ends (NIST SP 800-63B: about an hour). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(10_080).default(60),
  /** A newsroom session ends this many hours after signing in, however much it is used. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /**
   * scrypt cost of new password hashes, as log2 of N. Raising it costs memory and
   * sign-in time; a cost below the default is refused unless NODE_ENV=test.
   */
  PASSWORD_HASH_COST: z.coerce.number().int().min(1).max(MAX_PASSWORD_COST).default(PASSWORD_COST),
  /** Only `test` matters: it allows the test suite's low PASSWORD_HASH_COST. */
  NODE_ENV: z.string().optional(),
  /** Largest image file the media library accepts, in MiB. */
  MEDIA_MAX_MB: z.coerce.number().min(1).max(200).default(40),
  /** Where readers' pages fetch renditions from (a CDN or the bucket); default: this site's /media. */
  MEDIA_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** An S3 bucket for the media library; without one, files go to DATA_DIR/media. */
  MEDIA_S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name: 3–63 lower-case letters, digits, dots and hyphens',
    )
    .optional(),
  /** The bucket's region. */
  MEDIA_S3_REGION: z.string().min(1).default('us-east-1'),
  /** An S3-compatible service's address (MinIO, R2, …); default: AWS's. */
  MEDIA_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Credentials; without them the AWS SDK's own chain (environment, instance role) is used. */
  MEDIA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** bucket in the path (http://host/bucket/key), as most S3-compatible services want. */
  MEDIA_S3_FORCE_PATH_STYLE: flag.default(false),
  /** Longest a client may take to send a request's headers (slow clients are closed with 408). */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  /** Longest a client may take to send a whole request, body included. */
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** How long an idle keep-alive connection is kept open (above a load balancer's own idle timeout). */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  /**
   * On shutdown, how long requests under way may take to finish before every
   * connection left is closed (a stalled one would otherwise hold the stop up
   * for the whole request timeout). Fractions allowed.
   */
  HTTP_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(10),
  /**
   * Open connections one address may hold; more are closed at once. 0 turns
   * the cap off. Default 256, or 0 with TRUST_PROXY (every connection then
   * comes from the proxy, which should cap clients itself).
   */
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /**
   * Outbound calls (webhooks, media fetched for an import) may go to loopback
   * addresses: for local development and tests. Private, link-local and
   * metadata addresses stay refused whatever this says.
   */
  WEBHOOK_ALLOW_LOOPBACK: flag.default(false),
  /**
   * The secret behind commenters' keyed hashes and signed tokens, kept out of
   * the database. Unset: a key file in DATA_DIR, made on first start. Several
   * app servers on one PostgreSQL database need the same value on each.
   */
  SECRET_KEY: z
    .string()
    .min(32, 'must be at least 32 characters: make one with `openssl rand -base64 32`')
    .max(1024, 'must be at most 1024 characters')
    .optional(),
})

const passwordCostFields = schema.pick({ PASSWORD_HASH_COST: true, NODE_ENV: true })

function productionPasswordCost(vars: z.infer<typeof passwordCostFields>): boolean {
  return vars.PASSWORD_HASH_COST >= PASSWORD_COST || vars.NODE_ENV === 'test'
}

const lowPasswordCost = {
  path: ['PASSWORD_HASH_COST'],
  message: `must be at least ${PASSWORD_COST}: a lower cost makes stolen password hashes cheap to crack, and is for tests only (NODE_ENV=test)`,
  // Checked even when other variables are wrong, so that one message lists every problem.
  when: (payload: { value: unknown }) => passwordCostFields.safeParse(payload.value).success,
}

/** Where the media library keeps its files. */
export type MediaStorageConfig =
  | { driver: 'folder'; dir: string }
  | {
      driver: 's3'
      bucket: string
      region: string
      endpoint: string | undefined
      forcePathStyle: boolean
      /** Undefined: the AWS SDK finds credentials itself. */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined
    }

export interface MediaConfig {
  storage: MediaStorageConfig
  /** Largest upload, in bytes. */
  maxBytes: number
  /** Base URL of renditions on readers' pages, without a trailing slash; undefined: /media on this site. */
  publicUrl: string | undefined
}

export interface Config {
  host: string
  port: number
  dataDir: string
  databaseUrl: string
  databasePoolSize: number
  databasePreparedStatements: boolean
  siteUrl: string
  siteName: string
  siteLanguage: string
  siteTimeZone: string
  /** The budget of every in-memory store (domain/memory-budget.ts); the page cache's part. */
  memoryBytes: number
  pageCacheBytes: number
  pageCacheTtlMs: number
  /** The Cache-Control header of public pages. */
  publicCacheControl: string
  /** Whether feeds carry the full text of stories, or summaries. */
  feedFullText: boolean
  /** Content API requests per network per minute that miss the page cache. */
  apiRequestsPerMinute: number
  adminApiRequestsPerMinute: number
  logLevel: (typeof LOG_LEVELS)[number]
  logRequests: boolean
  trustProxy: boolean
  /** How long a newsroom session may go unused. */
  sessionIdleMs: number
  /** How long a newsroom session lasts at most. */
  sessionAbsoluteMs: number
  /** scrypt cost of new password hashes, log2 of N (domain/accounts/password.ts). */
  passwordHashCost: number
  media: MediaConfig
  /** Slow-client defences of the HTTP server (web/slow-clients.ts). */
  http: {
    headersTimeoutMs: number
    requestTimeoutMs: number
    keepAliveTimeoutMs: number
    shutdownGraceMs: number
    /** 0: no cap. */
    maxConnectionsPerAddress: number
  }
  /** Whether outbound calls may reach loopback addresses (outbound/guarded-fetch.ts). */
  outboundAllowLoopback: boolean
  /** SECRET_KEY when set; otherwise the key file in dataDir is used (secret-key.ts). */
  secretKey: string | undefined
}

/** The settings are wrong; `problems` lists each one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/**
 * Reads the configuration from environment variables. Throws one ConfigError
 * listing every problem; the result is frozen.
 */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = schema.refine(productionPasswordCost, lowPasswordCost).safeParse(present)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    )
  }
  const vars = parsed.data
  if (Boolean(vars.MEDIA_S3_ACCESS_KEY_ID) !== Boolean(vars.MEDIA_S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError([
      'MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY: set both, or neither (to use the AWS SDK’s own credentials)',
    ])
  }
  if (vars.PAGE_CACHE_MB !== undefined && vars.PAGE_CACHE_MB > vars.MEMORY_MB) {
    throw new ConfigError([
      `PAGE_CACHE_MB: must not exceed MEMORY_MB (${vars.MEMORY_MB}), the memory budget it is part of`,
    ])
  }
  const dataDir = resolve(vars.DATA_DIR)
  const displayHost = vars.HOST.includes(':') ? `[${vars.HOST}]` : vars.HOST
  return Object.freeze({
    host: vars.HOST,
    port: vars.PORT,
    dataDir,
    databaseUrl: vars.DATABASE_URL ?? `file:${resolve(dataDir, 'dateline.db')}`,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    databasePreparedStatements: vars.DATABASE_PREPARED_STATEMENTS,
    siteUrl: (vars.SITE_URL ?? `http://${displayHost}:${vars.PORT}`).replace(/\/+$/, ''),
    siteName: vars.SITE_NAME,
    siteLanguage: vars.SITE_LANGUAGE,
    siteTimeZone: vars.SITE_TIME_ZONE,
    memoryBytes: Math.round(vars.MEMORY_MB * MIB),
    pageCacheBytes: Math.round((vars.PAGE_CACHE_MB ?? vars.MEMORY_MB / 2) * MIB),
    pageCacheTtlMs: vars.PAGE_CACHE_TTL_SECONDS * 1000,
    publicCacheControl: `public, max-age=${vars.CACHE_MAX_AGE}, s-maxage=${vars.CACHE_S_MAXAGE}, stale-while-revalidate=${vars.CACHE_STALE_WHILE_REVALIDATE}`,
    feedFullText: vars.FEED_FULL_TEXT,
    apiRequestsPerMinute: vars.API_REQUESTS_PER_MINUTE,
    adminApiRequestsPerMinute: vars.ADMIN_API_REQUESTS_PER_MINUTE,
    logLevel: vars.LOG_LEVEL,
    logRequests: vars.LOG_REQUESTS,
    trustProxy: vars.TRUST_PROXY,
    sessionIdleMs: vars.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: vars.SESSION_ABSOLUTE_HOURS * 3_600_000,
    passwordHashCost: vars.PASSWORD_HASH_COST,
    media: Object.freeze({
      storage: mediaStorage(vars, dataDir),
      maxBytes: Math.round(vars.MEDIA_MAX_MB * 1024 * 1024),
      publicUrl: vars.MEDIA_PUBLIC_URL?.replace(/\/+$/, ''),
    }),
    http: Object.freeze({
      headersTimeoutMs: vars.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: vars.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      keepAliveTimeoutMs: vars.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
      shutdownGraceMs: vars.HTTP_SHUTDOWN_GRACE_SECONDS * 1000,
      maxConnectionsPerAddress: vars.MAX_CONNECTIONS_PER_ADDRESS ?? (vars.TRUST_PROXY ? 0 : 256),
    }),
    outboundAllowLoopback: vars.WEBHOOK_ALLOW_LOOPBACK,
    secretKey: vars.SECRET_KEY,
  })
}

function mediaStorage(vars: z.infer<typeof schema>, dataDir: string): MediaStorageConfig {
  if (!vars.MEDIA_S3_BUCKET) return { driver: 'folder', dir: resolve(dataDir, 'media') }
  const { MEDIA_S3_ACCESS_KEY_ID: accessKeyId, MEDIA_S3_SECRET_ACCESS_KEY: secretAccessKey } = vars
  return {
    driver: 's3',
    bucket: vars.MEDIA_S3_BUCKET,
    region: vars.MEDIA_S3_REGION,
    endpoint: vars.MEDIA_S3_ENDPOINT,
    forcePathStyle: vars.MEDIA_S3_FORCE_PATH_STYLE,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  }
}
