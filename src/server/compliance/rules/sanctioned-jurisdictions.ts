// Jurisdictions under comprehensive U.S. (OFAC) embargoes, blocked on every tenant before any
// tenant or deal list is read. Reviewed 2025-06; revisit whenever OFAC changes a program.
// - CU Cuba (CACR), IR Iran (ITSR), KP North Korea (NKSR).
// - SY Syria: kept blocked by default although the U.S. Syria program was wound down in
//   mid-2025 (EO 14312); EU/UK and other measures remain, and lifting it is a legal call.
// - Regions of Ukraine: Crimea (EO 13685) and the so-called DNR/LNR (EO 14065). ISO 3166-2
//   has no codes for the occupied areas alone, so whole subdivisions are blocked: UA-43
//   (Crimea), UA-40 (Sevastopol), UA-14 (Donetsk oblast), UA-09 (Luhansk oblast). That is
//   wider than the sanctions, on purpose (fail closed).

export const SANCTIONED_COUNTRIES: readonly string[] = ['CU', 'IR', 'KP', 'SY'];
export const SANCTIONED_SUBDIVISIONS: readonly string[] = ['UA-43', 'UA-40', 'UA-14', 'UA-09'];
export const SANCTIONS_LIST_REVIEWED = '2025-06-30';
