import { useQuery } from '@tanstack/react-query'
import { client, data } from './api'
import { isActive, type Character, type Job, type Post, type Publication } from './model'

/**
 * The dashboard's data, one hook per resource, all through the generated client. Query keys live here too so
 * mutations elsewhere invalidate the right ones.
 */
export const charactersKey = (q = '') => ['characters', q] as const
export const characterKey = (id: string) => ['character', id] as const
export const postKey = (id: string) => ['post', id] as const
export const postsKey = ['posts'] as const
export const reviewKey = ['posts', 'IN_REVIEW'] as const
export const channelsKey = (characterId?: string) => ['channels', characterId ?? ''] as const
export const publicationsKey = (postId: string) => ['publications', postId] as const
export const jobsKey = (characterId: string) => ['generations', characterId] as const
export const backendsKey = ['backends'] as const
export const notificationsKey = ['notifications', 'unread'] as const

export function useCharacters(q = '', keepPrevious = false) {
  return useQuery({
    queryKey: charactersKey(q),
    queryFn: async () => (await data(client.GET('/api/v1/characters', { params: { query: { q } } }))) as Character[],
    staleTime: 30_000,
    placeholderData: keepPrevious ? (prev) => prev : undefined,
  })
}

export function useCharacter(id: string | undefined) {
  return useQuery({
    queryKey: characterKey(id ?? ''),
    queryFn: async () => (await data(client.GET('/api/v1/characters/{id}', { params: { path: { id: id! } } }))) as Character,
    enabled: !!id,
  })
}

export function usePost(id: string | undefined) {
  return useQuery({
    queryKey: postKey(id ?? ''),
    queryFn: () => data(client.GET('/api/v1/posts/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  })
}

export function useReviewQueue() {
  return useQuery({
    queryKey: reviewKey,
    queryFn: (): Promise<Post[]> => data(client.GET('/api/v1/posts', { params: { query: { state: 'IN_REVIEW' } } })),
    refetchInterval: 30_000,
  })
}

/** Channels of one character, or of every character when characterId is empty. */
export function useChannels(characterId?: string, enabled = true) {
  return useQuery({
    queryKey: channelsKey(characterId),
    queryFn: () => data(client.GET('/api/v1/channels', { params: { query: { characterId: characterId || undefined } } })),
    enabled,
    staleTime: 15_000,
  })
}

const LIVE_PUBLICATIONS = new Set(['DUE', 'IN_FLIGHT', 'RETRY_WAIT', 'PENDING'])

export function usePublications(postId: string) {
  return useQuery({
    queryKey: publicationsKey(postId),
    queryFn: (): Promise<Publication[]> => data(client.GET('/api/v1/publications', { params: { query: { postId } } })),
    refetchInterval: (q) => ((q.state.data ?? []).some((p) => LIVE_PUBLICATIONS.has(p.state)) ? 5_000 : 30_000),
  })
}

export function useCalendar(from: Date, to: Date, characterId?: string, channelId?: string) {
  return useQuery({
    queryKey: ['calendar', from.toISOString(), to.toISOString(), characterId, channelId] as const,
    queryFn: () =>
      data(
        client.GET('/api/v1/calendar', {
          params: { query: { from: from.toISOString(), to: to.toISOString(), characterId: characterId || undefined, channelId: channelId || undefined } },
        }),
      ),
    refetchInterval: 30_000,
    placeholderData: (prev) => prev,
  })
}

/** The character's jobs, newest first. Live jobs are kept fresh by their event streams; a slow poll is the safety net. */
export function useJobs(characterId: string | undefined) {
  return useQuery({
    queryKey: jobsKey(characterId ?? ''),
    queryFn: async () => (await data(client.GET('/api/v1/generations', { params: { query: { characterId, limit: 60 } } }))) as Job[],
    enabled: !!characterId,
    refetchInterval: (q) => ((q.state.data ?? []).some(isActive) ? 10_000 : false),
  })
}

/** Finished generations of a character. */
export function useSucceededJobs(characterId: string | undefined) {
  return useQuery({
    queryKey: ['generations', characterId ?? '', 'SUCCEEDED'],
    queryFn: async () => (await data(client.GET('/api/v1/generations', { params: { query: { characterId, status: 'SUCCEEDED', limit: 60 } } }))) as Job[],
    enabled: !!characterId,
    staleTime: 15_000,
  })
}

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => data(client.GET('/api/v1/users')) })
}

export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: () => data(client.GET('/api/v1/tokens')) })
}

export function useBackends() {
  return useQuery({ queryKey: backendsKey, queryFn: () => data(client.GET('/api/v1/backends')), refetchInterval: 30_000 })
}

export function useComfyTemplates() {
  return useQuery({ queryKey: ['comfyui-templates'], queryFn: () => data(client.GET('/api/v1/comfyui/templates')), staleTime: 60_000 })
}

export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => data(client.GET('/api/v1/notifications', { params: { query: { unread: true } } })),
    refetchInterval: 20_000,
    refetchIntervalInBackground: false,
  })
}
