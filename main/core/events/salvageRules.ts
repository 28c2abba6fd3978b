import type { EventRules } from '../db/salvage.ts';
import { createStore } from '../db/store.ts';
import { hashEvent } from './eventLog.ts';
import { rebuildProjections } from './rebuild.ts';

/** What rebuilding a damaged database needs from the event log: fingerprints to trust a salvaged event by, and the projections made again. */
export const eventRules: EventRules = {
  fingerprint: (event) => hashEvent(event),
  reproject: (db) => {
    rebuildProjections(createStore(db));
  },
};
