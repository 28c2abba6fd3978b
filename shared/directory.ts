/** Where patients can be routed outside the practice (DOMAIN.md §5). The practice edits the directory. */

export const DESTINATION_KINDS = [
  'pharmacy_first',
  'urgent_treatment_centre',
  'enhanced_access_hub',
  'nhs_111',
  'emergency_999',
  'self_care',
  'self_referral',
  'other',
] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const DESTINATION_KIND_LABELS: Record<DestinationKind, string> = {
  pharmacy_first: 'Community pharmacy (Pharmacy First)',
  urgent_treatment_centre: 'Urgent treatment centre / minor injury unit / walk-in centre',
  enhanced_access_hub: 'PCN enhanced-access hub',
  nhs_111: 'NHS 111 (exceptional)',
  emergency_999: '999 / A&E (emergency escalation)',
  self_care: 'Self-care',
  self_referral: 'Local self-referral service',
  other: 'Other service',
};

export interface DirectoryEntry {
  id: string;
  kind: DestinationKind;
  name: string;
  phone: string;
  address: string;
  hours: string;
  /** Shown to the receptionist when choosing: who it suits, what to check. */
  hint: string;
  active: boolean;
  builtin: boolean;
}

/** Pharmacy First's seven conditions and who can be seen for each (hints, not a clinical decision). */
export const PHARMACY_FIRST_CONDITIONS = [
  { id: 'uti', name: 'Uncomplicated urinary tract infection', who: 'Women aged 16 to 64' },
  { id: 'shingles', name: 'Shingles', who: 'Aged 18 and over' },
  { id: 'impetigo', name: 'Impetigo', who: 'Aged 1 and over' },
  { id: 'infected_insect_bite', name: 'Infected insect bite', who: 'Aged 1 and over' },
  { id: 'sinusitis', name: 'Sinusitis', who: 'Aged 12 and over' },
  { id: 'sore_throat', name: 'Sore throat', who: 'Aged 5 and over' },
  { id: 'acute_otitis_media', name: 'Acute otitis media (ear infection)', who: 'Aged 1 to 17' },
] as const;
export type PharmacyFirstCondition = (typeof PHARMACY_FIRST_CONDITIONS)[number]['id'];

export const PHARMACY_FIRST_ROUTES = ['referred', 'signposted'] as const;
export type PharmacyFirstRoute = (typeof PHARMACY_FIRST_ROUTES)[number];

export const REDIRECTION_REASONS = ['clinician_at_capacity', 'more_appropriate_service'] as const;
export type RedirectionReason = (typeof REDIRECTION_REASONS)[number];

export const REDIRECTION_REASON_LABELS: Record<RedirectionReason, string> = {
  clinician_at_capacity: 'Clinician at capacity',
  more_appropriate_service: 'A more appropriate service',
};

/** Printed on every signposting slip (DOMAIN.md §5: unclear signposting is a common complaint). */
export const SAFETY_NET_ADVICE =
  'If you get worse, or you are worried, call NHS 111 or go to 111.nhs.uk. In an emergency call 999. You can always contact the practice again.';

const entry = (id: string, kind: DestinationKind, name: string, details: Partial<DirectoryEntry>): DirectoryEntry => ({
  id: `builtin-${id}`,
  kind,
  name,
  phone: '',
  address: '',
  hours: '',
  hint: '',
  active: true,
  builtin: true,
  ...details,
});

/** The directory a new practice starts with. Local phone numbers and addresses are the practice's to fill in. */
export const DEFAULT_DIRECTORY: readonly DirectoryEntry[] = [
  entry('pharmacy-first', 'pharmacy_first', 'Community pharmacy – Pharmacy First', {
    hours: 'Pharmacy opening hours',
    hint: 'Walk in for the seven conditions; minor-illness consultations need a digital referral from the clinical system.',
  }),
  entry('utc', 'urgent_treatment_centre', 'Urgent treatment centre', {
    hours: 'Open at least 12 hours a day, walk-in accepted',
    hint: 'GP-led. For urgent problems that are not life-threatening.',
  }),
  entry('hub', 'enhanced_access_hub', 'PCN enhanced-access hub', {
    hours: 'Weekday evenings 18:30–20:00 and Saturdays 09:00–17:00',
    hint: 'Appointments booked by the practice.',
  }),
  entry('111', 'nhs_111', 'NHS 111', {
    phone: '111',
    address: '111.nhs.uk',
    hours: '24 hours, every day',
    hint: 'Only in exceptional circumstances (NHS England): 111 triages, it is not an alternative provider. Tell the ICB.',
  }),
  entry('999', 'emergency_999', '999 / A&E', {
    phone: '999',
    hours: '24 hours, every day',
    hint: 'Life-threatening emergencies only. Recorded as an emergency escalation, not a capacity diversion.',
  }),
  entry('self-care', 'self_care', 'Self-care and the NHS website', {
    address: 'www.nhs.uk',
    hint: 'Advice for minor illnesses that get better on their own.',
  }),
  entry('minor-eye', 'self_referral', 'Minor eye conditions service (optician)', { hint: 'Red or sore eyes, flashes and floaters, something in the eye.' }),
  entry('msk', 'self_referral', 'MSK physiotherapy (self-referral)', { hint: 'Back, joint and muscle problems.' }),
  entry('sexual-health', 'self_referral', 'Sexual health clinic', { hint: 'Testing, contraception and treatment.' }),
  entry('mental-health-crisis', 'self_referral', 'Mental health crisis line', {
    phone: '111, option 2',
    hours: '24 hours, every day',
    hint: 'Urgent mental health support.',
  }),
];
