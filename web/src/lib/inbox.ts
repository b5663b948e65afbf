import { useQuery } from '@tanstack/react-query'
import { client, data } from './api'
import type { components } from './api-schema'

/**
 * The engagement inbox: what people said to the characters (GET /api/v1/inbox…), the per-channel inbox settings and
 * the block list. Pure helpers (grouping into conversations, keyboard moves) live here so they are tested without a DOM.
 */
type Schemas = components['schemas']
export type InboxItem = Schemas['InboxItem']
export type InboxDetail = Schemas['Detail']
export type InboxDraft = Schemas['Draft']
export type InboxReply = Schemas['Reply']
export type ChannelInboxSettings = Schemas['ChannelInbox']
export type Blocklist = Schemas['Blocklist']
export type InboxState = 'open' | 'answered' | 'dismissed'

export interface InboxFilter {
  characterId?: string
  platform?: string
  state: InboxState
  q?: string
}

export const inboxKey = ['inbox'] as const
export const inboxListKey = (f: InboxFilter) => ['inbox', 'list', f.characterId ?? '', f.platform ?? '', f.state, f.q ?? ''] as const
export const inboxItemKey = (id: string) => ['inbox', 'item', id] as const
export const inboxCountKey = ['inbox', 'count'] as const
export const blocklistKey = ['inbox', 'blocklist'] as const
export const channelInboxKey = (channelId: string) => ['inbox', 'channel', channelId] as const

export function useInbox(f: InboxFilter) {
  return useQuery({
    queryKey: inboxListKey(f),
    queryFn: () =>
      data(
        client.GET('/api/v1/inbox', {
          params: { query: { characterId: f.characterId || undefined, platform: f.platform || undefined, state: f.state, q: f.q?.trim() || undefined, limit: 200 } },
        }),
      ),
    refetchInterval: 30_000,
    placeholderData: (prev) => prev,
  })
}

/** The open count for the navigation badge. */
export function useInboxCount(enabled = true) {
  return useQuery({
    queryKey: inboxCountKey,
    queryFn: () => data(client.GET('/api/v1/inbox/count')),
    enabled,
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
  })
}

const WORKING = new Set(['QUEUED', 'RUNNING', 'PENDING', 'SUBMITTED'])

/** Whether a draft job is still writing (its candidates are not there yet). */
export function drafting(detail: Pick<InboxDetail, 'draftJob'> | undefined): boolean {
  const state = detail?.draftJob?.state
  return !!state && WORKING.has(state.toUpperCase())
}

export function useInboxItem(id: string | undefined) {
  return useQuery({
    queryKey: inboxItemKey(id ?? ''),
    queryFn: () => data(client.GET('/api/v1/inbox/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    refetchInterval: (q) => (drafting(q.state.data) ? 2_000 : false),
  })
}

export function useBlocklist() {
  return useQuery({ queryKey: blocklistKey, queryFn: () => data(client.GET('/api/v1/inbox/blocklist')) })
}

export function useChannelInbox(channelId: string, enabled = true) {
  return useQuery({
    queryKey: channelInboxKey(channelId),
    queryFn: () => data(client.GET('/api/v1/channels/{channelId}/inbox', { params: { path: { channelId } } })),
    enabled,
  })
}

/** One conversation: the items of a thread on a channel, oldest first, and the newest time for ordering. */
export interface Conversation {
  key: string
  items: InboxItem[]
  latest: string
}

/**
 * Whether an item belongs in the list for this filter, as the server decides (GET /api/v1/inbox): same character,
 * platform and state, and the search words inside the text, the author's handle or name (case-insensitive). The
 * page applies it to what it shows, so a list still on screen from the previous filter (while the new one loads,
 * or while the search box waits for typing to pause) never shows items the filter leaves out.
 */
export function matchesFilter(item: InboxItem, f: InboxFilter): boolean {
  if (f.characterId && item.characterId !== f.characterId) return false
  if (f.platform && item.platform !== f.platform) return false
  if (item.state !== f.state) return false
  const q = f.q?.trim().toLowerCase()
  if (!q) return true
  return [item.text, item.author?.handle, item.author?.displayName].some((v) => !!v && v.toLowerCase().includes(q))
}

/** Groups items by channel and thread; conversations with the newest message come first. */
export function groupByThread(items: InboxItem[]): Conversation[] {
  const groups = new Map<string, InboxItem[]>()
  for (const item of items) {
    const key = `${item.channelId}:${item.threadKey ?? item.id}`
    const list = groups.get(key)
    if (list) list.push(item)
    else groups.set(key, [item])
  }
  const conversations = [...groups.entries()].map(([key, list]) => {
    const sorted = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    return { key, items: sorted, latest: sorted[sorted.length - 1]!.createdAt }
  })
  return conversations.sort((a, b) => b.latest.localeCompare(a.latest))
}

/** The items in the order the list shows them (conversation by conversation), for j/k. */
export function visibleOrder(conversations: Conversation[]): InboxItem[] {
  return conversations.flatMap((c) => c.items)
}

/** What the reply call's answer means for the person who sent it. */
export function replyOutcome(reply: Pick<InboxReply, 'state' | 'automatically' | 'note'>): { title: string; detail: string } {
  if (reply.automatically) return { title: 'Reply approved automatically', detail: 'The channel auto-approves replies: it is scheduled to go out now.' }
  if (reply.state === 'IN_REVIEW') return { title: 'Reply sent to review', detail: reply.note || 'A reviewer approves it before it goes out.' }
  return { title: `Reply saved (${reply.state.toLowerCase().replace(/_/g, ' ')})`, detail: reply.note ?? '' }
}
