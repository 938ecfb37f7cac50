// The title-case part of a dateline after the city: "CLEVELAND, Ohio", "SAN JUAN,
// Puerto Rico". One word ("Ohio", "Calif.") is always taken for a place; these are
// the regions and countries whose names take more than one word.
const MULTI_WORD_REGIONS = new Set([
  'bosnia and herzegovina',
  'british columbia',
  'burkina faso',
  'costa rica',
  'czech republic',
  'district of columbia',
  'dominican republic',
  'east timor',
  'el salvador',
  'hong kong',
  'ivory coast',
  'new brunswick',
  'new hampshire',
  'new jersey',
  'new mexico',
  'new south wales',
  'new york',
  'new zealand',
  'north carolina',
  'north dakota',
  'north korea',
  'northern ireland',
  'northern territory',
  'nova scotia',
  'papua new guinea',
  'prince edward island',
  'puerto rico',
  'rhode island',
  'saudi arabia',
  'sierra leone',
  'south africa',
  'south australia',
  'south carolina',
  'south dakota',
  'south korea',
  'south sudan',
  'sri lanka',
  'trinidad and tobago',
  'united arab emirates',
  'united kingdom',
  'united states',
  'west virginia',
  'western australia',
])

const ONE_WORD_REGION = /^\p{Lu}[\p{L}\p{M}.'’-]*$/u

/** Whether a title-case dateline segment names a region: one word, or a known longer name. */
export function isRegion(segment: string): boolean {
  return ONE_WORD_REGION.test(segment) || MULTI_WORD_REGIONS.has(segment.toLowerCase())
}
