/** Italian texts of the staff pages (/operator, /reports, /admin). */
export const staffIt = {
  operatorTitle: 'Gestione hub',
  reportsTitle: 'Dati e report',
  adminTitle: 'Amministrazione',
}
