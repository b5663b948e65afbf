import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { client, data, errorMessage } from '@/lib/api'
import { blocklistKey, inboxKey, useBlocklist } from '@/lib/inbox'
import type { User } from '@/lib/model'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Label } from '@/components/ui/label'
import { Skeleton } from '@/components/ui/skeleton'
import { TagInput } from '@/components/ui/tag-input'
import { useToast } from '@/components/ui/toast'
import { FormAlert } from '../AuthShell'

/** The studio-wide inbox block list: items from these accounts, or with these words, are dismissed when collected. */
export function InboxBlocklistSection({ user }: { user: User }) {
  const list = useBlocklist()
  const qc = useQueryClient()
  const toast = useToast()
  const owner = user.role === 'OWNER'
  const [accounts, setAccounts] = React.useState<string[]>([])
  const [words, setWords] = React.useState<string[]>([])
  React.useEffect(() => {
    if (list.data) {
      setAccounts(list.data.accounts)
      setWords(list.data.words)
    }
  }, [list.data])
  const save = useMutation({
    mutationFn: () => data(client.PUT('/api/v1/inbox/blocklist', { body: { accounts, words } })),
    onSuccess: (next) => {
      qc.setQueryData(blocklistKey, next)
      qc.invalidateQueries({ queryKey: inboxKey })
      toast.success('Block list saved')
    },
  })
  const dirty = !!list.data && (JSON.stringify(accounts) !== JSON.stringify(list.data.accounts) || JSON.stringify(words) !== JSON.stringify(list.data.words))
  if (list.isPending) return <Skeleton className="h-48" />
  if (list.isError) return <FormAlert>{errorMessage(list.error)}</FormAlert>
  return (
    <Card className="grid gap-4 p-6" data-testid="inbox-blocklist">
      <p className="text-sm text-zinc-600">
        What people say to your characters from these accounts, or with these words, is dismissed as soon as it is collected: it never waits for an answer. Owners edit this list.
      </p>
      {save.isError && <FormAlert>{errorMessage(save.error)}</FormAlert>}
      <div className="grid gap-1.5">
        <Label htmlFor="blocklist-accounts">Accounts</Label>
        <TagInput id="blocklist-accounts" value={accounts} onChange={setAccounts} disabled={!owner} placeholder="@spam@example.social, then Enter" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="blocklist-words">Words</Label>
        <TagInput id="blocklist-words" value={words} onChange={setWords} disabled={!owner} placeholder="casino, then Enter" />
      </div>
      {owner && (
        <div>
          <Button disabled={!dirty || save.isPending} onClick={() => save.mutate()} data-testid="blocklist-save">
            {save.isPending ? 'Saving…' : 'Save block list'}
          </Button>
        </div>
      )}
    </Card>
  )
}
