import { describe, expect, it } from 'vitest'
import type { Post } from '@/lib/model'
import { bodyOf, defaultScheduleValue, draftOf, newDraft, same } from './draft'

const post = {
  id: 'p1',
  characterId: 'c1',
  caption: 'Hello',
  media: [{ assetId: 'a1', altText: null }],
  channelIds: ['ch1', 'ch2'],
  variants: { ch1: { caption: 'Hi there', options: {} }, ch2: { caption: null, options: { thread: true } } },
} as unknown as Post

describe('composer form mapping', () => {
  it('reads a post into a draft', () => {
    expect(draftOf(post)).toEqual({
      characterId: 'c1',
      caption: 'Hello',
      media: [{ assetId: 'a1', altText: '' }],
      channelIds: ['ch1', 'ch2'],
      variants: { ch1: 'Hi there' },
    })
  })

  it('writes a draft back, keeping variant options and dropping empty texts', () => {
    const d = draftOf(post)
    d.variants.ch2 = '   '
    d.media[0]!.altText = '  '
    expect(bodyOf(d, post)).toEqual({
      characterId: 'c1',
      caption: 'Hello',
      media: [{ assetId: 'a1', altText: null }],
      channelIds: ['ch1', 'ch2'],
      variants: { ch1: { caption: 'Hi there', options: {} }, ch2: { caption: null, options: { thread: true } } },
    })
  })

  it('forgets the text of a channel that is no longer selected', () => {
    const d = { ...draftOf(post), channelIds: ['ch2'] }
    expect(Object.keys(bodyOf(d).variants)).toEqual([])
    expect(same(d, draftOf(post))).toBe(false)
    expect(same(draftOf(post), draftOf(post))).toBe(true)
  })

  it('starts a new draft with the wanted character, else the first', () => {
    const characters = [{ id: 'c1' }, { id: 'c2' }]
    expect(newDraft(characters, 'c2', 'a9', { caption: 'x', altText: 'alt' })).toEqual({
      characterId: 'c2',
      caption: 'x',
      media: [{ assetId: 'a9', altText: 'alt' }],
      channelIds: [],
      variants: {},
    })
    expect(newDraft(characters, 'gone', null, {}).characterId).toBe('c1')
  })

  it('proposes a schedule time a whole minute at least an hour ahead, in the zone', () => {
    expect(defaultScheduleValue('Asia/Tokyo', Date.parse('2026-12-31T23:30:45Z'))).toBe('2027-01-01T09:30')
  })
})

describe('a post made from a caption job', () => {
  it('keeps the link to the job from the Studio prefill to the body, and from a stored post back', () => {
    const d = newDraft([{ id: 'c1' }], 'c1', null, { caption: 'From the Studio', captionJobId: 'job-1' })
    expect(bodyOf(d).captionJobId).toBe('job-1')
    expect(draftOf({ ...post, captionJobId: 'job-2' } as Post).captionJobId).toBe('job-2')
    expect('captionJobId' in bodyOf(draftOf(post))).toBe(false)
  })
})
