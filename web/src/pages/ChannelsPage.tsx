import * as React from 'react'
import { useSearchParams } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { CheckCircle2, ChevronDown, ChevronRight, ExternalLink, LogIn, Plug, Plus, Radio, RefreshCw, Trash2 } from 'lucide-react'
import { errorMessage } from '@/lib/api'
import type { Channel, ChannelInput, Character, QueueSlot, User } from '@/lib/model'
import { useChannels, useCharacters } from '@/lib/queries'
import { usePlatform, usePlatformName } from '@/lib/descriptors'
import { cn, formatDate } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { CharacterAvatar } from '@/components/ui/avatar'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { EmptyState } from '@/components/ui/empty-state'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Select } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { Switch } from '@/components/ui/switch'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from './AuthShell'
import { ChannelDialog } from './channels/ChannelDialog'
import { ChannelInboxSettings } from './channels/ChannelInboxSettings'
import { AccountPicker, ConnectAccountDialog } from './channels/ConnectAccount'
import { WEEKDAYS, weekdayLabel } from './channels/platforms'
import { PublicAddresses } from './channels/PublicAddresses'
import { client, data } from '@/lib/api'

export function ChannelsPage({ user }: { user: User }) {
  const owner = user.role === 'OWNER'
  const [params, setParams] = useSearchParams()
  const characterId = params.get('character') ?? ''
  const highlight = params.get('channel') ?? ''
  const characters = useCharacters()
  const channels = useChannels(characterId)
  const [editing, setEditing] = React.useState<Channel | null | 'new'>(null)
  const [connecting, setConnecting] = React.useState(false)
  const connectionId = params.get('connection')
  const characterOf = (id: string) => characters.data?.find((c) => c.id === id)

  React.useEffect(() => {
    if (highlight && channels.data) document.getElementById(`channel-${highlight}`)?.scrollIntoView({ block: 'center' })
  }, [highlight, channels.data])

  const options = [
    { value: 'all', label: 'All characters' },
    ...(characters.data ?? []).map((c) => ({
      value: c.id,
      label: c.name,
      icon: <CharacterAvatar name={c.name} assetId={c.avatarAssetId} className="size-5 shrink-0 rounded" textClassName="text-[10px]" />,
    })),
  ]

  return (
    <div>
      <PageHeader
        title="Channels"
        description="Where each character publishes: social accounts, chats, webhooks and the public feed."
        actions={
          owner && (
            <div className="flex gap-2">
              <Button variant="outline" onClick={() => setConnecting(true)} data-testid="connect-account" disabled={!characters.data?.length}>
                <LogIn /> Connect account
              </Button>
              <Button onClick={() => setEditing('new')} data-testid="connect-channel" disabled={!characters.data?.length}>
                <Plus /> Connect channel
              </Button>
            </div>
          )
        }
      />
      <div className="mb-6 grid w-64 gap-1.5">
        <Label htmlFor="channels-character">Character</Label>
        <Select
          id="channels-character"
          value={characterId || 'all'}
          options={options}
          onValueChange={(v) =>
            setParams(
              (prev) => {
                const n = new URLSearchParams(prev)
                if (v === 'all') n.delete('character')
                else n.set('character', v)
                n.delete('channel')
                return n
              },
              { replace: true },
            )
          }
        />
      </div>
      {channels.isPending ? (
        <div className="grid gap-4">
          <Skeleton className="h-32 rounded-xl" />
          <Skeleton className="h-32 rounded-xl" />
        </div>
      ) : channels.isError ? (
        <FormAlert>{errorMessage(channels.error)}</FormAlert>
      ) : channels.data.length === 0 ? (
        <EmptyState
          icon={<Radio />}
          title="No channels yet"
          action={
            owner && (
              <Button onClick={() => setEditing('new')}>
                <Plus /> Connect channel
              </Button>
            )
          }
        >
          Connect a platform account, a chat, a webhook or the built-in public feed. {owner ? '' : 'Owners connect channels.'}
        </EmptyState>
      ) : (
        <ul className="grid gap-4" data-testid="channels-list">
          {channels.data.map((c) => (
            <li key={c.id} id={`channel-${c.id}`}>
              <ChannelRow channel={c} character={characterOf(c.characterId)} user={user} highlighted={c.id === highlight} onReconnect={() => setEditing(c)} />
            </li>
          ))}
        </ul>
      )}
      <ChannelDialog
        open={editing !== null}
        channel={editing === 'new' ? null : editing}
        characters={characters.data ?? []}
        defaultCharacterId={characterId}
        onOpenChange={(o) => !o && setEditing(null)}
      />
      <ConnectAccountDialog open={connecting} onOpenChange={setConnecting} characters={characters.data ?? []} defaultCharacterId={characterId} />
      {connectionId && (
        <AccountPicker
          connectionId={connectionId}
          onDone={() =>
            setParams(
              (prev) => {
                const n = new URLSearchParams(prev)
                n.delete('connection')
                return n
              },
              { replace: true },
            )
          }
        />
      )}
    </div>
  )
}

