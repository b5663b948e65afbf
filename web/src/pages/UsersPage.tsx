import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Check, Copy, KeyRound, Plus, ShieldOff, Trash2, UserPlus } from 'lucide-react'
import { errorMessage, ProblemError } from '@/lib/api'
import { ROLES, type ApiToken, type Role, type User } from '@/lib/model'
import { formatDate, roleLabel } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Field } from '@/components/ui/field'
import { Select } from '@/components/ui/select'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from './AuthShell'
import { useTokens, useUsers } from '@/lib/queries'
import { client, data } from '@/lib/api'

const roleOptions = ROLES.map((r) => ({ value: r, label: roleLabel(r) }))

export function UsersPage({ user }: { user: User }) {
  return (
    <div>
      <PageHeader
        title={user.role === 'OWNER' ? 'Users & tokens' : 'API tokens'}
        description={
          user.role === 'OWNER'
            ? 'Who can sign in to this studio, and the API tokens that act on your behalf.'
            : 'The API tokens that act on your behalf, for scripts and automations.'
        }
      />
      <div className="grid gap-8">
        {user.role === 'OWNER' && <UsersCard me={user} />}
        <TokensCard />
      </div>
    </div>
  )
}

function TableSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="space-y-3 p-6">
      {Array.from({ length: rows }).map((_, i) => (
        <Skeleton key={i} className="h-9 w-full" />
      ))}
    </div>
  )
}

