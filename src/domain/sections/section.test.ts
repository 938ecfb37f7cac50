import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { slugify } from '../../text/slug.js'
import { ValidationError } from '../errors.js'
import {
  DEFAULT_SECTIONS,
  MAX_SECTION_NAME_LENGTH,
  RESERVED_SECTION_SLUGS,
  assertSectionName,
  assertSectionSlug,
} from './section.js'

function assertCode(run: () => void, code: string, field: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`)
    assert.equal(error.code, code)
    assert.equal(error.field, field)
    return true
  })
}

describe('assertSectionSlug', () => {
  test('accepts lower-case slugs that start with a letter', () => {
    for (const slug of ['news', 'a', 'sport-2026', 'arts-and-culture', 'x'.repeat(60)]) {
      assertSectionSlug(slug)
    }
  })

  test('accepts the slug of every default section', () => {
    for (const name of DEFAULT_SECTIONS) assertSectionSlug(slugify(name))
  })

  test('refuses malformed slugs', () => {
    for (const slug of [
      '',
      'x'.repeat(61),
      'News',
      'news ',
      ' news',
      'news_desk',
      '-news',
      'news-',
      'news--desk',
      'news/desk',
      'café',
      'news.xml',
    ]) {
      assertCode(() => assertSectionSlug(slug), 'invalid_section_slug', 'slug')
    }
  })

  test('refuses slugs that start with a digit, which belong to the date archive', () => {
    for (const slug of ['2015', '1st-division', '9']) {
      assertCode(() => assertSectionSlug(slug), 'invalid_section_slug', 'slug')
    }
  })

  test('refuses every reserved slug', () => {
    assert.ok(RESERVED_SECTION_SLUGS.size >= 10)
    for (const slug of RESERVED_SECTION_SLUGS) {
      assertCode(() => assertSectionSlug(slug), 'reserved_section_slug', 'slug')
    }
  })

  test('reserves the site pages a section would shadow', () => {
    for (const slug of [
      'admin',
      'api',
      'authors',
      'tags',
      'search',
      'feed',
      'rss',
      'sitemap',
      'assets',
      'login',
    ]) {
      assert.ok(RESERVED_SECTION_SLUGS.has(slug), slug)
    }
    // Close to a reserved slug is fine.
    assertSectionSlug('admins')
    assertSectionSlug('api-news')
  })
})

describe('assertSectionName', () => {
  test(`accepts 1–${MAX_SECTION_NAME_LENGTH} characters`, () => {
    assertSectionName('N')
    assertSectionName('Politics')
    assertSectionName('x'.repeat(MAX_SECTION_NAME_LENGTH))
  })

  test('refuses empty, whitespace-only and over-long names', () => {
    for (const name of ['', '   ', '\t\n', 'x'.repeat(MAX_SECTION_NAME_LENGTH + 1)]) {
      assertCode(() => assertSectionName(name), 'invalid_section_name', 'name')
    }
  })
})
