import { describe, expect, it } from 'vitest'
import { drafting, groupByThread, matchesFilter, replyOutcome, visibleOrder, type InboxItem } from './inbox'
import { step } from './list'

function item(id: string, threadKey: string, createdAt: string, channelId = 'ch1'): InboxItem {
  return {
    id,
    channelId,
    characterId: 'c1',
    platform: 'mastodon',
    kind: 'reply',
    author: { id: 'a', handle: '@a@x.social', displayName: 'A', url: '' },
    text: `text ${id}`,
    createdAt,
    url: '',
    state: 'open',
    threadKey,
    inReplyToRemoteId: '',
    originalPublicationId: '',
    flags: [],
    replyPostId: '',
  } as InboxItem
}

describe('conversations', () => {
  const items = [
    item('a2', 't1', '2026-12-03T10:05:00Z'),
    item('b1', 't2', '2026-12-03T11:00:00Z'),
    item('a1', 't1', '2026-12-03T10:00:00Z'),
    item('c1', 't1', '2026-12-03T09:00:00Z', 'ch2'),
  ]

  it('groups items of one thread on one channel, oldest first, newest conversation first', () => {
    const groups = groupByThread(items)
    expect(groups.map((g) => g.items.map((i) => i.id))).toEqual([['b1'], ['a1', 'a2'], ['c1']])
    expect(groups[1]!.latest).toBe('2026-12-03T10:05:00Z')
  })

  it('moves with j and k through the list as shown and stops at the ends', () => {
    const order = visibleOrder(groupByThread(items))
    expect(order.map((i) => i.id)).toEqual(['b1', 'a1', 'a2', 'c1'])
    expect(step(order, null, 1)?.id).toBe('b1')
    expect(step(order, 'b1', 1)?.id).toBe('a1')
    expect(step(order, 'a1', -1)?.id).toBe('b1')
    expect(step(order, 'b1', -1)?.id).toBe('b1')
    expect(step(order, 'c1', 1)?.id).toBe('c1')
    expect(step([], null, 1)).toBeUndefined()
  })
})

describe('filter', () => {
  const withState = (i: InboxItem, state: string, text: string, handle = '@a@x.social', displayName = 'A') =>
    ({ ...i, state, text, author: { ...i.author, handle, displayName } }) as InboxItem
  // the answer to "Open" is still on screen when "Answered" and a search are chosen: two conversations, mixed states
  const shown = [
    withState(item('a1', 't1', '2026-12-03T10:00:00Z'), 'answered', 'Where is m8xz1fr2gc?'),
    withState(item('a2', 't1', '2026-12-03T10:05:00Z'), 'open', 'thanks'),
    withState(item('b1', 't2', '2026-12-03T11:00:00Z'), 'open', 'M8XZ1FR2GC again'),
    withState(item('c1', 't3', '2026-12-03T12:00:00Z'), 'answered', 'unrelated'),
    withState(item('d1', 't4', '2026-12-03T13:00:00Z'), 'answered', 'hello', '@m8xz1fr2gc@y.social', 'Dee'),
  ]

  it('keeps only the items of every conversation that match the state and the search, as the server does', () => {
    const kept = groupByThread(shown.filter((i) => matchesFilter(i, { state: 'answered', q: ' m8xz1fr2gc ' })))
    expect(kept.map((c) => c.items.map((i) => i.id))).toEqual([['d1'], ['a1']])
    expect(shown.filter((i) => matchesFilter(i, { state: 'open', q: 'm8xz' })).map((i) => i.id)).toEqual(['b1'])
    expect(shown.filter((i) => matchesFilter(i, { state: 'answered' })).map((i) => i.id)).toEqual(['a1', 'c1', 'd1'])
  })

  it('leaves out other characters and platforms', () => {
    const other = { ...shown[0]!, characterId: 'c2', platform: 'bluesky' } as InboxItem
    expect(matchesFilter(other, { state: 'answered', characterId: 'c1' })).toBe(false)
    expect(matchesFilter(other, { state: 'answered', platform: 'mastodon' })).toBe(false)
    expect(matchesFilter(other, { state: 'answered', characterId: 'c2', platform: 'bluesky', q: 'where' })).toBe(true)
  })
})

describe('replies', () => {
  it('says whether a reply waits for review or was approved by the channel', () => {
    expect(replyOutcome({ state: 'IN_REVIEW', automatically: false, note: '' }).title).toBe('Reply sent to review')
    expect(replyOutcome({ state: 'APPROVED', automatically: true, note: '' }).title).toBe('Reply approved automatically')
    expect(replyOutcome({ state: 'IN_REVIEW', automatically: false, note: 'the platform forbids automated replies' }).detail).toBe('the platform forbids automated replies')
  })

  it('knows while drafts are being written', () => {
    expect(drafting({ draftJob: { jobId: 'j', state: 'RUNNING' } } as never)).toBe(true)
    expect(drafting({ draftJob: { jobId: 'j', state: 'SUCCEEDED' } } as never)).toBe(false)
    expect(drafting({ draftJob: null } as never)).toBe(false)
  })
})
