// What other modules may use of screening.
export { screenUser, recordProviderHit, type ScreeningResult } from './screen-user';
export { countOpenHits as openScreeningHits, hitCountsOf as screeningHitCounts, hitCountsOfMany as screeningHitCountsOf } from './repo';
