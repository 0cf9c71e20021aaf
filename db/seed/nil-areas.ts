/**
 * Milan neighbourhoods: the NIL (Nuclei di Identità Locale) of the PGT 2030, as in the Comune di Milano's
 * open dataset ds964 "NIL (Nuclei di Identità Locale)" (CC-BY 4.0, Comune di Milano), with `nilId` = its
 * ID_NIL and the municipio the NIL lies in. `isTarget` marks the priority areas of the Comune's 2016 plan
 * for the peripheries. `street` is a real street of the neighbourhood, for believable hub addresses.
 * A selection (35 of 88), peripheries first; shared by the seeds.
 */
export interface NilArea {
  nilId: number
  name: string
  municipio: number
  isTarget: boolean
  street: string
}

export const NIL_AREAS: readonly NilArea[] = [
  // priority areas of the plan for the peripheries
  { nilId: 14, name: "Niguarda - Ca' Granda", municipio: 9, isTarget: true, street: 'Via Ornato' },
  { nilId: 17, name: 'Adriano', municipio: 2, isTarget: true, street: 'Via Adriano' },
  { nilId: 19, name: 'Padova - Turro - Crescenzago', municipio: 2, isTarget: true, street: 'Via Padova' },
  { nilId: 33, name: 'Rogoredo - Santa Giulia', municipio: 4, isTarget: true, street: 'Via Rogoredo' },
  { nilId: 34, name: 'Chiaravalle', municipio: 5, isTarget: true, street: "Via Sant'Arialdo" },
  { nilId: 35, name: 'Lodi - Corvetto', municipio: 4, isTarget: true, street: 'Via dei Cinquecento' },
  { nilId: 49, name: 'Giambellino', municipio: 6, isTarget: true, street: 'Via Giambellino' },
  { nilId: 53, name: 'Lorenteggio', municipio: 6, isTarget: true, street: 'Via Lorenteggio' },
  { nilId: 65, name: 'Gallaratese - San Leonardo - Lampugnano', municipio: 8, isTarget: true, street: 'Via Cilea' },
  { nilId: 66, name: 'QT 8', municipio: 8, isTarget: true, street: 'Via Salmoiraghi' },
  { nilId: 77, name: 'Bovisa', municipio: 9, isTarget: true, street: 'Via Durando' },
  // other neighbourhoods
  { nilId: 11, name: 'Isola', municipio: 9, isTarget: false, street: 'Via Borsieri' },
  { nilId: 13, name: 'Greco - Segnano', municipio: 2, isTarget: false, street: 'Via Emilio De Marchi' },
  { nilId: 15, name: 'Bicocca', municipio: 9, isTarget: false, street: 'Viale Sarca' },
  { nilId: 16, name: 'Gorla - Precotto', municipio: 2, isTarget: false, street: 'Viale Monza' },
  { nilId: 20, name: 'Loreto - Casoretto - NoLo', municipio: 2, isTarget: false, street: 'Via Varanini' },
  { nilId: 22, name: 'Città Studi', municipio: 3, isTarget: false, street: 'Via Pascoli' },
  { nilId: 23, name: 'Lambrate - Ortica', municipio: 3, isTarget: false, street: 'Via San Faustino' },
  { nilId: 28, name: 'Umbria - Molise - Calvairate', municipio: 4, isTarget: false, street: 'Via Molise' },
  { nilId: 30, name: 'Taliedo - Morsenchio - Q.re Forlanini', municipio: 4, isTarget: false, street: 'Via Mecenate' },
  { nilId: 31, name: 'Monluè - Ponte Lambro', municipio: 4, isTarget: false, street: 'Via Ucelli di Nemi' },
  { nilId: 37, name: 'Morivione', municipio: 5, isTarget: false, street: 'Via Vigentina' },
  { nilId: 41, name: 'Gratosoglio - Q.re Missaglia - Q.re Terrazze', municipio: 5, isTarget: false, street: 'Via Saponaro' },
  { nilId: 42, name: 'Stadera - Chiesa Rossa - Q.re Torretta - Conca Fallata', municipio: 5, isTarget: false, street: 'Via Neera' },
  { nilId: 45, name: 'Moncucco - San Cristoforo', municipio: 6, isTarget: false, street: 'Via Lodovico il Moro' },
  { nilId: 46, name: 'Barona', municipio: 6, isTarget: false, street: 'Via Boffalora' },
  { nilId: 55, name: 'Baggio - Q.re degli Olmi - Q.re Valsesia', municipio: 7, isTarget: false, street: 'Via Mantegazza' },
  { nilId: 56, name: 'Forze Armate', municipio: 7, isTarget: false, street: 'Via delle Forze Armate' },
  { nilId: 57, name: 'San Siro', municipio: 7, isTarget: false, street: 'Piazzale Selinunte' },
  { nilId: 61, name: 'Quarto Cagnino', municipio: 7, isTarget: false, street: 'Via Quarti' },
  { nilId: 71, name: 'Villapizzone - Cagnola - Boldinasco', municipio: 8, isTarget: false, street: 'Via Console Marcello' },
  { nilId: 76, name: 'Quarto Oggiaro - Vialba - Musocco', municipio: 8, isTarget: false, street: 'Via Pascarella' },
  { nilId: 79, name: 'Dergano', municipio: 9, isTarget: false, street: 'Via Livigno' },
  { nilId: 80, name: 'Affori', municipio: 9, isTarget: false, street: 'Via Astesani' },
  { nilId: 82, name: 'Comasina', municipio: 9, isTarget: false, street: 'Via Comasina' },
]
