import type { staffIt } from './staff.it.ts'

/** English texts of the staff pages; same keys as staff.it.ts. */
export const staffEn: typeof staffIt = {
  operatorTitle: 'Hub management',
  reportsTitle: 'Data and reports',
  adminTitle: 'Administration',
}
