import { useQueries, useQuery } from '@tanstack/react-query'
import { client, data } from './api'
import type { components } from './api-schema'

/**
 * The analytics API (docs/api.md, "Analytics"), one hook per resource through the generated client. Kept apart from
 * queries.ts so the Analytics page and the composer's numbers share it without pulling in the charts.
 */
type Schemas = components['schemas']
export type AnalyticsPublication = Schemas['PublicationItem']
export type AnalyticsPublicationList = Schemas['PublicationList']
export type AnalyticsPublicationDetail = Schemas['PublicationDetail']
export type AnalyticsChannelReport = Schemas['ChannelReport']
export type CollectionRow = Schemas['CollectionRow']
/** A ranked hour of the week: weekday, hour, score, samples. */
export type BestTimeSlot = Schemas['BestTimeSlot']
export type BestTimes = Schemas['Answer']
export type BestTimesApplied = Schemas['Applied']

export interface AnalyticsFilter {
  characterId?: string
  channelId?: string
  from: string
  to: string
}

export const analyticsKey = ['analytics'] as const

export function useAnalyticsPublications(f: AnalyticsFilter, enabled = true) {
  return useQuery({
    queryKey: [...analyticsKey, 'publications', f],
    queryFn: () =>
      data(
        client.GET('/api/v1/analytics/publications', {
          params: {
            query: { characterId: f.characterId || undefined, channelId: f.channelId || undefined, from: f.from, to: f.to, sort: 'publishedAt', limit: 500 },
          },
        }),
      ),
    enabled,
    placeholderData: (prev) => prev,
    staleTime: 30_000,
  })
}

/** The account series of several channels at once (one request each), for the followers chart. */
export function useChannelReports(channelIds: string[], from: string, to: string) {
  return useQueries({
    queries: channelIds.map((id) => ({
      queryKey: [...analyticsKey, 'channel', id, from, to],
      queryFn: () => data(client.GET('/api/v1/analytics/channels/{channelId}', { params: { path: { channelId: id }, query: { from, to } } })),
      staleTime: 30_000,
    })),
  })
}

export function useCollectionStatus() {
  return useQuery({
    queryKey: [...analyticsKey, 'collection'],
    queryFn: () => data(client.GET('/api/v1/analytics/collection')),
    refetchInterval: 60_000,
  })
}

export function useBestTimes(channelId: string | undefined) {
  return useQuery({
    queryKey: [...analyticsKey, 'best-times', channelId ?? ''],
    queryFn: async () => (await data(client.GET('/api/v1/channels/{channelId}/best-times', { params: { path: { channelId: channelId! } } }))) as unknown as BestTimes,
    enabled: !!channelId,
    staleTime: 60_000,
  })
}

/** One publication's numbers (404 until it is published and sampled: then there is nothing to show). */
export function usePublicationMetrics(publicationId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...analyticsKey, 'publication', publicationId ?? ''],
    queryFn: () => data(client.GET('/api/v1/analytics/publications/{publicationId}', { params: { path: { publicationId: publicationId! } } })),
    enabled: !!publicationId && enabled,
    retry: false,
    staleTime: 60_000,
  })
}
