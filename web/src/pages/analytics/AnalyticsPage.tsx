import { Link, useSearchParams } from 'react-router'
import { BarChart3, Download } from 'lucide-react'
import { errorMessage } from '@/lib/api'
import type { User } from '@/lib/model'
import { useChannels, useCharacters } from '@/lib/queries'
import { usePlatformName } from '@/lib/descriptors'
import { useAnalyticsPublications, useChannelReports, type AnalyticsPublication } from '@/lib/analytics'
import { cn } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { CharacterAvatar } from '@/components/ui/avatar'
import { EmptyState } from '@/components/ui/empty-state'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Select } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from '../AuthShell'
import { EngagementChart, FollowersChart, PlatformChart } from './Charts'
import { BestTimesCard } from './BestTimesCard'
import { CollectionCard } from './CollectionCard'
import { Empty, Panel } from './Panel'
import { PRESETS, apiRange, bestAndWorst, compact, engagementPerPost, exportLinks, followersOverTime, platformBreakdown, presetRange, validRange, type Range } from './shape'

const MAX_CHANNEL_LINES = 8

/**
 * Analytics: per character and channel, over a date range — followers, engagement per post, best and worst posts,
 * the per-platform breakdown, CSV exports, the best times to post (one click makes them queue slots) and what
 * collection is doing. Filters live in the address, so a view can be shared.
 */
