import * as React from 'react'
import { useLocation, useNavigate } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { errorMessage, ProblemError } from '@/lib/api'
import { meKey } from '@/lib/auth'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Field } from '@/components/ui/field'
import { AuthShell, FormAlert } from './AuthShell'
import { client, data } from '@/lib/api'

export function LoginPage() {
  const qc = useQueryClient()
  const navigate = useNavigate()
  const location = useLocation()
  const from = (location.state as { from?: string } | null)?.from
  const [email, setEmail] = React.useState('')
  const [password, setPassword] = React.useState('')

  const m = useMutation({
    mutationFn: () => data(client.POST('/api/v1/auth/login', { body: { email, password } })),
    onSuccess: async (user) => {
      if (user && typeof user === 'object' && 'role' in user) qc.setQueryData(meKey, user)
      // navigate first: a click made while /auth/me is refetched must not be undone by a late redirect
      navigate(from || '/characters', { replace: true })
      void qc.invalidateQueries({ queryKey: meKey })
    },
  })

  const fe = m.error instanceof ProblemError ? m.error.fieldMap() : {}

  return (
    <AuthShell title="Sign in to Troupe" subtitle="Use the email and password your studio owner gave you.">
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault()
          m.mutate()
        }}
      >
        {m.isError && <FormAlert title={m.error instanceof ProblemError && m.error.status === 401 ? 'Sign-in failed' : undefined}>{errorMessage(m.error)}</FormAlert>}
        <Field id="email" label="Email" error={fe.email}>
          <Input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </Field>
        <Field id="password" label="Password" error={fe.password}>
          <Input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Button type="submit" size="lg" className="mt-2 w-full" disabled={m.isPending}>
          {m.isPending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </AuthShell>
  )
}
