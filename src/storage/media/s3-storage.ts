import {
  DeleteObjectsCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import type { MediaStorageConfig } from '../../config.js'
import type { MediaStorage } from '../../domain/media/media-storage.js'
import { assertMediaKey, cacheControlFor } from './media-keys.js'

type S3Settings = Extract<MediaStorageConfig, { driver: 's3' }>

/** S3 takes at most this many keys in one delete. */
const DELETE_BATCH = 1000

/**
 * The media library in an S3 bucket (AWS, or any S3-compatible service), for
 * several app processes. A PUT replaces an object whole, so readers never see
 * half a file. Renditions are stored with their content type and an
 * immutable Cache-Control, so the bucket (or a CDN in front of it) can serve
 * them as they are; originals are private.
 */
export function createS3Storage(settings: S3Settings): MediaStorage & { close(): void } {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Checksums only where S3 demands them: many S3-compatible services reject
    // the SDK's newer default (trailing CRC32 checksums on every upload).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const Bucket = settings.bucket

  return {
    async put(key, bytes, { contentType }) {
      assertMediaKey(key)
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
          CacheControl: cacheControlFor(key),
        }),
      )
    },

    async get(key) {
      assertMediaKey(key)
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket, Key: key }))
        return Body ? await Body.transformToByteArray() : undefined
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
          return undefined
        }
        throw error
      }
    },

    async delete(keys) {
      for (const key of keys) assertMediaKey(key)
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        const batch = keys.slice(start, start + DELETE_BATCH)
        await client.send(
          new DeleteObjectsCommand({
            Bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        )
      }
    },

    close() {
      client.destroy()
    },
  }
}
