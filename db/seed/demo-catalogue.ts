import type { LabType, LegalStatus } from '../schema.ts'
import { NIL_AREAS } from './nil-areas.ts'

/**
 * The newcomer's Milan: real neighbourhoods (NIL of the Comune's open dataset ds964, CC-BY, see
 * nil-areas.ts; `isTarget` = priority area of the 2016 plan for the peripheries), plausible hubs, labs,
 * operators, teams and equipment. Keys tie the rows together before they get ids.
 */

const DEMO_NIL = {
  adriano: 17,
  padova: 19,
  rogoredo: 33,
  chiaravalle: 34,
  corvetto: 35,
  giambellino: 49,
  lorenteggio: 53,
  gallaratese: 65,
  qt8: 66,
  bovisa: 77,
  niguarda: 14,
  isola: 11,
  cittastudi: 22,
} as const

/** The areas of the demo, taken from the shared NIL list (one source for names and municipi). */
export const DEMO_AREAS = Object.entries(DEMO_NIL).map(([key, nilId]) => {
  const nil = NIL_AREAS.find((a) => a.nilId === nilId)
  if (!nil) throw new Error(`NIL ${nilId} is not in db/seed/nil-areas.ts`)
  return { key: key as DemoAreaKey, name: nil.name, nilId, municipio: nil.municipio, isTarget: nil.isTarget }
})

export type DemoAreaKey = keyof typeof DEMO_NIL

type Week = Array<{ weekday: number; open: string; close: string }>

/** CFL: weekdays 9–13 and 14–21, Saturday morning. */
export const CFL_WEEK: Week = [
  ...[1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, open: '09:00', close: '13:00' },
    { weekday, open: '14:00', close: '21:00' },
  ]),
  { weekday: 6, open: '09:00', close: '13:00' },
]

/** Community hubs: Monday to Saturday, mornings and long evenings. */
export const COMMUNITY_WEEK: Week = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, open: '10:00', close: '13:00' },
  { weekday, open: '14:30', close: '22:00' },
])

export interface DemoLab {
  key: string
  name: string
  type: LabType
  capacity: number
  approvalRequired?: boolean
  requiresGrant?: boolean
  min: number
  max: number
  description: string
}

export interface DemoHub {
  key: string
  code: string
  name: string
  kind: 'cfl' | 'community_hub'
  area: DemoAreaKey
  address: string
  phone: string
  email: string
  description: string
  labs: DemoLab[]
}

