/**
 * The collective-action register (DOMAIN.md §1). The BMA's 2024 menu is where a
 * practice starts; the list changes (in 2026 the BMA added one action a month),
 * so every entry is editable and new ones can be added.
 */
export interface CollectiveAction {
  id: string;
  title: string;
  /** What it means for patients, in plain words, for the patient notice. */
  forPatients: string;
  taking: boolean;
  from: string | null;
  until: string | null;
  builtin: boolean;
}

const action = (n: number, title: string, forPatients: string): CollectiveAction => ({
  id: `bma-2024-${String(n).padStart(2, '0')}`,
  title,
  forPatients,
  taking: false,
  from: null,
  until: null,
  builtin: true,
});

/** The first action on the BMA's menu: limiting each clinician's contacts, what ContactCap is for. */
export const CONTACT_LIMIT_ACTION_ID = 'bma-2024-01';

export const BMA_ACTIONS_2024: readonly CollectiveAction[] = [
  action(
    1,
    'Limit patient contacts per clinician per day to 25',
    'Each of our clinicians sees at most 25 patients a day, the safe level recommended by European GPs. When they are full, we will offer you another clinician, another service, or a later appointment. If you need to be seen urgently, you will still be seen today.',
  ),
  action(2, 'Stop engaging with e-referral Advice and Guidance', 'Where a hospital specialist’s opinion is needed, we will refer you rather than ask for advice by message.'),
  action(3, 'Serve notice on voluntary services that plug local commissioning gaps', 'Some extra services we have provided without funding may move to other local providers.'),
  action(4, 'Switch off medicines-optimisation software used for financial rather than clinical benefit', 'Your medicines will be chosen for clinical reasons only.'),
  action(5, 'Stop rationing referrals and investigations: refer where appropriate', 'We will refer you for tests and to specialists whenever it is clinically right to do so.'),
  action(6, 'Defer signing off digital telephony and online consultations', 'Our phone and online systems stay as they are for now.'),
  action(7, 'Switch off GP Connect functionality that lets others enter coding into GP clinical systems', 'Only the practice records information in your GP record.'),
  action(8, 'Withdraw data-sharing permission where data is used for secondary purposes (not direct care)', 'Your record is shared for your own care, not for other purposes.'),
  action(9, 'Freeze sign-up to new data sharing', 'We are not joining new data-sharing schemes for now.'),
  action(10, 'Defer signing up to local or national pilot programmes, and new NHS England or ICB contracts', 'We are not taking on new pilot schemes for now.'),
];

/**
 * What the patient notice says the practice is doing, whether or not it takes
 * any collective action: a practice using ContactCap limits each clinician's
 * contacts, so the notice says so (never "working as usual" beside a "Why"
 * about a limit), that urgent patients are always dealt with the same day,
 * and how everyone else is helped (DOMAIN.md §4: no "call back another day").
 */
export const NOTICE_LIMIT: readonly string[] = [
  'To keep care safe, we limit how many patients each of our clinicians sees in a day, following the British Medical Association’s safe-working guidance.',
  'If your problem is urgent, tell us: an urgent patient is always seen or spoken to by a clinician the same day.',
  'When a clinician’s day is full, we will offer you another clinician, another service nearby (see below), or a later appointment or a place on our waiting list. We will not ask you to call back another day.',
];

export const DEFAULT_NOTICE_WHY =
  'GP practices in England are under more pressure than is safe. The British Medical Association’s safe-working guidance sets a safe limit on how many patients one clinician can see in a day. We are following it so that every patient we see gets safe, unhurried care.';

export const DEFAULT_RECEPTION_SCRIPT =
  'I’m sorry, Dr [name] has no appointments left today: we limit each clinician’s patients so that care stays safe. I can offer you [another clinician / the pharmacy / the urgent treatment centre / a later appointment]. If you think this is urgent, tell me now and you will be seen today. If you get worse, call 111, or 999 in an emergency.';