function ChannelRow({
  channel: c,
  character,
  user,
  highlighted,
  onReconnect,
}: {
  channel: Channel
  character: Character | undefined
  user: User
  highlighted: boolean
  onReconnect: () => void
}) {
  const platformName = usePlatformName()
  const descriptor = usePlatform(c.platform)
  const qc = useQueryClient()
  const toast = useToast()
  const owner = user.role === 'OWNER'
  const editor = owner || user.role === 'EDITOR'
  const [confirmAuto, setConfirmAuto] = React.useState(false)
  const [deleting, setDeleting] = React.useState(false)
  const [slotsOpen, setSlotsOpen] = React.useState(false)
  const [slots, setSlots] = React.useState<QueueSlot[]>(c.queueSlots ?? [])
  React.useEffect(() => setSlots(c.queueSlots ?? []), [c.queueSlots])
  const ok = c.status === 'OK'
  // a platform that needs no account (Troupe's own) has nothing to verify
  const accountless = usePlatform(c.platform)?.connect.kind === 'none'

  const replace = (next: Channel) => qc.setQueriesData<Channel[]>({ queryKey: ['channels'] }, (list) => list?.map((x) => (x.id === next.id ? next : x)))

  const verify = useMutation({
    mutationFn: () => data(client.POST('/api/v1/channels/{id}/verify', { params: { path: { id: c.id } } })),
    onSuccess: (next) => {
      if (next?.id) replace(next)
      qc.invalidateQueries({ queryKey: ['channels'] })
      if (next?.status === 'NEEDS_RECONNECT') toast.error('Verification failed', next.statusReason ?? 'The platform refused the credentials.')
      else toast.success('Channel verified', next?.account?.handle ? `@${next.account.handle.replace(/^@/, '')}` : c.name)
    },
    onError: (e) => toast.error('Could not verify', errorMessage(e)),
  })
  const patch = useMutation({
    mutationFn: (body: ChannelInput) => data(client.PATCH('/api/v1/channels/{id}', { params: { path: { id: c.id } }, body })),
    onSuccess: (next, body) => {
      if (next?.id) replace(next)
      qc.invalidateQueries({ queryKey: ['channels'] })
      setConfirmAuto(false)
      toast.success('autoApprove' in body ? (body.autoApprove ? 'Auto-approve on' : 'Auto-approve off') : 'Queue saved')
    },
    onError: (e) => toast.error('Could not save the channel', errorMessage(e)),
  })
  const remove = useMutation({
    mutationFn: () => data(client.DELETE('/api/v1/channels/{id}', { params: { path: { id: c.id } } })),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['channels'] })
      toast.success('Channel deleted', c.name)
    },
    onError: (e) => toast.error('Could not delete the channel', errorMessage(e)),
  })

  const slotsDirty = JSON.stringify(slots) !== JSON.stringify(c.queueSlots ?? [])
  const slotsValid = slots.every((s) => WEEKDAYS.includes(s.day) && /^\d{2}:\d{2}$/.test(s.time))

  return (
    <Card data-testid="channel-row" data-channel-id={c.id} data-platform={c.platform} data-status={c.status} className={cn('p-5', highlighted && 'ring-2 ring-violet-400')}>
      <div className="flex flex-wrap items-start gap-4">
        <PlatformIcon platform={c.platform} className="size-10 rounded-lg text-base [&_svg]:size-5" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-base font-semibold text-zinc-900">{c.name}</h2>
            <span className="text-sm text-zinc-500">{platformName(c.platform)}</span>
            {ok ? (
              <Badge variant="success" data-testid="channel-status">
                OK
              </Badge>
            ) : (
              <Badge variant="warning" data-testid="channel-status">
                Needs reconnect
              </Badge>
            )}
            {c.autoApprove && <Badge variant="secondary">Auto-approve</Badge>}
          </div>
          <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-zinc-600">
            {character && (
              <span className="inline-flex items-center gap-1.5">
                <CharacterAvatar name={character.name} assetId={character.avatarAssetId} className="size-5 rounded" textClassName="text-[10px]" />
                {character.name}
              </span>
            )}
            {c.account ? (
              <span className="inline-flex min-w-0 items-center gap-1.5" data-testid="channel-account">
                {c.account.avatarUrl && <img src={c.account.avatarUrl} alt="" className="size-5 rounded-full object-cover" />}
                <span className="truncate">{c.account.name}</span>
                {c.account.handle && <span className="truncate text-zinc-400">@{c.account.handle.replace(/^@/, '')}</span>}
                {c.account.profileUrl && (
                  <a href={c.account.profileUrl} target="_blank" rel="noreferrer" aria-label="Open profile" className="text-violet-700">
                    <ExternalLink className="size-3.5" />
                  </a>
                )}
              </span>
            ) : accountless ? null : (
              <span className="text-zinc-500">Account not verified yet</span>
            )}
            {c.baseUrl && <span className="truncate font-mono text-xs text-zinc-400">{c.baseUrl}</span>}
          </div>
          {accountless && <PublicAddresses channelId={c.id} />}
          {!ok && c.statusReason && <p className="mt-2 text-sm text-amber-800">{c.statusReason}</p>}
          {c.blockedUntil && new Date(c.blockedUntil).getTime() > Date.now() && <p className="mt-1 text-xs text-zinc-500">Rate-limited until {formatDate(c.blockedUntil)}.</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {editor && !accountless && (
            <Button variant="outline" size="sm" data-testid="channel-verify" disabled={verify.isPending} onClick={() => verify.mutate()}>
              {verify.isPending ? <RefreshCw className="animate-spin" /> : <CheckCircle2 />} Verify
            </Button>
          )}
          {owner && (
            <Button variant={ok ? 'ghost' : 'default'} size="sm" data-testid="channel-reconnect" onClick={onReconnect}>
              <Plug /> Reconnect
            </Button>
          )}
          {owner && (
            <Button variant="ghost" size="icon" aria-label={`Delete ${c.name}`} data-testid="channel-delete" onClick={() => setDeleting(true)}>
              <Trash2 />
            </Button>
          )}
        </div>
      </div>

      <div className="mt-4 flex flex-wrap items-center gap-x-8 gap-y-3 border-t border-zinc-100 pt-4">
        <div className="flex items-center gap-2">
          <Switch
            id={`auto-${c.id}`}
            data-testid="channel-auto-approve"
            checked={c.autoApprove}
            disabled={!owner || patch.isPending}
            onCheckedChange={(v) => (v ? setConfirmAuto(true) : patch.mutate({ autoApprove: false }))}
          />
          <Label htmlFor={`auto-${c.id}`} className="font-normal">
            Auto-approve {!owner && <span className="text-xs text-zinc-400">(owners change this)</span>}
          </Label>
        </div>
        <button
          type="button"
          className="inline-flex items-center gap-1 text-sm font-medium text-zinc-700 hover:text-zinc-900"
          aria-expanded={slotsOpen}
          onClick={() => setSlotsOpen((o) => !o)}
        >
          {slotsOpen ? <ChevronDown className="size-4" /> : <ChevronRight className="size-4" />}
          Queue slots
          <span className="font-normal text-zinc-500">
            {(c.queueSlots ?? []).length ? `· ${(c.queueSlots ?? []).map((s) => `${weekdayLabel(s.day)} ${s.time}`).join(', ')}` : '· none'}
          </span>
        </button>
      </div>
      {slotsOpen && (
        <div className="mt-3 grid gap-2" data-testid="queue-slots">
          <p className="text-xs text-zinc-500">
            “Add to queue” puts a post in the next free slot, in {character?.name ?? 'the character'}’s zone ({character?.timeZone || 'UTC'}).
          </p>
          {slots.map((s, i) => (
            <div key={i} className="flex items-center gap-2">
              <div className="w-40">
                <Select
                  aria-label={`Slot ${i + 1} day`}
                  value={s.day}
                  disabled={!owner}
                  options={WEEKDAYS.map((d) => ({ value: d, label: d.charAt(0) + d.slice(1).toLowerCase() }))}
                  onValueChange={(v) => setSlots(slots.map((x, j) => (j === i ? { ...x, day: v as QueueSlot['day'] } : x)))}
                />
              </div>
              <Input
                type="time"
                aria-label={`Slot ${i + 1} time`}
                className="w-32"
                disabled={!owner}
                value={s.time}
                onChange={(e) => setSlots(slots.map((x, j) => (j === i ? { ...x, time: e.target.value.slice(0, 5) } : x)))}
              />
              {owner && (
                <Button variant="ghost" size="icon" aria-label={`Remove slot ${i + 1}`} onClick={() => setSlots(slots.filter((_, j) => j !== i))}>
                  <Trash2 />
                </Button>
              )}
            </div>
          ))}
          {owner && (
            <div className="flex gap-2">
              <Button
                variant="outline"
                size="sm"
                onClick={() => setSlots([...slots, { day: slots[slots.length - 1]?.day ?? 'MONDAY', time: slots[slots.length - 1]?.time ?? '09:00' }])}
              >
                <Plus /> Add slot
              </Button>
              {slotsDirty && (
                <Button size="sm" disabled={!slotsValid || patch.isPending} onClick={() => patch.mutate({ queueSlots: slots })}>
                  Save slots
                </Button>
              )}
            </div>
          )}
        </div>
      )}

      <ChannelInboxSettings channel={c} descriptor={descriptor} user={user} />

      <ConfirmDialog
        open={confirmAuto}
        onOpenChange={setConfirmAuto}
        title={`Auto-approve posts for ${c.name}?`}
        description={
          <>
            Posts that target only auto-approving channels skip review: once an editor submits them they are approved and can be scheduled and published with no reviewer looking at
            them. This change is recorded in the audit log.
          </>
        }
        confirmLabel="Turn on auto-approve"
        destructive={false}
        pending={patch.isPending}
        onConfirm={() => patch.mutate({ autoApprove: true })}
      />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete ${c.name}?`}
        description="Its stored credentials are erased and posts no longer go there. Posts already published stay on the platform."
        confirmLabel="Delete channel"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </Card>
  )
}