export const DEMO_HUBS: DemoHub[] = [
  {
    key: 'corvetto',
    code: 'CRV',
    name: 'CFL Corvetto',
    kind: 'cfl',
    area: 'corvetto',
    address: 'Via Fabio Massimo 19, 20139 Milano',
    phone: '+39 02 8845 1201',
    email: 'cfl.corvetto@spazicomuni.demo',
    description: 'Centro per la Formazione e il Lavoro con cucina professionale, aula informatica e laboratori di sartoria e moda.',
    labs: [
      {
        key: 'kitchen',
        name: 'Cucina professionale',
        type: 'kitchen',
        capacity: 14,
        approvalRequired: true,
        min: 60,
        max: 300,
        description: 'Sei postazioni di cottura, forno combinato, abbattitore.',
      },
      {
        key: 'it',
        name: 'Aula informatica',
        type: 'it',
        capacity: 20,
        min: 60,
        max: 480,
        description: 'Venti postazioni, proiettore e lavagna interattiva.',
      },
      {
        key: 'tailoring',
        name: 'Sartoria',
        type: 'tailoring',
        capacity: 10,
        min: 60,
        max: 360,
        description: 'Macchine da cucire, taglia-cuci e banco da taglio.',
      },
      {
        key: 'fashion',
        name: 'Laboratorio moda',
        type: 'fashion',
        capacity: 12,
        approvalRequired: true,
        min: 60,
        max: 360,
        description: 'Modellistica, manichini e area prove.',
      },
    ],
  },
  {
    key: 'giambellino',
    code: 'GMB',
    name: 'Hub di Comunità Giambellino',
    kind: 'community_hub',
    area: 'giambellino',
    address: 'Via Giambellino 80, 20146 Milano',
    phone: '+39 02 8845 1302',
    email: 'hub.giambellino@spazicomuni.demo',
    description: 'Ex mercato comunale rigenerato: orto condiviso, FabLab e sala per le attività del quartiere.',
    labs: [
      {
        key: 'garden',
        name: 'Orto condiviso',
        type: 'gardening',
        capacity: 25,
        min: 60,
        max: 240,
        description: 'Venti cassoni rialzati, serra fredda e compostiera.',
      },
      {
        key: 'fablab',
        name: 'FabLab',
        type: 'digital',
        capacity: 10,
        approvalRequired: true,
        requiresGrant: true,
        min: 60,
        max: 240,
        description: 'Stampa 3D, taglio laser (con formazione), plotter da taglio.',
      },
      {
        key: 'hall',
        name: 'Sala polivalente',
        type: 'multipurpose',
        capacity: 60,
        min: 30,
        max: 480,
        description: 'Sala modulare con impianto audio e proiettore.',
      },
    ],
  },
  {
    key: 'lorenteggio',
    code: 'LRT',
    name: 'CFL Lorenteggio',
    kind: 'cfl',
    area: 'lorenteggio',
    address: 'Via Lorenteggio 181, 20147 Milano',
    phone: '+39 02 8845 1403',
    email: 'cfl.lorenteggio@spazicomuni.demo',
    description: 'Centro per la Formazione e il Lavoro gestito direttamente dal Comune.',
    labs: [
      {
        key: 'kitchen',
        name: 'Cucina didattica',
        type: 'kitchen',
        capacity: 12,
        min: 60,
        max: 300,
        description: 'Cucina didattica con quattro isole di lavoro.',
      },
      {
        key: 'it',
        name: 'Aula digitale',
        type: 'it',
        capacity: 18,
        requiresGrant: true,
        min: 60,
        max: 480,
        description: 'Portatili e connessione in fibra per i corsi del bando.',
      },
      {
        key: 'tailoring',
        name: 'Sartoria sociale',
        type: 'tailoring',
        capacity: 8,
        min: 60,
        max: 360,
        description: 'Laboratorio di riparazione e riuso dei tessuti.',
      },
    ],
  },
  {
    key: 'adriano',
    code: 'ADR',
    name: 'Casa di Quartiere Adriano',
    kind: 'community_hub',
    area: 'adriano',
    address: 'Via Adriano 60, 20128 Milano',
    phone: '+39 02 8845 1504',
    email: 'casa.adriano@spazicomuni.demo',
    description: 'Spazio di comunità in un edificio pubblico recuperato, con atelier di moda e laboratorio digitale.',
    labs: [
      {
        key: 'hall',
        name: 'Sala multifunzione',
        type: 'multipurpose',
        capacity: 40,
        min: 30,
        max: 480,
        description: 'Per assemblee, corsi di italiano e doposcuola.',
      },
      {
        key: 'fashion',
        name: 'Atelier moda',
        type: 'fashion',
        capacity: 10,
        min: 60,
        max: 360,
        description: 'Atelier con macchine da cucire e manichini.',
      },
      {
        key: 'digital',
        name: 'Laboratorio digitale',
        type: 'digital',
        capacity: 12,
        min: 60,
        max: 240,
        description: 'Stampanti 3D e postazioni di modellazione.',
      },
    ],
  },
  {
    key: 'niguarda',
    code: 'NGD',
    name: 'CFL Niguarda',
    kind: 'cfl',
    area: 'niguarda',
    address: 'Via Ornato 7, 20162 Milano',
    phone: '+39 02 8845 1605',
    email: 'cfl.niguarda@spazicomuni.demo',
    description: 'Centro per la Formazione e il Lavoro con serra didattica e cucina.',
    labs: [
      {
        key: 'greenhouse',
        name: 'Serra didattica',
        type: 'gardening',
        capacity: 15,
        min: 60,
        max: 240,
        description: 'Serra riscaldata e orto sinergico.',
      },
      { key: 'it', name: 'Aula informatica', type: 'it', capacity: 24, min: 60, max: 480, description: 'Ventiquattro postazioni fisse.' },
      {
        key: 'kitchen',
        name: 'Cucina',
        type: 'kitchen',
        capacity: 10,
        approvalRequired: true,
        min: 60,
        max: 300,
        description: 'Cucina per corsi di ristorazione.',
      },
    ],
  },
  {
    key: 'cittastudi',
    code: 'CST',
    name: 'Spazio Comune Città Studi',
    kind: 'community_hub',
    area: 'cittastudi',
    address: 'Via Ampère 20, 20131 Milano',
    phone: '+39 02 8845 1706',
    email: 'spazio.cittastudi@spazicomuni.demo',
    description: 'Spazio di coworking sociale e makerspace vicino alle università.',
    labs: [
      {
        key: 'room',
        name: 'Sala riunioni',
        type: 'multipurpose',
        capacity: 20,
        min: 30,
        max: 240,
        description: 'Sala riunioni con schermo.',
      },
      {
        key: 'maker',
        name: 'Makerspace',
        type: 'digital',
        capacity: 8,
        approvalRequired: true,
        requiresGrant: true,
        min: 60,
        max: 240,
        description: 'Taglio laser ed elettronica.',
      },
    ],
  },
]

