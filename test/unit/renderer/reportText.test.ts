import { describe, expect, it } from 'vitest';
import { countedSplitText, gpasContactsLabel } from '../../../renderer/src/components/reports/reportText.ts';

describe('the practice row’s counted contacts, split as the cap sees them', () => {
  it('gives the capped clinicians’ contacts and everyone else’s, with thousands separated', () => {
    expect(countedSplitText({ cap: 140, cappedCounted: 118, uncappedCounted: 24 })).toBe('118 capped · 24 not capped');
    expect(countedSplitText({ cap: 1200, cappedCounted: 1030, uncappedCounted: 2400 })).toBe('1,030 capped · 2,400 not capped');
  });

  it('says nothing when there is nothing to split: no cap that day, or every contact under one', () => {
    expect(countedSplitText({ cap: 0, cappedCounted: 0, uncappedCounted: 12 })).toBeNull();
    expect(countedSplitText({ cap: 50, cappedCounted: 41, uncappedCounted: 0 })).toBeNull();
  });
});

describe('the GPAS figure’s label', () => {
  it('says "so far" only while the Monday is not over', () => {
    expect(gpasContactsLabel({ soFar: true })).toBe('Patient contacts that Monday, so far (not over yet)');
    expect(gpasContactsLabel({ soFar: false })).toBe('Patient contacts that Monday');
  });
});