export function AnalyticsPage({ user }: { user: User }) {
  const [params, setParams] = useSearchParams()
  const characterId = params.get('character') ?? ''
  const channelId = params.get('channel') ?? ''
  const fallback = presetRange(30)
  const range: Range = { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to }
  const rangeOk = validRange(range)
  const api = rangeOk ? apiRange(range) : apiRange(fallback)

  const characters = useCharacters()
  const channels = useChannels(characterId)
  const platformName = usePlatformName()
  const list = useAnalyticsPublications({ characterId, channelId, ...api }, rangeOk)

  const shownChannels = (channels.data ?? []).filter((c) => !channelId || c.id === channelId).slice(0, MAX_CHANNEL_LINES)
  const reports = useChannelReports(
    shownChannels.map((c) => c.id),
    api.from,
    api.to,
  )

  const set = (patch: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v)
          else next.delete(k)
        }
        return next
      },
      { replace: true },
    )

  const characterOptions = [
    { value: 'all', label: 'All characters' },
    ...(characters.data ?? []).map((c) => ({
      value: c.id,
      label: c.name,
      icon: <CharacterAvatar name={c.name} assetId={c.avatarAssetId} className="size-5 shrink-0 rounded" textClassName="text-[10px]" />,
    })),
  ]
  const channelOptions = [
    { value: 'all', label: 'All channels' },
    ...(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${platformName(c.platform)})`, icon: <PlatformIcon platform={c.platform} className="size-5" /> })),
  ]
  const channel = channels.data?.find((c) => c.id === channelId)

  const items = list.data?.items ?? []
  const bars = engagementPerPost(items)
  const { best, worst } = bestAndWorst(items)
  const followers = followersOverTime(shownChannels.map((c, i) => ({ key: c.id, label: `${c.name} (${platformName(c.platform)})`, series: reports[i]?.data?.series ?? [] })))
  const reportsLoading = reports.some((r) => r.isPending)
  const totals = list.data?.totals

  return (
    <div>
      <PageHeader
        title="Analytics"
        description="What the platforms report about the characters' posts and accounts, sampled over time."
        actions={exportLinks({ characterId, channelId, range: rangeOk ? range : fallback }).map((l) => (
          <Button key={l.label} variant="outline" asChild>
            <a href={l.href} download data-testid="analytics-export">
              <Download /> {l.label}
            </a>
          </Button>
        ))}
      />

      <div className="mb-6 flex flex-wrap items-end gap-4" data-testid="analytics-filters">
        <div className="grid w-56 gap-1.5">
          <Label htmlFor="analytics-character">Character</Label>
          <Select
            id="analytics-character"
            value={characterId || 'all'}
            options={characterOptions}
            onValueChange={(v) => set({ character: v === 'all' ? null : v, channel: null })}
          />
        </div>
        <div className="grid w-64 gap-1.5">
          <Label htmlFor="analytics-channel">Channel</Label>
          <Select
            id="analytics-channel"
            data-testid="analytics-channel"
            value={channelId || 'all'}
            options={channelOptions}
            onValueChange={(v) => set({ channel: v === 'all' ? null : v })}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="analytics-from">From</Label>
          <Input
            id="analytics-from"
            type="date"
            value={range.from}
            max={range.to}
            onChange={(e) => set({ from: e.target.value })}
            className="w-40"
            aria-invalid={!rangeOk || undefined}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="analytics-to">To</Label>
          <Input
            id="analytics-to"
            type="date"
            value={range.to}
            min={range.from}
            onChange={(e) => set({ to: e.target.value })}
            className="w-40"
            aria-invalid={!rangeOk || undefined}
          />
        </div>
        <div className="flex gap-1" role="group" aria-label="Date range presets">
          {PRESETS.map((days) => {
            const preset = presetRange(days)
            const active = preset.from === range.from && preset.to === range.to
            return (
              <Button key={days} size="sm" variant={active ? 'default' : 'outline'} onClick={() => set(preset as unknown as Record<string, string>)}>
                {days} days
              </Button>
            )
          })}
        </div>
      </div>
      {!rangeOk && <FormAlert>The range must start on or before its end; showing the last 30 days.</FormAlert>}

      {list.isPending ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Skeleton className="h-72 rounded-xl" />
          <Skeleton className="h-72 rounded-xl" />
        </div>
      ) : list.isError ? (
        <FormAlert>{errorMessage(list.error)}</FormAlert>
      ) : (
        <div className="grid gap-6">
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="analytics-totals">
            <Stat label="Publications" value={totals?.publications} />
            <Stat label="Reactions" value={totals?.reactions} />
            <Stat label="Shares" value={totals?.shares} />
            <Stat label="Comments" value={totals?.comments} />
            <Stat label="Views" value={totals?.views} />
          </div>

          <div className="grid gap-6 lg:grid-cols-2">
            <Panel title="Followers over time" testId="chart-followers">
              {reportsLoading ? (
                <Skeleton className="h-64" />
              ) : followers.lines.length === 0 ? (
                <Empty>No follower counts yet: they are sampled about once a day on channels whose platform reports them.</Empty>
              ) : (
                <FollowersChart rows={followers.rows} lines={followers.lines} />
              )}
            </Panel>
            <Panel title="Engagement per post" testId="chart-engagement">
              {bars.length === 0 ? <Empty>No post in this range has numbers yet.</Empty> : <EngagementChart bars={bars} />}
            </Panel>
          </div>

          <div className="grid gap-6 lg:grid-cols-2">
            <Panel title="By platform" testId="chart-platforms">
              {(list.data?.byPlatform ?? []).length === 0 ? (
                <Empty>Nothing published in this range.</Empty>
              ) : (
                <>
                  <PlatformChart rows={platformBreakdown(list.data!.byPlatform)} name={platformName} />
                  <table className="mt-3 w-full text-sm">
                    <thead className="text-left text-xs text-zinc-500">
                      <tr>
                        <th className="py-1 font-medium">Platform</th>
                        <th className="py-1 text-right font-medium">Posts</th>
                        <th className="py-1 text-right font-medium">Reactions</th>
                        <th className="py-1 text-right font-medium">Shares</th>
                        <th className="py-1 text-right font-medium">Comments</th>
                        <th className="py-1 text-right font-medium">Views</th>
                      </tr>
                    </thead>
                    <tbody className="tabular-nums">
                      {platformBreakdown(list.data!.byPlatform).map((r) => (
                        <tr key={r.platform} className="border-t border-zinc-100">
                          <td className="py-1.5">
                            <span className="flex items-center gap-2">
                              <PlatformIcon platform={r.platform} className="size-4" /> {platformName(r.platform)}
                            </span>
                          </td>
                          <td className="text-right">{r.publications}</td>
                          <td className="text-right">{compact(r.reactions)}</td>
                          <td className="text-right">{compact(r.shares)}</td>
                          <td className="text-right">{compact(r.comments)}</td>
                          <td className="text-right">{compact(r.views)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </Panel>
            <Panel title="Best and worst posts" testId="best-worst">
              {best.length === 0 ? (
                <Empty>No post in this range has numbers yet.</Empty>
              ) : (
                <div className="grid gap-4">
                  <PostList title="Best" items={best} platformName={platformName} />
                  {worst.length > 0 && <PostList title="Worst" items={worst} platformName={platformName} />}
                </div>
              )}
            </Panel>
          </div>

          <BestTimesCard channel={channel} user={user} platformName={platformName} />
          <CollectionCard characterId={characterId} channels={channels.data ?? []} platformName={platformName} />
        </div>
      )}
      {!list.isPending && !list.isError && (characters.data?.length ?? 0) === 0 && (
        <EmptyState icon={<BarChart3 />} title="No characters yet">
          Numbers appear once a character has published on a channel whose platform reports them.
        </EmptyState>
      )}
    </div>
  )
}

function Stat({ label, value }: { label: string; value: number | null | undefined }) {
  return (
    <Card className="p-4">
      <div className="text-xs font-medium text-zinc-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`total-${label.toLowerCase()}`}>
        {compact(value)}
      </div>
    </Card>
  )
}

function PostList({ title, items, platformName }: { title: string; items: AnalyticsPublication[]; platformName: (t: string) => string }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">{title}</h3>
      <ol className="grid gap-1" data-testid={`posts-${title.toLowerCase()}`}>
        {items.map((i) => (
          <li key={i.publicationId} className="flex items-center gap-2 text-sm">
            <PlatformIcon platform={i.platform} className="size-4 shrink-0" />
            <Link to={`/posts/${i.postId}`} className="min-w-0 flex-1 truncate hover:underline" title={`${platformName(i.platform)} · ${new Date(i.publishedAt).toLocaleString()}`}>
              {i.excerpt || '(no text)'}
            </Link>
            <span className={cn('shrink-0 tabular-nums font-medium', title === 'Best' ? 'text-emerald-700' : 'text-zinc-500')}>{compact(i.engagement)}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}
