import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ValidationError } from '../errors.js'
import {
  accentContrast,
  checkIdentity,
  contrast,
  normaliseHex,
  type SiteIdentity,
} from './site-identity.js'

const typed: SiteIdentity = {
  name: 'The Courier',
  tagline: '',
  logoId: null,
  accent: '',
  language: 'en',
  timeZone: 'Europe/London',
}

function refused(change: Partial<SiteIdentity>, code: string, field: string): void {
  assert.throws(
    () => checkIdentity({ ...typed, ...change }),
    (error: unknown) =>
      error instanceof ValidationError && error.code === code && error.field === field,
  )
}

describe('site identity', () => {
  test('contrast follows WCAG: black on white is 21, white on white 1', () => {
    assert.equal(Math.round(contrast('#000000', '#ffffff')), 21)
    assert.equal(contrast('#ffffff', '#ffffff'), 1)
    // #767676 is the lightest grey that passes AA on white (4.54:1).
    assert.ok(Math.abs(contrast('#767676', '#ffffff') - 4.54) < 0.01)
  })

  test('hex colours are read in their short and long forms, anything else is not a colour', () => {
    assert.equal(normaliseHex('#0A5C8F'), '#0a5c8f')
    assert.equal(normaliseHex('abc'), '#aabbcc')
    for (const bad of ['red', '#12345', 'rgb(0,0,0)', '#ggg000', '']) {
      assert.equal(normaliseHex(bad), undefined)
    }
  })

  test('an accent that keeps AA is kept, lower-cased', () => {
    assert.equal(checkIdentity({ ...typed, accent: '#0A5C8F' }).accent, '#0a5c8f')
    assert.ok(accentContrast('#0a5c8f') >= 4.5)
  })

  test('refuses a colour that fails AA, one that is not a colour, and bad names, zones and languages', () => {
    refused({ accent: '#ffcc00' }, 'low_contrast_colour', 'accent')
    refused({ accent: '#777777' }, 'low_contrast_colour', 'accent')
    refused({ accent: 'javascript:alert(1)' }, 'invalid_colour', 'accent')
    refused({ name: '   ' }, 'invalid_site_name', 'name')
    refused({ name: 'x'.repeat(101) }, 'invalid_site_name', 'name')
    refused({ tagline: 'x'.repeat(201) }, 'invalid_tagline', 'tagline')
    refused({ timeZone: 'Mars/Olympus' }, 'invalid_time_zone', 'timeZone')
    refused({ language: 'english please' }, 'invalid_language', 'language')
  })
})
