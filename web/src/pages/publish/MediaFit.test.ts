import { describe, expect, it } from 'vitest'
import type { PlatformDescriptor } from '@/lib/model'
import { mediaKind, refusals } from './MediaFit'

function platform(kinds: string[], formats: string[], maxCount = 4): PlatformDescriptor {
  return { type: 'p', displayName: 'Pics', capabilities: { media: { kinds, formats, maxCount } } } as unknown as PlatformDescriptor
}

describe('media fit', () => {
  it('names the kind of a file as descriptors do', () => {
    expect(mediaKind('image/png')).toBe('image')
    expect(mediaKind('image/gif')).toBe('gif')
    expect(mediaKind('video/mp4')).toBe('video')
    expect(mediaKind('audio/wav')).toBe('audio')
  })

  it('says which attachments a platform refuses, from its descriptor', () => {
    const images = platform(['image'], ['image/jpeg', 'image/png'])
    expect(refusals(images, [{ contentType: 'image/png' }])).toEqual([])
    expect(refusals(images, [{ contentType: 'video/mp4' }])).toEqual(['Pics does not take videos'])
    expect(refusals(images, [{ contentType: 'audio/wav' }])).toEqual(['Pics does not take audio'])
    expect(refusals(images, [{ contentType: 'image/webp' }])).toEqual(['Pics does not take image/webp files'])
    const clips = platform(['image', 'video'], ['image/*', 'video/mp4'], 1)
    expect(refusals(clips, [{ contentType: 'video/mp4' }])).toEqual([])
    expect(refusals(clips, [{ contentType: 'video/mp4' }, { contentType: 'image/png' }])).toEqual(['Pics takes at most 1 attachment'])
  })

  it('says nothing when the descriptor is not known yet', () => {
    expect(refusals(undefined, [{ contentType: 'video/mp4' }])).toEqual([])
  })
})
