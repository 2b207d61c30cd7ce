/**
 * The toolkit's methods as short step-by-step guides (seeds A3, C2, C3, B), each step
 * opening the part of Kith that does it. The words are in the message catalogue
 * (library.guide.<guide>.<step>), so each guide reads in English and Welsh.
 */
export interface GuideStep {
  key: string;
  /** The part of Kith that does this step, under the place: "assets" → /places/<slug>/assets. */
  opens: string;
}

export interface Guide {
  key: string;
  steps: GuideStep[];
}

export const GUIDES: readonly Guide[] = [
  {
    key: 'asset-mapping',
    steps: [
      { key: 'map', opens: 'assets' },
      { key: 'connect', opens: 'activities' },
      { key: 'mobilise', opens: 'help' },
      { key: 'convene', opens: 'outcomes' },
      { key: 'lever', opens: 'volunteering' },
    ],
  },
  {
    key: 'co-production',
    steps: [
      { key: 'assets', opens: 'assets' },
      { key: 'capabilities', opens: 'volunteering' },
      { key: 'reciprocity', opens: 'time-credits' },
      { key: 'peers', opens: 'activities' },
      { key: 'barriers', opens: 'outcomes' },
      { key: 'facilitating', opens: 'stories' },
    ],
  },
  {
    key: 'making-the-case',
    steps: [
      { key: 'outcomes', opens: 'outcomes' },
      { key: 'stories', opens: 'stories' },
      { key: 'report', opens: 'reports' },
      { key: 'learn', opens: 'library' },
    ],
  },
  {
    key: 'three-ways',
    steps: [
      { key: 'existing', opens: 'social-prescribing' },
      { key: 'new', opens: 'volunteering' },
      { key: 'conditions', opens: 'help' },
    ],
  },
];
