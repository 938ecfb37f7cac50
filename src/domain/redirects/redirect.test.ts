import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ValidationError } from '../errors.js'
import { readRedirectCsv } from './redirect-csv.js'
import { newAddress, oldAddressKey, redirectKey } from './redirect.js'

function refusal(run: () => unknown): { code: string; field: string | undefined } {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error))
    return { code: error.code, field: error.field }
  }
  assert.fail('expected a ValidationError')
}

describe('redirect keys', () => {
  test('one key for the forms a browser or an old site sends', () => {
    for (const form of [
      '/2015/11/Old-Story/',
      '/2015/11/old-story',
      '//2015//11/old-story//',
      '/2015/11/old-story?utm_source=x&fbclid=abc',
    ]) {
      assert.equal(redirectKey(form), '/2015/11/old-story', form)
    }
  })

  test('the query stays when it names the page, in one order', () => {
    assert.equal(redirectKey('/?p=123'), '/?p=123')
    assert.equal(redirectKey('/?utm_medium=a&page_id=9&lang=en'), '/?lang=en&page_id=9')
    assert.equal(redirectKey('/caf%C3%A9'), redirectKey('/café'))
  })
})

describe('old addresses as typed', () => {
  test('a full address from the old site loses its host', () => {
    assert.equal(oldAddressKey(' https://old.example/2015/11/story/ '), '/2015/11/story')
    assert.equal(oldAddressKey('http://old.example/?p=42'), '/?p=42')
  })

  test('refused: the front page, the site’s own paths, non-paths, long and unsafe text', () => {
    assert.equal(refusal(() => oldAddressKey('/')).code, 'old_address_is_home')
    assert.equal(refusal(() => oldAddressKey('https://old.example/')).code, 'old_address_is_home')
    for (const reserved of [
      '/admin',
      '/admin/users',
      '/assets/site.css',
      '/media/x.webp',
      '/api/v1',
    ]) {
      assert.equal(refusal(() => oldAddressKey(reserved)).code, 'old_address_reserved', reserved)
    }
    assert.equal(refusal(() => oldAddressKey('old-story')).code, 'old_address_not_a_path')
    assert.equal(refusal(() => oldAddressKey('')).code, 'address_missing')
    assert.equal(refusal(() => oldAddressKey(`/${'a'.repeat(2000)}`)).code, 'address_too_long')
    for (const unsafe of ['/a b', '/a"b', '/a<b>', '/a\u0000b', '/a\\b']) {
      assert.equal(refusal(() => oldAddressKey(unsafe)).code, 'address_unsafe', unsafe)
    }
    assert.equal(refusal(() => oldAddressKey('/')).field, 'from')
  })
})

describe('new addresses as typed', () => {
  test('a path here or an http(s) address elsewhere', () => {
    assert.equal(newAddress('/news//today'), '/news/today')
    assert.equal(newAddress('https://archive.example/a?b=1'), 'https://archive.example/a?b=1')
  })

  test('refused: other schemes, protocol-relative addresses, credentials', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,hi',
      '//evil.example/x',
      'ftp://files.example/a',
      'https://user:pass@evil.example/',
      'news/today',
    ]) {
      assert.equal(refusal(() => newAddress(bad)).code, 'new_address_invalid', bad)
    }
  })
})

describe('redirects from CSV', () => {
  test('a header is skipped; quoted cells may hold commas', () => {
    const { moves, problems } = readRedirectCsv(
      'old,new\n/a/,/news\n"/b?p=1,2",https://elsewhere.example/b\n\n',
    )
    assert.deepEqual(problems, [])
    assert.deepEqual(moves, [
      { from: '/a', to: '/news' },
      { from: `/b?p=${encodeURIComponent('1,2')}`, to: 'https://elsewhere.example/b' },
    ])
  })

  test('every problem is named by its line', () => {
    const { problems } = readRedirectCsv('/a,/news\n/b\n/,/news\n/a/,/sport\n/c,javascript:x\n')
    assert.deepEqual(
      problems.map((problem) => problem.line),
      [2, 3, 4, 5],
    )
    assert.match(problems[0]?.message ?? '', /Expected 2 columns/)
    assert.match(problems[2]?.message ?? '', /already redirected on line 1/)
  })

  test('a malformed file is one problem with its line; an oversized one is refused', () => {
    const { problems } = readRedirectCsv('/a,/news\n/b,"/unclosed\n')
    assert.equal(problems.length, 1)
    assert.equal(problems[0]?.line, 2)
    assert.match(problems[0]?.message ?? '', /not valid CSV/)
    assert.equal(refusal(() => readRedirectCsv('x'.repeat(2_000_001))).code, 'csv_too_large')
    const many = Array.from({ length: 20_001 }, (_, i) => `/o${i},/news`).join('\n')
    assert.equal(refusal(() => readRedirectCsv(many)).code, 'csv_too_many_rows')
  })
})
