import * as React from 'react'
import { cn } from '@/lib/utils'

type DivProps = React.HTMLAttributes<HTMLDivElement>

export const Card = React.forwardRef<HTMLDivElement, DivProps>(({ className, ...props }, ref) => (
  <div ref={ref} className={cn('rounded-xl border border-zinc-200 bg-white text-zinc-900 shadow-sm', className)} {...props} />
))
Card.displayName = 'Card'

export const CardHeader = ({ className, ...props }: DivProps) => <div className={cn('flex flex-col gap-1.5 p-6', className)} {...props} />
export const CardTitle = ({ className, ...props }: React.HTMLAttributes<HTMLHeadingElement>) => (
  <h3 className={cn('text-base font-semibold leading-none tracking-tight', className)} {...props} />
)
export const CardDescription = ({ className, ...props }: React.HTMLAttributes<HTMLParagraphElement>) => <p className={cn('text-sm text-zinc-500', className)} {...props} />
export const CardContent = ({ className, ...props }: DivProps) => <div className={cn('p-6 pt-0', className)} {...props} />
export const CardFooter = ({ className, ...props }: DivProps) => <div className={cn('flex items-center p-6 pt-0', className)} {...props} />
