import { z } from 'zod'

/** What `npm run admin:create` takes, checked alike by the command and by a server asked on its behalf. */
export const AdminInput = z.object({
  email: z
    .string({ message: '--email is required' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'is not a valid email address' })),
  name: z.string().trim().min(1, '--name must not be empty').max(200, '--name is too long').optional(),
})
