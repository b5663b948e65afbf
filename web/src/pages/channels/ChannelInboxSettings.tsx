import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ChevronDown, ChevronRight } from 'lucide-react'
import { client, data, errorMessage } from '@/lib/api'
import { channelInboxKey, inboxCountKey, useChannelInbox } from '@/lib/inbox'
import type { Channel, PlatformDescriptor, User } from '@/lib/model'
import { formatDate } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Switch } from '@/components/ui/switch'
import { useToast } from '@/components/ui/toast'

/**
 * A channel's inbox: read what people say to the character (on/off), auto-approve replies (only where the platform's
 * rules allow it: otherwise the switch is off and says why) and how many automatic replies one conversation may get.
 * Shown only for platforms whose descriptor has an inbox. Owners change it.
 */
export function ChannelInboxSettings({ channel, descriptor, user }: { channel: Channel; descriptor: PlatformDescriptor | undefined; user: User }) {
  const kinds = descriptor?.inbox?.kinds ?? []
  const [open, setOpen] = React.useState(false)
  const settings = useChannelInbox(channel.id, open && kinds.length > 0)
  const qc = useQueryClient()
  const toast = useToast()
  const owner = user.role === 'OWNER'
  const [max, setMax] = React.useState('')
  React.useEffect(() => setMax(settings.data ? String(settings.data.maxAutoRepliesPerConversation) : ''), [settings.data])
  const save = useMutation({
    mutationFn: (body: { enabled?: boolean; autoApproveReplies?: boolean; maxAutoRepliesPerConversation?: number }) =>
      data(client.PUT('/api/v1/channels/{channelId}/inbox', { params: { path: { channelId: channel.id } }, body })),
    onSuccess: (next) => {
      qc.setQueryData(channelInboxKey(channel.id), next)
      qc.invalidateQueries({ queryKey: inboxCountKey })
      toast.success('Inbox settings saved', channel.name)
    },
    onError: (e) => toast.error('Could not save the inbox settings', errorMessage(e)),
  })
  if (kinds.length === 0) return null
  const s = settings.data
  const allowed = descriptor?.inbox?.autoReplyAllowed ?? false
  const note = descriptor?.inbox?.automationNote
  return (
    <div className="mt-3 border-t border-zinc-100 pt-3" data-testid="channel-inbox">
      <button
        type="button"
        className="inline-flex items-center gap-1 text-sm font-medium text-zinc-700 hover:text-zinc-900"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? <ChevronDown className="size-4" /> : <ChevronRight className="size-4" />}
        Inbox
        <span className="font-normal text-zinc-500">· reads {kinds.join(', ')}</span>
      </button>
      {open && (
        <div className="mt-3 grid gap-3">
          {settings.isPending ? (
            <p className="text-sm text-zinc-500">Loading…</p>
          ) : settings.isError ? (
            <p className="text-sm text-red-700">{errorMessage(settings.error)}</p>
          ) : (
            s && (
              <>
                <div className="flex items-center gap-2">
                  <Switch
                    id={`inbox-on-${channel.id}`}
                    data-testid="channel-inbox-enabled"
                    checked={s.enabled}
                    disabled={!owner || save.isPending}
                    onCheckedChange={(v) => save.mutate({ enabled: v })}
                  />
                  <Label htmlFor={`inbox-on-${channel.id}`} className="font-normal">
                    Read the inbox {!owner && <span className="text-xs text-zinc-400">(owners change this)</span>}
                  </Label>
                </div>
                <div className="grid gap-1">
                  <div className="flex items-center gap-2">
                    <Switch
                      id={`inbox-auto-${channel.id}`}
                      data-testid="channel-inbox-auto"
                      checked={s.autoApproveReplies}
                      disabled={!owner || !allowed || save.isPending}
                      onCheckedChange={(v) => save.mutate({ autoApproveReplies: v })}
                    />
                    <Label htmlFor={`inbox-auto-${channel.id}`} className="font-normal">
                      Auto-approve replies
                    </Label>
                  </div>
                  {!allowed ? (
                    <p className="text-xs text-amber-800" data-testid="channel-inbox-auto-reason">
                      Not available: {note ?? `${descriptor?.displayName ?? 'this platform'} does not allow automated replies`}.
                    </p>
                  ) : (
                    <p className="text-xs text-zinc-500">Replies skip review, up to the limit below per conversation; turning this on is recorded in the audit log.</p>
                  )}
                </div>
                {allowed && (
                  <div className="flex items-center gap-2">
                    <Label htmlFor={`inbox-max-${channel.id}`} className="font-normal">
                      Automatic replies per conversation
                    </Label>
                    <Input id={`inbox-max-${channel.id}`} type="number" min={0} className="w-20" disabled={!owner} value={max} onChange={(e) => setMax(e.target.value)} />
                    {owner && max !== String(s.maxAutoRepliesPerConversation) && (
                      <Button size="sm" disabled={save.isPending || !/^\d+$/.test(max)} onClick={() => save.mutate({ maxAutoRepliesPerConversation: Number(max) })}>
                        Save
                      </Button>
                    )}
                  </div>
                )}
                <p className="text-xs text-zinc-500">
                  {s.lastPolledAt ? `Last read ${formatDate(s.lastPolledAt)}.` : 'Not read yet.'}
                  {s.lastError ? ` Last error: ${s.lastError}` : ''}
                </p>
              </>
            )
          )}
        </div>
      )}
    </div>
  )
}
