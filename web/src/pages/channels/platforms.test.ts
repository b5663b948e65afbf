import { describe, expect, it } from 'vitest'
import type { PlatformDescriptor } from '@/lib/model'
import { textLimit } from '@/lib/descriptors'
import { fieldProblem, needs, platformForm } from './platforms'

const descriptor: PlatformDescriptor = {
  type: 'pigeon',
  displayName: 'Pigeon Post',
  icon: 'bird',
  iconSvg: null as unknown as string,
  connect: {
    kind: 'token',
    fields: [
      {
        name: 'baseUrl',
        label: 'Loft URL',
        help: 'Where the loft is.',
        type: 'url',
        secret: false,
        required: true,
        pattern: '^https?://.+',
        placeholder: 'https://loft.example',
        default: 'https://loft.example',
      },
      {
        name: 'ring',
        label: 'Ring number',
        help: 'On the leg.',
        type: 'password',
        secret: true,
        required: true,
        pattern: '^[0-9]{4}$',
        placeholder: null as unknown as string,
        default: null as unknown as string,
      },
    ],
  },
  settings: [
    { name: 'altitude', label: 'Altitude', help: 'Metres.', type: 'integer', default: 300, options: [], required: false },
    { name: 'weather', label: 'Weather', help: '', type: 'enum', default: 'fair', options: ['fair', 'any'], required: false },
    { name: 'loud', label: 'Loud', help: '', type: 'boolean', default: false, options: [], required: false },
  ],
  capabilities: {
    text: { maxLength: 140, counting: 'weighted', urlLength: 23 },
    media: {
      kinds: ['image'],
      minCount: 0,
      maxCount: 1,
      formats: ['image/png'],
      maxImageBytes: 1000,
      maxImageEdge: 100,
      maxVideoBytes: 0,
      maxVideoSeconds: 0,
      minAspectRatio: 0,
      maxAspectRatio: 0,
      altText: true,
      maxAltTextLength: 100,
    },
    requiresMedia: false,
    threads: false,
    replies: false,
    aiLabel: false,
    idempotent: true,
  },
} as PlatformDescriptor

describe('connect form from a descriptor', () => {
  const form = platformForm(descriptor)

  it('takes the baseUrl field as the channel address and the others as credentials', () => {
    expect(form.baseUrl).toMatchObject({ label: 'Loft URL', required: true, default: 'https://loft.example', pattern: '^https?://.+' })
    expect(form.credentials).toEqual([expect.objectContaining({ key: 'ring', label: 'Ring number', secret: true, required: true, pattern: '^[0-9]{4}$' })])
    expect(form.generic).toBeFalsy()
  })

  it('maps settings with their types, choices and defaults', () => {
    expect(form.settings.map((s) => [s.key, s.type, s.options, s.default])).toEqual([
      ['altitude', 'integer', undefined, '300'],
      ['weather', 'enum', ['fair', 'any'], 'fair'],
      ['loud', 'boolean', ['true', 'false'], 'false'],
    ])
  })

  it('checks values against required, pattern, integer and URL', () => {
    const ring = form.credentials[0]!
    expect(fieldProblem(ring, '')).toBe('Enter the ring number')
    expect(fieldProblem(ring, '12a4')).toBe('Not a valid ring number')
    expect(fieldProblem(ring, '1234')).toBeNull()
    expect(fieldProblem(form.settings[0]!, '12.5')).toBe('A whole number')
    expect(fieldProblem(form.settings[0]!, '')).toBeNull()
    expect(fieldProblem({ label: 'Loft URL', type: 'url', required: true }, 'loft.example')).toBe('Start with http:// or https://')
  })

  it('falls back to free rows for a platform the server does not describe', () => {
    expect(platformForm(undefined)).toMatchObject({ generic: true, credentials: [], settings: [] })
  })

  it('takes the text limit and counting from the descriptor', () => {
    expect(textLimit(descriptor)).toEqual({ max: 140, counting: 'weighted', urlLength: 23 })
    expect(textLimit(undefined)).toEqual({ max: null, counting: 'characters', urlLength: null })
  })
})

describe('what a platform card says it needs', () => {
  it('names how it connects and every required field', () => {
    expect(needs(descriptor)).toBe('Connects with credentials you create on the platform. Asks for: Loft URL, Ring number.')
  })
  it('says a platform without an account needs nothing', () => {
    expect(needs({ ...descriptor, connect: { kind: 'none', fields: [] }, settings: [] })).toBe('Needs no account.')
  })
})
