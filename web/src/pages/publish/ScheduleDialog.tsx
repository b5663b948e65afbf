import * as React from 'react'
import { CalendarClock } from 'lucide-react'
import { errorMessage } from '@/lib/api'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { FormAlert } from '../AuthShell'
import { defaultScheduleValue } from './draft'
import { useBestTimes } from '@/lib/analytics'
import { nextSlotValue, slotLabel } from './goodTimes'

/**
 * Picks a publishing time in the character's zone: the keyboard way to schedule (Review's "Approve and
 * schedule…", the calendar's unscheduled tray). `initial` is a datetime-local value in that zone. With a
 * `channelId`, the channel's best times (from its own audience, see Analytics) are offered as one-click picks.
 */
export function ScheduleDialog({
  open,
  onOpenChange,
  title,
  description,
  timeZone,
  initial,
  confirmLabel = 'Schedule',
  pending,
  error,
  onConfirm,
  channelId,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: React.ReactNode
  timeZone: string
  initial?: string
  confirmLabel?: string
  pending?: boolean
  error?: unknown
  onConfirm: (at: string) => void
  channelId?: string
}) {
  const [at, setAt] = React.useState('')
  React.useEffect(() => {
    if (open) setAt(initial || defaultScheduleValue(timeZone))
  }, [open, initial, timeZone])
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="schedule-dialog">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault()
            if (at) onConfirm(at)
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description ?? <>Times are in {timeZone}.</>}</DialogDescription>
          </DialogHeader>
          {error != null && <FormAlert>{errorMessage(error)}</FormAlert>}
          <div className="grid gap-1.5">
            <Label htmlFor="schedule-dialog-at">Publish at ({timeZone})</Label>
            <Input id="schedule-dialog-at" type="datetime-local" data-testid="schedule-dialog-at" required value={at} onChange={(e) => setAt(e.target.value)} autoFocus />
          </div>
          {channelId && <GoodTimes channelId={channelId} timeZone={timeZone} onPick={setAt} />}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || !at} data-testid="schedule-dialog-confirm">
              <CalendarClock /> {pending ? 'Scheduling…' : confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}

/** The channel's three best hours of the week, each a button that fills the picker with its next occurrence. */
function GoodTimes({ channelId, timeZone, onPick }: { channelId: string; timeZone: string; onPick: (at: string) => void }) {
  const best = useBestTimes(channelId)
  const slots = best.data?.slots?.slice(0, 3) ?? []
  if (slots.length === 0) return null
  return (
    <div className="grid gap-1.5" data-testid="schedule-good-times">
      <p className="text-xs text-muted-foreground">
        Good times for this channel ({best.data?.confidence} confidence, from {best.data?.sampleSize} posts):
      </p>
      <div className="flex flex-wrap gap-2">
        {slots.map((s) => (
          <Button key={`${s.weekday}-${s.hour}`} type="button" variant="outline" size="sm" onClick={() => onPick(nextSlotValue(s.weekday, s.hour, timeZone))}>
            {slotLabel(s.weekday, s.hour)}
          </Button>
        ))}
      </div>
    </div>
  )
}
