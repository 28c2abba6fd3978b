import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../shared/contract.ts';
import { FREE_TEXT } from '../../../shared/freeText.ts';

/**
 * Every text field of the core's contract is either free text, marked for the
 * NHS-number rule (shared/freeText.ts), or on the list below of text that is not
 * words a person types about anything. A new text field fails here until it is
 * put in one or the other, so none is forgotten.
 */

/** Free text, and what it is: a patient note (kept only with identifiers on) or text that never holds an identifier. */
const FREE_TEXT_FIELDS: Record<string, 'patient note' | 'never an identifier'> = {
  'device.update.deviceName': 'never an identifier',
  'device.update.staffName': 'never an identifier',
  'settings.update.practiceName': 'never an identifier',
  'settings.update.capBasis': 'never an identifier',
  'settings.update.noticeWhy': 'never an identifier',
  'settings.update.receptionScript': 'never an identifier',
  'clinician.create.name': 'never an identifier',
  'clinician.update.name': 'never an identifier',
  'clinician.rename.name': 'never an identifier',
  'contactType.create.name': 'never an identifier',
  'contactType.update.name': 'never an identifier',
  'contact.record.overCapReason': 'never an identifier',
  'contact.record.lateReason': 'never an identifier',
  'contact.void.reason': 'never an identifier',
  'directory.create.name': 'never an identifier',
  'directory.create.phone': 'never an identifier',
  'directory.create.address': 'never an identifier',
  'directory.create.hours': 'never an identifier',
  'directory.create.hint': 'never an identifier',
  'directory.update.name': 'never an identifier',
  'directory.update.phone': 'never an identifier',
  'directory.update.address': 'never an identifier',
  'directory.update.hours': 'never an identifier',
  'directory.update.hint': 'never an identifier',
  'redirection.record.note': 'patient note',
  'redirection.record.lateReason': 'never an identifier',
  'redirection.void.reason': 'never an identifier',
  'deferral.record.note': 'patient note',
  'deferral.record.lateReason': 'never an identifier',
  'deferral.void.reason': 'never an identifier',
  'gpas.assess.note': 'never an identifier',
  'action.create.title': 'never an identifier',
  'action.create.forPatients': 'never an identifier',
  'action.update.title': 'never an identifier',
  'action.update.forPatients': 'never an identifier',
  'staff.add.name': 'never an identifier',
  'staff.update.name': 'never an identifier',
};

/** Text fields that are not free text: ids, codes, times, paths, and the NHS number's own box. */
const NOT_FREE_TEXT = [
  'device.update.clinicianViewId',
  'settings.update.sessionSplit',
  'settings.update.dayEnd',
  'settings.update.defaultContactType',
  'clinician.update.clinicianId',
  'clinician.create.initials',
  'clinician.update.initials',
  'clinician.create.key',
  'clinician.update.key',
  'clinician.rename.clinicianId',
  'clinician.deactivate.clinicianId',
  'clinician.reactivate.clinicianId',
  // The file is read row by row in the core; each row's name goes through clinician.create's rule (test/api/identifiersInText.test.ts).
  'clinician.import.csv',
  'rota.get.from',
  'rota.get.to',
  'rota.setPattern.clinicianId',
  'rota.setDay.clinicianId',
  'rota.setDay.day',
  'contactType.create.key',
  'contactType.update.typeId',
  'contactType.update.key',
  'contact.record.clinicianId',
  'contact.record.typeId',
  'contact.record.occurredAt',
  'contact.record.requestId',
  'contact.void.contactId',
  'contact.listForDay.day',
  'contact.listForDay.clinicianId',
  'directory.update.entryId',
  'redirection.record.destinationId',
  'redirection.record.fromClinicianId',
  'redirection.record.nhsNumber',
  'redirection.record.occurredAt',
  'redirection.record.requestId',
  'redirection.void.redirectionId',
  'redirection.listForDay.day',
  'deferral.record.untilDay',
  'deferral.record.clinicianId',
  'deferral.record.occurredAt',
  'deferral.record.requestId',
  'deferral.void.deferralId',
  'deferral.listForDay.day',
  // A search, never kept.
  'identifiers.find.nhsNumber',
  'identifiers.find.text',
  'identifiers.find.from',
  'identifiers.find.to',
  'identifiers.erase.recordIds.*',
  'report.day.day',
  'report.range.from',
  'report.range.to',
  'report.gpas.monday',
  'gpas.assess.monday',
  'action.create.from',
  'action.create.until',
  'action.update.actionId',
  'action.update.from',
  'action.update.until',
  'export.build.from',
  'export.build.to',
  'export.configureEndOfDay.time',
  'export.configureEndOfDay.folder',
  'backup.configure.secondFolder',
  'backup.restore.name',
  'network.join.code',
  'network.remove.deviceId',
  'network.configure.addresses.*',
  'staff.update.staffId',
  'staff.setPin.staffId',
  'staff.unlock.staffId',
  'session.signIn.staffId',
  'audit.list.from',
  'audit.list.to',
  'audit.list.staffId',
  'audit.csv.from',
  'audit.csv.to',
  'audit.csv.staffId',
  // Digits only (shared/schemas.ts's pin): never words, and never kept as typed.
  'staff.add.pin',
  'staff.setPin.pin',
  'staff.setPin.currentPin',
  'session.signIn.pin',
];

interface TextField {
  path: string;
  schema: z.ZodType;
}

/** Every string schema in an input schema, with its path; a marked one is not looked into further. */
function textFields(schema: z.ZodType, path: string): TextField[] {
  if (FREE_TEXT.has(schema)) return [{ path, schema }];
  const def = schema.def as { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType; in?: z.ZodType };
  switch (def.type) {
    case 'string':
      return [{ path, schema }];
    case 'optional':
    case 'nullable':
    case 'default':
      return def.innerType ? textFields(def.innerType, path) : [];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, inner]) => textFields(inner, `${path}.${key}`));
    case 'array':
      return def.element ? textFields(def.element, `${path}.*`) : [];
    case 'record':
      return def.valueType ? textFields(def.valueType, `${path}.*`) : [];
    case 'pipe':
      return def.in ? textFields(def.in, path) : [];
    default:
      return [];
  }
}

const fields = Object.entries(contract).flatMap(([method, spec]) => textFields(spec.input, method));

describe('free text in the contract', () => {
  it('marks exactly the free-text fields, each as a patient note or not', () => {
    const marked = Object.fromEntries(
      fields.flatMap(({ path, schema }) => {
        const field = FREE_TEXT.get(schema);
        return field ? [[path, field.patientNote ? 'patient note' : 'never an identifier']] : [];
      }),
    );
    expect(marked).toEqual(FREE_TEXT_FIELDS);
  });

  it('lists every other text field as not free text', () => {
    const unmarked = fields.filter(({ schema }) => !FREE_TEXT.has(schema)).map(({ path }) => path);
    expect(unmarked.sort()).toEqual([...NOT_FREE_TEXT].sort());
  });

  it('marks only the directory’s phone number as a phone field', () => {
    const phones = fields.filter(({ schema }) => FREE_TEXT.get(schema)?.phone).map(({ path }) => path);
    expect(phones).toEqual(['directory.create.phone', 'directory.update.phone']);
  });
});
