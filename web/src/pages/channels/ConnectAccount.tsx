import * as React from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { LogIn } from 'lucide-react'
import { errorMessage, get, post, ProblemError } from '@/lib/api'
import type { Character } from '@/lib/model'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Select } from '@/components/ui/select'
import { useToast } from '@/components/ui/toast'
import { FormAlert } from '../AuthShell'
import { usePlatformApps } from '../system/PlatformAppsSection'

interface ConnectionAccount {
  id: string
  name: string | null
  handle: string | null
  avatarUrl: string | null
}

interface Connection {
  id: string
  platform: string
  characterId: string
  accounts: ConnectionAccount[]
}

/** "Connect account": pick a platform with a registered app and a character, then sign in on the platform. */
export function ConnectAccountDialog({
  open,
  onOpenChange,
  characters,
  defaultCharacterId,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  characters: Character[]
  defaultCharacterId: string
}) {
  const apps = usePlatformApps(open)
  const ready = (apps.data ?? []).filter((a) => a.configured)
  const [platform, setPlatform] = React.useState('')
  const [characterId, setCharacterId] = React.useState(defaultCharacterId)
  const [instanceUrl, setInstanceUrl] = React.useState('')
  const perInstance = ready.find((a) => a.platform === platform)?.perInstance ?? false
  const start = useMutation({
    mutationFn: () => post<{ authorizationUrl: string }>('/api/v1/channels/connect', { platform, characterId, instanceUrl: perInstance ? instanceUrl : undefined }),
    onSuccess: (r) => window.location.assign(r.authorizationUrl),
  })
  const instanceError = start.error instanceof ProblemError ? start.error.fieldMap().instanceUrl : undefined
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="connect-account-dialog">
        <DialogHeader>
          <DialogTitle>Connect account</DialogTitle>
          <DialogDescription>You sign in on the platform and choose which accounts Troupe may publish to.</DialogDescription>
        </DialogHeader>
        {apps.isSuccess && ready.length === 0 ? (
          <FormAlert>No platform app is registered yet: add one under System → Platform apps.</FormAlert>
        ) : (
          <div className="grid gap-3">
            <Field id="connect-platform" label="Platform">
              <Select
                id="connect-platform"
                value={platform}
                onValueChange={setPlatform}
                placeholder="Choose a platform"
                options={ready.map((a) => ({ value: a.platform, label: a.platform }))}
                data-testid="connect-platform"
              />
            </Field>
            {perInstance && (
              <Field id="connect-instance" label="Instance URL" hint="The server the account lives on." error={instanceError}>
                <Input
                  id="connect-instance"
                  value={instanceUrl}
                  onChange={(e) => setInstanceUrl(e.target.value)}
                  placeholder="https://mastodon.social"
                  data-testid="connect-instance"
                />
              </Field>
            )}
            <Field id="connect-character" label="Character">
              <Select
                id="connect-character"
                value={characterId}
                onValueChange={setCharacterId}
                placeholder="Choose a character"
                options={characters.map((c) => ({ value: c.id, label: c.name }))}
              />
            </Field>
          </div>
        )}
        {start.isError && <FormAlert>{errorMessage(start.error)}</FormAlert>}
        <DialogFooter>
          <Button onClick={() => start.mutate()} disabled={!platform || !characterId || (perInstance && !instanceUrl.trim()) || start.isPending} data-testid="connect-start">
            <LogIn /> Continue on {platform || 'the platform'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}

/** After the platform sent the browser back: which of the accounts the login covers become channels. */
export function AccountPicker({ connectionId, onDone }: { connectionId: string; onDone: () => void }) {
  const qc = useQueryClient()
  const toast = useToast()
  const connection = useQuery({ queryKey: ['connection', connectionId], queryFn: () => get<Connection>(`/api/v1/connections/${connectionId}`), retry: false })
  const [picked, setPicked] = React.useState<string[]>([])
  React.useEffect(() => {
    if (connection.data?.accounts.length === 1) setPicked([connection.data.accounts[0].id])
  }, [connection.data])
  const create = useMutation({
    mutationFn: () => post<unknown[]>(`/api/v1/connections/${connectionId}/channels`, { accountIds: picked }),
    onSuccess: (channels) => {
      qc.invalidateQueries({ queryKey: ['channels'] })
      toast.success('Connected', `${channels.length} channel${channels.length === 1 ? '' : 's'} ready to publish.`)
      onDone()
    },
  })
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]))
  return (
    <Dialog open onOpenChange={(o) => !o && onDone()}>
      <DialogContent data-testid="account-picker">
        <DialogHeader>
          <DialogTitle>Choose accounts</DialogTitle>
          <DialogDescription>Each account you pick becomes a channel of the character.</DialogDescription>
        </DialogHeader>
        {connection.isError ? (
          <FormAlert>{errorMessage(connection.error)}</FormAlert>
        ) : (
          <ul className="grid gap-2">
            {(connection.data?.accounts ?? []).map((a) => (
              <li key={a.id}>
                <label className="flex items-center gap-3 rounded-lg border border-zinc-200 p-3 text-sm">
                  <input type="checkbox" checked={picked.includes(a.id)} onChange={() => toggle(a.id)} data-testid={`pick-${a.id}`} />
                  {a.avatarUrl && <img src={a.avatarUrl} alt="" className="size-8 rounded-full" />}
                  <span className="font-medium text-zinc-900">{a.name}</span>
                  {a.handle && <span className="text-zinc-500">{a.handle}</span>}
                </label>
              </li>
            ))}
          </ul>
        )}
        {create.isError && <FormAlert>{errorMessage(create.error)}</FormAlert>}
        <DialogFooter>
          <Button onClick={() => create.mutate()} disabled={picked.length === 0 || create.isPending} data-testid="create-channels">
            Connect {picked.length || ''} account{picked.length === 1 ? '' : 's'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
