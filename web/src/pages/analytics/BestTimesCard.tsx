import { useMutation, useQueryClient } from '@tanstack/react-query'
import { CalendarClock } from 'lucide-react'
import { client, data, errorMessage } from '@/lib/api'
import type { Channel, User } from '@/lib/model'
import { useBestTimes } from '@/lib/analytics'
import { plural } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useToast } from '@/components/ui/toast'
import { Empty, Panel } from './Panel'
import { slotRows } from './shape'

const SUGGESTED = 5
const CONFIDENCE: Record<string, 'success' | 'warning' | 'secondary'> = { high: 'success', medium: 'warning', low: 'secondary' }

/**
 * When the channel's audience reacts most (weekday × hour in the character's zone, from its own history, leaning on
 * the studio-wide pattern while it has little), and one click to make the top hours its queue slots.
 */
export function BestTimesCard({ channel, user, platformName }: { channel: Channel | undefined; user: User; platformName: (t: string) => string }) {
  const best = useBestTimes(channel?.id)
  const qc = useQueryClient()
  const toast = useToast()
  const apply = useMutation({
    mutationFn: () => data(client.POST('/api/v1/channels/{channelId}/best-times/apply', { params: { path: { channelId: channel!.id } }, body: { count: SUGGESTED } })),
    onSuccess: (applied) => {
      qc.invalidateQueries({ queryKey: ['channels'] })
      toast.success('Queue slots set', `${channel!.name} now has ${applied.queueSlots.length} queue slots from its best times.`)
    },
    onError: (e) => toast.error('Could not set the queue slots', errorMessage(e)),
  })

  if (!channel) {
    return (
      <Panel title="Best times to post" testId="best-times">
        <Empty>Choose a channel to see when its audience reacts most, and to turn those hours into queue slots.</Empty>
      </Panel>
    )
  }
  const rows = slotRows(best.data?.slots ?? [], SUGGESTED)
  return (
    <Panel
      title={`Best times to post on ${channel.name} (${platformName(channel.platform)})`}
      testId="best-times"
      actions={
        user.role === 'OWNER' &&
        rows.length > 0 && (
          <Button size="sm" onClick={() => apply.mutate()} disabled={apply.isPending} data-testid="apply-best-times">
            <CalendarClock /> Apply as queue slots
          </Button>
        )
      }
    >
      {best.isPending ? (
        <Empty>Working out the best times…</Empty>
      ) : best.isError ? (
        <Empty>{errorMessage(best.error)}</Empty>
      ) : rows.length === 0 ? (
        <Empty>Not enough history yet.</Empty>
      ) : (
        <div className="grid gap-3">
          <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-600">
            <Badge variant={CONFIDENCE[best.data!.confidence] ?? 'secondary'} data-testid="best-times-confidence">
              {best.data!.confidence} confidence
            </Badge>
            from {plural(best.data!.sampleSize, 'post')}, in {best.data!.timeZone}
          </p>
          <ol className="grid gap-1.5" data-testid="best-times-slots">
            {rows.map((r) => (
              <li key={r.label} className="grid grid-cols-[6rem_1fr_5rem] items-center gap-3 text-sm">
                <span className="font-medium tabular-nums">{r.label}</span>
                <span className="h-2 rounded-full bg-zinc-100">
                  <span className="block h-2 rounded-full bg-violet-500" style={{ width: `${r.relative}%` }} />
                </span>
                <span className="text-right text-xs tabular-nums text-zinc-500">{plural(r.samples, 'post')}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Panel>
  )
}