export const DEMO_OPERATORS = [
  {
    key: 'filo',
    name: 'Filo Comune Cooperativa Sociale Onlus',
    legalForm: 'cooperativa sociale',
    // Ten digits of the VAT number (company number + 015, the office of Milan); the check digit is computed.
    taxCodeBase: '0784152015',
    email: 'segreteria@filocomune.demo',
    phone: '+39 02 3656 2210',
    hubs: ['corvetto', 'giambellino', 'adriano'],
  },
  {
    key: 'rete',
    name: 'Rete Periferie APS',
    legalForm: 'associazione di promozione sociale',
    taxCodeBase: '0912663015',
    email: 'info@reteperiferie.demo',
    phone: '+39 02 3656 4471',
    hubs: ['niguarda'],
  },
] as const

export interface DemoTeam {
  key: string
  name: string
  legalStatus: LegalStatus
  contactEmail: string
  /** Grants: hours, optionally scoped to a hub and/or a lab type. */
  grants: Array<{ hours: number; hub?: string; labType?: LabType }>
  /** Labs the team books, as `hubKey/labKey`: each covered by one of its grants. */
  uses: string[]
  titles: string[]
}

export const DEMO_TEAMS: DemoTeam[] = [
  {
    key: 'cucine',
    name: 'Associazione Cucine Aperte',
    legalStatus: 'association',
    contactEmail: 'info@cucineaperte.demo',
    grants: [{ hours: 400, labType: 'kitchen' }],
    uses: ['corvetto/kitchen', 'lorenteggio/kitchen', 'niguarda/kitchen'],
    titles: ['Cucina interculturale', 'Laboratorio di pasticceria', 'Corso HACCP per aspiranti cuochi'],
  },
  {
    key: 'sartoria',
    name: 'Sartoria di Quartiere Società Cooperativa',
    legalStatus: 'cooperative',
    contactEmail: 'ciao@sartoriadiquartiere.demo',
    grants: [
      { hours: 500, hub: 'corvetto' },
      { hours: 200, labType: 'fashion' },
    ],
    uses: ['corvetto/tailoring', 'corvetto/fashion', 'adriano/fashion'],
    titles: ['Sartoria per principianti', 'Riparazioni e upcycling', 'Modellistica di base'],
  },
  {
    key: 'orti',
    name: 'Orti del Giambellino (gruppo informale)',
    legalStatus: 'informal',
    contactEmail: 'ortigiambellino@spazicomuni.demo',
    grants: [{ hours: 225, hub: 'giambellino', labType: 'gardening' }],
    uses: ['giambellino/garden'],
    titles: ['Orto didattico con le scuole', 'Compostaggio di comunità', 'Semina di primavera'],
  },
  {
    key: 'codice',
    name: 'Codice Periferia Impresa Sociale',
    legalStatus: 'social_enterprise',
    contactEmail: 'hello@codiceperiferia.demo',
    grants: [
      { hours: 300, labType: 'digital' },
      { hours: 300, labType: 'it' },
    ],
    uses: ['giambellino/fablab', 'adriano/digital', 'lorenteggio/it', 'corvetto/it', 'cittastudi/maker'],
    titles: ['Stampa 3D per ragazze e ragazzi', 'Alfabetizzazione digitale over 60', 'SPID e servizi online'],
  },
  {
    key: 'donne',
    name: 'Donne al Centro APS',
    legalStatus: 'association',
    contactEmail: 'segreteria@donnealcentro.demo',
    grants: [{ hours: 250 }],
    uses: ['adriano/hall', 'giambellino/hall', 'cittastudi/room', 'niguarda/it'],
    titles: ['Corso di italiano L2', 'Sportello lavoro', 'Doposcuola di quartiere'],
  },
]

