import * as React from 'react'
import { Logo } from '@/components/layout/Logo'

export function AuthShell({ title, subtitle, children }: { title: string; subtitle?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-full items-center justify-center bg-zinc-950 bg-[radial-gradient(ellipse_at_top,rgba(124,58,237,0.25),transparent_60%)] px-4 py-12">
      <div className="w-full max-w-md">
        <Logo className="mb-8 justify-center text-white" />
        <div className="rounded-2xl border border-zinc-200 bg-white p-8 shadow-2xl">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
          {subtitle && <p className="mt-1.5 text-sm text-zinc-500">{subtitle}</p>}
          <div className="mt-6">{children}</div>
        </div>
      </div>
    </div>
  )
}

export function FormAlert({ title, children }: { title?: string; children: React.ReactNode }) {
  return (
    <div role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800">
      {title && <div className="font-medium">{title}</div>}
      <div>{children}</div>
    </div>
  )
}
