import { describe, expect, it } from 'vitest'
import {
  apiRange,
  bestAndWorst,
  engagementPerPost,
  exportLinks,
  followersOverTime,
  labelledMetrics,
  platformBreakdown,
  presetRange,
  slotRows,
  validRange,
  type PublicationLike,
} from './shape'

const pub = (id: string, publishedAt: string, engagement: number, sampled = true, common = {}): PublicationLike => ({
  publicationId: id,
  channelId: 'c1',
  platform: 'mastodon',
  publishedAt,
  excerpt: `post ${id}`,
  common: { reactions: engagement, shares: null, comments: 0, views: null, ...common },
  engagement,
  sampledAt: sampled ? publishedAt : null,
})

// vitest.config.ts runs these in Europe/Berlin
describe('analytics data shaping', () => {
  it('makes a range of the last n days ending today, and the API range covers the whole last day', () => {
    const range = presetRange(7, new Date('2026-12-03T10:00:00'))
    expect(range).toEqual({ from: '2026-11-27', to: '2026-12-03' })
    expect(apiRange(range)).toEqual({ from: '2026-11-26T23:00:00.000Z', to: '2026-12-03T23:00:00.000Z' })
  })

  it('refuses a range that ends before it starts or is not a date', () => {
    expect(validRange({ from: '2026-12-03', to: '2026-12-01' })).toBe(false)
    expect(validRange({ from: '', to: '2026-12-01' })).toBe(false)
    expect(validRange({ from: '2026-12-01', to: '2026-12-01' })).toBe(true)
  })

  it('draws one bar per sampled post, oldest first, with nulls as 0', () => {
    const bars = engagementPerPost([
      pub('b', '2026-12-02T10:00:00Z', 5, true, { shares: 2 }),
      pub('a', '2026-12-01T10:00:00Z', 3),
      pub('unsampled', '2026-12-01T12:00:00Z', 0, false),
    ])
    expect(bars.map((b) => b.publicationId)).toEqual(['a', 'b'])
    expect(bars[1]).toMatchObject({ reactions: 5, shares: 2, comments: 0, engagement: 5 })
  })

  it('keeps best and worst apart when there are few posts', () => {
    const items = [pub('a', '2026-12-01T00:00:00Z', 9), pub('b', '2026-12-02T00:00:00Z', 1), pub('c', '2026-12-03T00:00:00Z', 4)]
    const { best, worst } = bestAndWorst(items, 2)
    expect(best.map((i) => i.publicationId)).toEqual(['a', 'c'])
    expect(worst.map((i) => i.publicationId)).toEqual(['b'])
    expect(bestAndWorst([...items, pub('x', '2026-12-04T00:00:00Z', 0, false)], 5).best).toHaveLength(3)
  })

  it('merges the followers of several channels by time and leaves out channels without a followers metric', () => {
    const { rows, lines } = followersOverTime([
      {
        key: 'c1',
        label: 'Mastodon',
        series: [
          { at: '2026-12-01T00:00:00Z', metrics: { followers_count: 10 }, common: { followers: 10 } },
          { at: '2026-12-02T00:00:00Z', metrics: { followers_count: 12 }, common: { followers: 12 } },
        ],
      },
      { key: 'c2', label: 'Feed', series: [{ at: '2026-12-01T00:00:00Z', metrics: { page_views: 40 }, common: {} }] },
      { key: 'c3', label: 'X', series: [{ at: '2026-12-02T00:00:00Z', metrics: { followers_count: 7 }, common: { followers: 7 } }] },
    ])
    expect(lines.map((l) => l.key)).toEqual(['c1', 'c3'])
    expect(rows).toEqual([
      { at: Date.parse('2026-12-01T00:00:00Z'), c1: 10 },
      { at: Date.parse('2026-12-02T00:00:00Z'), c1: 12, c3: 7 },
    ])
  })

  it('orders platforms by engagement', () => {
    const rows = platformBreakdown([
      { platform: 'a', publications: 1, reactions: 1, shares: 0, comments: 0, views: null },
      { platform: 'b', publications: 1, reactions: 5, shares: 1, comments: 1, views: 30 },
    ])
    expect(rows.map((r) => r.platform)).toEqual(['b', 'a'])
  })

  it("labels a post's own numbers from its platform's spec, then any the spec does not name", () => {
    const spec = [
      { name: 'like_count', label: 'Likes', common: 'reactions' },
      { name: 'saved', label: 'Saves', common: null },
    ]
    expect(labelledMetrics(spec, { saved: 2, like_count: 9, extra: 1 })).toEqual([
      { name: 'like_count', label: 'Likes', value: 9 },
      { name: 'saved', label: 'Saves', value: 2 },
      { name: 'extra', label: 'extra', value: 1 },
    ])
  })

  it('links the CSV exports with the filters and range', () => {
    const links = exportLinks({ characterId: 'ch', channelId: 'cn', range: { from: '2026-12-01', to: '2026-12-01' } })
    expect(links.map((l) => l.label)).toEqual(['Publications CSV', 'Channel series CSV'])
    const url = new URL(links[1]!.href, 'http://x')
    expect(url.pathname).toBe('/api/v1/analytics/export.csv')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      kind: 'channel',
      characterId: 'ch',
      channelId: 'cn',
      from: '2026-11-30T23:00:00.000Z',
      to: '2026-12-01T23:00:00.000Z',
    })
    expect(exportLinks({ range: { from: '2026-12-01', to: '2026-12-01' } })).toHaveLength(1)
  })

  it('shows the best time slots relative to the best', () => {
    const rows = slotRows([
      { weekday: 'TUESDAY', hour: 18, score: 2, samples: 9 },
      { weekday: 'SUNDAY', hour: 9, score: 1, samples: 3 },
    ])
    expect(rows.map((r) => [r.label, r.relative])).toEqual([
      ['Tue 18:00', 100],
      ['Sun 09:00', 50],
    ])
  })
})