export const DEMO_EQUIPMENT_TYPES = [
  {
    key: 'sewing',
    code: 'SEW',
    name: 'Macchina da cucire',
    category: 'sartoria',
    requiresTraining: false,
    labTypes: ['tailoring', 'fashion'],
    perLab: 6,
  },
  { key: 'overlock', code: 'OVL', name: 'Taglia-cuci', category: 'sartoria', requiresTraining: false, labTypes: ['tailoring'], perLab: 2 },
  {
    key: 'mannequin',
    code: 'MAN',
    name: 'Manichino sartoriale',
    category: 'sartoria',
    requiresTraining: false,
    labTypes: ['fashion'],
    perLab: 3,
  },
  { key: 'oven', code: 'OVN', name: 'Forno professionale', category: 'cucina', requiresTraining: false, labTypes: ['kitchen'], perLab: 2 },
  {
    key: 'chiller',
    code: 'CHL',
    name: 'Abbattitore di temperatura',
    category: 'cucina',
    requiresTraining: false,
    labTypes: ['kitchen'],
    perLab: 1,
  },
  {
    key: 'laptop',
    code: 'LAP',
    name: 'Computer portatile',
    category: 'informatica',
    requiresTraining: false,
    labTypes: ['it'],
    perLab: 10,
  },
  {
    key: 'projector',
    code: 'PRJ',
    name: 'Proiettore',
    category: 'audio-video',
    requiresTraining: false,
    labTypes: ['it', 'multipurpose'],
    perLab: 1,
  },
  {
    key: 'printer3d',
    code: 'P3D',
    name: 'Stampante 3D',
    category: 'fabbricazione digitale',
    requiresTraining: false,
    labTypes: ['digital'],
    perLab: 2,
  },
  {
    key: 'laser',
    code: 'LSR',
    name: 'Taglio laser',
    category: 'fabbricazione digitale',
    requiresTraining: true,
    labTypes: ['digital'],
    perLab: 1,
  },
  {
    key: 'gardenkit',
    code: 'GRD',
    name: 'Kit attrezzi da giardino',
    category: 'giardinaggio',
    requiresTraining: false,
    labTypes: ['gardening'],
    perLab: 4,
  },
  { key: 'tiller', code: 'TIL', name: 'Motozappa', category: 'giardinaggio', requiresTraining: true, labTypes: ['gardening'], perLab: 1 },
] as const