function UsersCard({ me }: { me: User }) {
  const qc = useQueryClient()
  const toast = useToast()
  const users = useUsers()
  const [adding, setAdding] = React.useState(false)
  const [deleting, setDeleting] = React.useState<User | null>(null)

  const patchUser = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<{ role: Role; disabled: boolean }> }) => data(client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: (_u, vars) => {
      qc.invalidateQueries({ queryKey: ['users'] })
      toast.success(vars.body.role ? 'Role changed' : vars.body.disabled ? 'User disabled' : 'User enabled')
    },
    onError: (e) => {
      qc.invalidateQueries({ queryKey: ['users'] })
      toast.error('Could not update the user', errorMessage(e))
    },
  })
  const removeUser = useMutation({
    mutationFn: (id: string) => data(client.DELETE('/api/v1/users/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['users'] })
      toast.success('User deleted', deleting?.email)
      setDeleting(null)
    },
    onError: (e) => {
      toast.error('Could not delete the user', errorMessage(e))
      setDeleting(null)
    },
  })

  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Users</CardTitle>
          <CardDescription>Viewers read; reviewers also approve; editors create and edit characters and media; owners manage everything.</CardDescription>
        </div>
        <Button onClick={() => setAdding(true)}>
          <UserPlus /> Add user
        </Button>
      </CardHeader>
      {users.isPending ? (
        <TableSkeleton />
      ) : users.isError ? (
        <CardContent>
          <FormAlert>{errorMessage(users.error)}</FormAlert>
        </CardContent>
      ) : (
        <div className="overflow-x-auto border-t border-zinc-100">
          <table className="w-full text-sm" data-testid="users-table">
            <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
              <tr>
                <th className="px-6 py-3">User</th>
                <th className="px-6 py-3">Role</th>
                <th className="px-6 py-3">Status</th>
                <th className="px-6 py-3 text-right">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {users.data.map((u) => {
                const self = u.id === me.id
                return (
                  <tr key={u.id} className="hover:bg-zinc-50/60">
                    <td className="px-6 py-3">
                      <div className="font-medium text-zinc-900">
                        {u.displayName} {self && <span className="text-xs font-normal text-zinc-400">(you)</span>}
                      </div>
                      <div className="text-xs text-zinc-500">{u.email}</div>
                    </td>
                    <td className="w-48 px-6 py-3">
                      <Select
                        aria-label={`Role of ${u.email}`}
                        value={u.role}
                        options={roleOptions}
                        disabled={self || patchUser.isPending}
                        onValueChange={(r) => patchUser.mutate({ id: u.id, body: { role: r as Role } })}
                      />
                    </td>
                    <td className="px-6 py-3">{u.disabled ? <Badge variant="destructive">Disabled</Badge> : <Badge variant="success">Active</Badge>}</td>
                    <td className="px-6 py-3">
                      <div className="flex justify-end gap-1">
                        {!self && (
                          <>
                            <Button variant="ghost" size="sm" onClick={() => patchUser.mutate({ id: u.id, body: { disabled: !u.disabled } })}>
                              <ShieldOff /> {u.disabled ? 'Enable' : 'Disable'}
                            </Button>
                            <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50 hover:text-red-700" onClick={() => setDeleting(u)}>
                              <Trash2 /> Delete
                            </Button>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <AddUserDialog open={adding} onOpenChange={setAdding} />
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete ${deleting?.displayName ?? 'user'}?`}
        description={`${deleting?.email ?? ''} will no longer be able to sign in. Their tokens stop working.`}
        confirmLabel="Delete user"
        pending={removeUser.isPending}
        onConfirm={() => deleting && removeUser.mutate(deleting.id)}
      />
    </Card>
  )
}

function AddUserDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const qc = useQueryClient()
  const toast = useToast()
  const [email, setEmail] = React.useState('')
  const [displayName, setDisplayName] = React.useState('')
  const [password, setPassword] = React.useState('')
  const [role, setRole] = React.useState<Role>('EDITOR')
  const [local, setLocal] = React.useState<Record<string, string>>({})

  const m = useMutation({
    mutationFn: () => data(client.POST('/api/v1/users', { body: { email, displayName, password, role } })),
    onSuccess: (u) => {
      qc.invalidateQueries({ queryKey: ['users'] })
      toast.success('User added', u?.email ?? email)
      onOpenChange(false)
    },
  })
  React.useEffect(() => {
    if (open) {
      setEmail('')
      setDisplayName('')
      setPassword('')
      setRole('EDITOR')
      setLocal({})
      m.reset()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const server = m.error instanceof ProblemError ? m.error.fieldMap() : {}
  const errors = { ...server, ...local }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            const v: Record<string, string> = {}
            if (!email.includes('@')) v.email = 'Enter an email address'
            if (!displayName.trim()) v.displayName = 'Enter a display name'
            if (password.length < 10) v.password = 'At least 10 characters'
            setLocal(v)
            if (!Object.keys(v).length) m.mutate()
          }}
        >
          <DialogHeader>
            <DialogTitle>Add a user</DialogTitle>
            <DialogDescription>Share the password with them privately; they can sign in right away.</DialogDescription>
          </DialogHeader>
          {m.isError && !Object.keys(server).length && <FormAlert>{errorMessage(m.error)}</FormAlert>}
          <Field id="new-user-email" label="Email" error={errors.email}>
            <Input id="new-user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!errors.email} />
          </Field>
          <Field id="new-user-name" label="Display name" error={errors.displayName}>
            <Input id="new-user-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} aria-invalid={!!errors.displayName} />
          </Field>
          <Field id="new-user-password" label="Password" hint="At least 10 characters." error={errors.password}>
            <Input
              id="new-user-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={!!errors.password}
            />
          </Field>
          <Field id="new-user-role" label="Role" error={errors.role}>
            <Select id="new-user-role" value={role} onValueChange={(r) => setRole(r as Role)} options={roleOptions} />
          </Field>
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={m.isPending}>
              {m.isPending ? 'Adding…' : 'Add user'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}

function TokensCard() {
  const qc = useQueryClient()
  const toast = useToast()
  const tokens = useTokens()
  const [creating, setCreating] = React.useState(false)
  const [revoking, setRevoking] = React.useState<ApiToken | null>(null)

  const revoke = useMutation({
    mutationFn: (id: string) => data(client.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['tokens'] })
      toast.success('Token revoked', revoking?.name)
      setRevoking(null)
    },
    onError: (e) => {
      toast.error('Could not revoke the token', errorMessage(e))
      setRevoking(null)
    },
  })

  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>My API tokens</CardTitle>
          <CardDescription>
            For scripts and integrations: send <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs">Authorization: Bearer &lt;token&gt;</code>. A token acts with your role.
          </CardDescription>
        </div>
        <Button onClick={() => setCreating(true)}>
          <Plus /> New token
        </Button>
      </CardHeader>
      {tokens.isPending ? (
        <TableSkeleton rows={2} />
      ) : tokens.isError ? (
        <CardContent>
          <FormAlert>{errorMessage(tokens.error)}</FormAlert>
        </CardContent>
      ) : tokens.data.length === 0 ? (
        <CardContent>
          <div className="flex items-center gap-3 rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-sm text-zinc-500">
            <KeyRound className="size-4" /> You have no API tokens.
          </div>
        </CardContent>
      ) : (
        <div className="overflow-x-auto border-t border-zinc-100">
          <table className="w-full text-sm" data-testid="tokens-table">
            <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
              <tr>
                <th className="px-6 py-3">Name</th>
                <th className="px-6 py-3">Created</th>
                <th className="px-6 py-3">Last used</th>
                <th className="px-6 py-3">Status</th>
                <th className="px-6 py-3 text-right">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {tokens.data.map((t) => (
                <tr key={t.id} className={t.revoked ? 'text-zinc-400' : ''}>
                  <td className="px-6 py-3 font-medium">{t.name || <span className="italic">unnamed</span>}</td>
                  <td className="px-6 py-3">{formatDate(t.createdAt)}</td>
                  <td className="px-6 py-3">{t.lastUsedAt ? formatDate(t.lastUsedAt) : 'Never'}</td>
                  <td className="px-6 py-3">{t.revoked ? <Badge variant="secondary">Revoked</Badge> : <Badge variant="success">Active</Badge>}</td>
                  <td className="px-6 py-3 text-right">
                    {!t.revoked && (
                      <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50 hover:text-red-700" onClick={() => setRevoking(t)}>
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateTokenDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={!!revoking}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={`Revoke “${revoking?.name ?? 'token'}”?`}
        description="Anything using this token stops working immediately. This cannot be undone."
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      />
    </Card>
  )
}

function CreateTokenDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const qc = useQueryClient()
  const toast = useToast()
  const [name, setName] = React.useState('')
  const [copied, setCopied] = React.useState(false)
  const m = useMutation({
    mutationFn: () => data(client.POST('/api/v1/tokens', { body: { name: name.trim() } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  })
  React.useEffect(() => {
    if (open) {
      setName('')
      setCopied(false)
      m.reset()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const secret = m.data?.token
  const copy = async () => {
    if (!secret) return
    try {
      await navigator.clipboard.writeText(secret)
      setCopied(true)
      toast.success('Token copied')
    } catch {
      const el = document.getElementById('token-secret') as HTMLInputElement | null
      el?.select()
      toast.error('Copy failed', 'Select the token and copy it by hand.')
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        {secret ? (
          <div className="grid gap-4">
            <DialogHeader>
              <DialogTitle>Your new token</DialogTitle>
              <DialogDescription>Copy it now: Troupe shows this secret only once.</DialogDescription>
            </DialogHeader>
            <div className="flex gap-2">
              <label htmlFor="token-secret" className="sr-only">
                Token secret
              </label>
              <Input id="token-secret" readOnly value={secret} className="font-mono text-xs" onFocus={(e) => e.target.select()} />
              <Button variant="outline" onClick={copy} aria-label="Copy token">
                {copied ? <Check /> : <Copy />} {copied ? 'Copied' : 'Copy'}
              </Button>
            </div>
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault()
              m.mutate()
            }}
          >
            <DialogHeader>
              <DialogTitle>New API token</DialogTitle>
              <DialogDescription>Name it after what will use it, so you know what to revoke later.</DialogDescription>
            </DialogHeader>
            {m.isError && <FormAlert>{errorMessage(m.error)}</FormAlert>}
            <Field id="token-name" label="Name" error={m.error instanceof ProblemError ? m.error.fieldMap().name : undefined}>
              <Input id="token-name" placeholder="e.g. publishing script" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            </Field>
            <DialogFooter>
              <Button variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={m.isPending || !name.trim()}>
                {m.isPending ? 'Creating…' : 'Create token'}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  )
}
