import type { ContactType } from './domain.ts';

/**
 * The GPAD modes (DOMAIN.md §2) count toward the cap; admin, documents and
 * results work without patient contact is recorded but not counted by default.
 * Practices can change whether each counts and add their own types.
 */
export const BUILTIN_CONTACT_TYPES: readonly ContactType[] = [
  { id: 'face_to_face', name: 'Face to face', counts: true, key: 'F', builtin: true, active: true },
  { id: 'telephone', name: 'Telephone', counts: true, key: 'T', builtin: true, active: true },
  { id: 'video', name: 'Video', counts: true, key: 'V', builtin: true, active: true },
  { id: 'online', name: 'Online / written', counts: true, key: 'O', builtin: true, active: true },
  { id: 'home_visit', name: 'Home visit', counts: true, key: 'H', builtin: true, active: true },
  { id: 'care_home_visit', name: 'Care-home visit', counts: true, key: 'C', builtin: true, active: true },
  { id: 'admin', name: 'Admin', counts: false, key: 'A', builtin: true, active: true },
  { id: 'documents', name: 'Documents', counts: false, key: 'D', builtin: true, active: true },
  { id: 'results', name: 'Results', counts: false, key: 'R', builtin: true, active: true },
];

export const FALLBACK_CONTACT_TYPE = 'face_to_face';

/** Letters the desk uses for other things while a clinician is chosen, so no type may take them. */
export const RESERVED_TYPE_KEYS = ['U', 'S', 'L', 'X'];
