// The media drivers every media test runs on: a folder always; an S3-compatible
// server when TEST_S3_URL is set (npm test starts a local one), as the dialects do.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { TestContext } from 'node:test'
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'
import { createTestContext, type TestAppContext } from './context.js'
import type { DialectName } from './dialects.js'

export type MediaDriver = 'folder' | 's3'

/** The credentials s3rver accepts. */
const S3_KEY = 'S3RVER'

let warned = false

export function testMediaDrivers(): MediaDriver[] {
  if (process.env.TEST_S3_URL) return ['folder', 's3']
  if (!warned) {
    warned = true
    console.log(
      'S3 media driver: skipped (TEST_S3_URL is not set; npm test starts a local server).',
    )
  }
  return ['folder']
}

function s3Client(): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: process.env.TEST_S3_URL,
    forcePathStyle: true,
    credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

/** Where one test's media went, and a way to list every key stored there. */
export interface TestMediaPlace {
  driver: MediaDriver
  /** Settings for loadConfig. */
  env: Record<string, string>
  /** Every stored key, sorted: originals/… and renditions/…. */
  keys(): Promise<string[]>
}

/** A fresh folder or bucket for one test, removed after it. */
export async function createTestMediaPlace(
  t: TestContext,
  driver: MediaDriver,
): Promise<TestMediaPlace> {
  if (driver === 'folder') {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-media-'))
    t.after(() => rmSync(dataDir, { recursive: true, force: true }))
    const root = join(dataDir, 'media')
    return {
      driver,
      env: { DATA_DIR: dataDir },
      async keys() {
        let entries: string[] = []
        try {
          entries = readdirSync(root, { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => relative(root, join(entry.parentPath, entry.name)))
        } catch {
          return []
        }
        return entries.sort()
      },
    }
  }
  const bucket = `test-${randomBytes(6).toString('hex')}`
  const client = s3Client()
  await client.send(new CreateBucketCommand({ Bucket: bucket }))
  const keys = async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }))
    return (listed.Contents ?? []).map((object) => object.Key ?? '').sort()
  }
  t.after(async () => {
    const left = await keys()
    if (left.length > 0) {
      await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: left.map((Key) => ({ Key })) },
        }),
      )
    }
    await client.send(new DeleteBucketCommand({ Bucket: bucket }))
    client.destroy()
  })
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-media-s3-'))
  t.after(() => rmSync(dataDir, { recursive: true, force: true }))
  return {
    driver,
    env: {
      DATA_DIR: dataDir,
      MEDIA_S3_BUCKET: bucket,
      MEDIA_S3_ENDPOINT: process.env.TEST_S3_URL ?? '',
      MEDIA_S3_REGION: 'us-east-1',
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
      MEDIA_S3_ACCESS_KEY_ID: S3_KEY,
      MEDIA_S3_SECRET_ACCESS_KEY: S3_KEY,
    },
    keys,
  }
}

/** Every database × every media driver, as [label, dialect, driver]. */
export function mediaSetups(dialects: DialectName[]): [string, DialectName, MediaDriver][] {
  return dialects.flatMap((dialect) =>
    testMediaDrivers().map((driver): [string, DialectName, MediaDriver] => [
      `${dialect}, ${driver}`,
      dialect,
      driver,
    ]),
  )
}

/** A test context whose media library lives in a fresh folder or bucket. */
export async function createMediaContext(
  t: TestContext,
  dialect: DialectName,
  driver: MediaDriver,
  env: Record<string, string> = {},
  options: Parameters<typeof createTestContext>[3] = {},
): Promise<{ ctx: TestAppContext; place: TestMediaPlace }> {
  const place = await createTestMediaPlace(t, driver)
  const ctx = await createTestContext(t, dialect, { ...place.env, ...env }, options)
  return { ctx, place }
}
