/**
 * Shared word lists for the synthetic datasets: people, places, organisations,
 * dates and numbers. Invented but real-looking; small enough that a micro model
 * can learn the vocabulary.
 *
 * @module
 */
import type { Rng } from "./prng.ts";

/** Given names, with the pronoun each takes. */
export const FIRST_NAMES: readonly (readonly [string, "he" | "she"])[] = [
  ["Anna", "she"],
  ["Marta", "she"],
  ["Lucia", "she"],
  ["Helen", "she"],
  ["Nadia", "she"],
  ["Sofia", "she"],
  ["Clara", "she"],
  ["Ingrid", "she"],
  ["Amara", "she"],
  ["Rosa", "she"],
  ["Leila", "she"],
  ["Greta", "she"],
  ["Maya", "she"],
  ["Elena", "she"],
  ["Joan", "she"],
  ["Priya", "she"],
  ["Ruth", "she"],
  ["Yara", "she"],
  ["Alice", "she"],
  ["Irene", "she"],
  ["Tomas", "he"],
  ["Daniel", "he"],
  ["Victor", "he"],
  ["Samuel", "he"],
  ["Oscar", "he"],
  ["Marcus", "he"],
  ["Felix", "he"],
  ["Hugo", "he"],
  ["Ivan", "he"],
  ["Kofi", "he"],
  ["Rafael", "he"],
  ["Arthur", "he"],
  ["Jonas", "he"],
  ["Peter", "he"],
  ["Omar", "he"],
  ["Leon", "he"],
  ["Edwin", "he"],
  ["Bruno", "he"],
  ["Ravi", "he"],
  ["George", "he"],
];

/** Family names. */
export const SURNAMES: readonly string[] = [
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Castell",
  "Brennan",
  "Halloway",
  "Varga",
  "Petrov",
  "Adeyemi",
  "Novak",
  "Fairbairn",
  "Delgado",
  "Kowalski",
  "Ashdown",
  "Mbeki",
  "Thorne",
  "Rasmussen",
  "Quinlan",
  "Ferreira",
  "Whitlock",
  "Nakamura",
  "Ostrowski",
  "Galloway",
  "Sandoval",
  "Hendry",
  "Carrow",
  "Marsh",
  "Albright",
  "Kendal",
  "Lowther",
  "Pereira",
  "Strand",
  "Mendez",
  "Oyelaran",
  "Holt",
  "Vance",
  "Ibsen",
  "Dunmore",
  "Farrah",
  "Keane",
];

const TOWN_HEADS = [
  "Ash",
  "Brack",
  "Corn",
  "Dun",
  "Elm",
  "Fern",
  "Glen",
  "Hart",
  "Ivy",
  "Kings",
  "Lark",
  "Mill",
  "North",
  "Oak",
  "Pen",
  "Red",
  "Salt",
  "Thorn",
  "Wick",
  "Wool",
  "Stone",
  "Bar",
];
const TOWN_TAILS = [
  "ford",
  "well",
  "bury",
  "ton",
  "wick",
  "mere",
  "field",
  "haven",
  "moor",
  "dale",
  "port",
  "bridge",
  "stead",
  "ham",
  "by",
  "combe",
];

/** Invented town names (Ashford, Brackwell, ...). */
export const TOWNS: readonly string[] = TOWN_HEADS.flatMap((h) => TOWN_TAILS.map((t) => `${h}${t}`))
  .filter((_, i) => i % 3 !== 1);

/** Larger cities, used as points of reference. */
export const CITIES: readonly string[] = [
  "Lisbon",
  "Oslo",
  "Glasgow",
  "Lyon",
  "Porto",
  "Krakow",
  "Dublin",
  "Leeds",
  "Bergen",
  "Turin",
  "Ghent",
  "Tallinn",
  "Bristol",
  "Seville",
  "Utrecht",
  "Gdansk",
  "Nantes",
  "Cork",
];

/** Countries. */
export const COUNTRIES: readonly string[] = [
  "Portugal",
  "Norway",
  "Scotland",
  "France",
  "Poland",
  "Ireland",
  "Italy",
  "Belgium",
  "Estonia",
  "Spain",
  "the Netherlands",
  "Denmark",
  "Austria",
  "Finland",
  "Greece",
];

/** Rivers (used as "the X"). */
export const RIVERS: readonly string[] = [
  "Arden",
  "Lune",
  "Tavy",
  "Colne",
  "Wendle",
  "Ouse",
  "Brisk",
  "Fenn",
  "Calder",
  "Teme",
  "Ravel",
  "Skerry",
];

/** Industry words for company names and town economies. */
export const INDUSTRIES: readonly (readonly [string, string])[] = [
  ["Textiles", "textile"],
  ["Logistics", "shipping"],
  ["Foods", "food"],
  ["Engineering", "engineering"],
  ["Paper", "paper"],
  ["Glassworks", "glass"],
  ["Software", "software"],
  ["Ceramics", "pottery"],
  ["Timber", "timber"],
  ["Brewing", "brewing"],
  ["Optics", "optics"],
  ["Motors", "car"],
];

/** Products a company is known for. */
export const PRODUCTS: readonly string[] = [
  "electric bicycles",
  "garden tools",
  "wool blankets",
  "frozen pies",
  "river ferries",
  "solar panels",
  "school desks",
  "glass bottles",
  "hiking boots",
  "kitchen scales",
  "wind turbines",
  "paper notebooks",
  "farm tractors",
  "oak furniture",
  "sea kayaks",
];

/** Month names. */
export const MONTHS: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Weekday names. */
export const WEEKDAYS: readonly string[] = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
];

/** A full name and its pronoun. */
export interface Person {
  /** "Anna Okafor". */
  readonly name: string;
  /** "Okafor". */
  readonly surname: string;
  /** "he" or "she". */
  readonly pronoun: "he" | "she";
}

/** A random person. */
export function person(rng: Rng): Person {
  const [first, pronoun] = rng.pick(FIRST_NAMES);
  const surname = rng.pick(SURNAMES);
  return { name: `${first} ${surname}`, surname, pronoun };
}

/** A date like "12 March". */
export function dayMonth(rng: Rng): string {
  return `${rng.int(1, 28)} ${rng.pick(MONTHS)}`;
}

/** Formats an integer with thousands separators: 12,400. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A round-ish number in [lo, hi] with the given step. */
export function roundNumber(rng: Rng, lo: number, hi: number, step: number): number {
  return step * rng.int(Math.ceil(lo / step), Math.floor(hi / step));
}

/** Capitalises the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A company name such as "Halloway Textiles". */
export function company(rng: Rng): string {
  const [word] = rng.pick(INDUSTRIES);
  return rng.chance(0.5) ? `${rng.pick(SURNAMES)} ${word}` : `${rng.pick(TOWNS)} ${word}`;
}
