import * as React from 'react'
import { useNavigate } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { post, ProblemError, errorMessage } from '@/lib/api'
import { meKey, setupKey } from '@/lib/auth'
import type { User } from '@/lib/types'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Field } from '@/components/ui/field'
import { useToast } from '@/components/ui/toast'
import { AuthShell, FormAlert } from './AuthShell'

const MIN = 10 // the server requires at least 10 characters

export function SetupPage() {
  const qc = useQueryClient()
  const navigate = useNavigate()
  const toast = useToast()
  const [email, setEmail] = React.useState('')
  const [displayName, setDisplayName] = React.useState('')
  const [password, setPassword] = React.useState('')
  const [password2, setPassword2] = React.useState('')
  const [setupCode, setSetupCode] = React.useState('')
  const [local, setLocal] = React.useState<Record<string, string>>({})

  const m = useMutation({
    mutationFn: () => post<User>('/api/v1/setup/owner', { email, password, displayName, setupCode }),
    onSuccess: async (user) => {
      qc.setQueryData(setupKey, { ownerExists: true })
      qc.setQueryData(meKey, user)
      await qc.invalidateQueries({ queryKey: meKey })
      toast.success('Welcome to Troupe', 'Your owner account is ready.')
      navigate('/characters', { replace: true })
    },
    onError: (e) => {
      if (e instanceof ProblemError && e.status === 409) {
        qc.setQueryData(setupKey, { ownerExists: true })
        navigate('/login', { replace: true })
      }
    },
  })

  const serverErrors = m.error instanceof ProblemError ? m.error.fieldMap() : {}
  const errors = { ...serverErrors, ...local }

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const v: Record<string, string> = {}
    if (!email.includes('@')) v.email = 'Enter an email address'
    if (!displayName.trim()) v.displayName = 'Enter a display name'
    if (password.length < MIN) v.password = `At least ${MIN} characters`
    if (password2 !== password) v.password2 = 'The passwords differ'
    if (!setupCode.trim()) v.setupCode = 'Enter the setup code from Troupe’s log'
    setLocal(v)
    if (Object.keys(v).length === 0) m.mutate()
  }

  return (
    <AuthShell title="Create the owner account" subtitle="Troupe has no users yet. The owner manages users, tokens and settings.">
      <form onSubmit={submit} className="grid gap-4" noValidate>
        {m.isError && !Object.keys(serverErrors).length && <FormAlert>{errorMessage(m.error)}</FormAlert>}
        <Field id="setupCode" label="Setup code" hint="Troupe printed it in its log when it started (docker logs troupe, or the terminal)." error={errors.setupCode}>
          <Input id="setupCode" autoComplete="off" spellCheck={false} value={setupCode} onChange={(e) => setSetupCode(e.target.value)} aria-invalid={!!errors.setupCode} autoFocus />
        </Field>
        <Field id="email" label="Email" error={errors.email}>
          <Input id="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!errors.email} />
        </Field>
        <Field id="displayName" label="Display name" error={errors.displayName}>
          <Input id="displayName" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} aria-invalid={!!errors.displayName} />
        </Field>
        <Field id="password" label="Password" hint={`At least ${MIN} characters.`} error={errors.password}>
          <Input id="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={!!errors.password} />
        </Field>
        <Field id="password2" label="Repeat password" error={errors.password2}>
          <Input id="password2" type="password" autoComplete="new-password" value={password2} onChange={(e) => setPassword2(e.target.value)} aria-invalid={!!errors.password2} />
        </Field>
        <Button type="submit" size="lg" className="mt-2 w-full" disabled={m.isPending}>
          {m.isPending ? 'Creating…' : 'Create owner account'}
        </Button>
      </form>
    </AuthShell>
  )
}
