/**
 * Event types of the `summarize` dataset: the slots of a news event, the
 * document's lead, key and background sentences, and summary templates worded
 * differently from the document.
 *
 * @module
 */
import type { Rng } from "./prng.ts";
import {
  CITIES,
  company,
  dayMonth,
  person,
  PRODUCTS,
  RIVERS,
  SURNAMES,
  thousands,
  TOWNS,
} from "./lexicon.ts";

/** One kind of news event. */
export interface EventType {
  /** Event type id. */
  readonly id: string;
  /** Draws slot values (always with `town`, `town2`, `date`). */
  draw(rng: Rng): Record<string, string>;
  /** First sentence of the document (one is chosen). */
  readonly leads: readonly string[];
  /** Sentences that carry the summary's facts: all of them are used. */
  readonly keys: readonly string[];
  /** Optional details, quotes and distractors (some are used). */
  readonly extras: readonly string[];
  /** One-sentence summaries (one is chosen). */
  readonly summaries: readonly string[];
}

/** "21st", "32nd", "43rd", "57th". */
export function ordinal(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th"}`;
}

function base(rng: Rng): Record<string, string> {
  const [town, town2] = rng.sample(TOWNS, 2) as [string, string];
  return {
    town,
    town2,
    date: dayMonth(rng),
    city: rng.pick(CITIES),
    pop: thousands(rng.int(30, 900) * 100),
    km: String(rng.int(10, 150)),
    official: person(rng).name,
  };
}

const BUILDINGS = [
  "warehouse",
  "hotel",
  "primary school",
  "furniture shop",
  "restaurant",
  "sports hall",
  "bakery",
];
const STREETS = [
  "Mill Lane",
  "High Street",
  "Station Road",
  "Church Street",
  "Bridge Road",
  "Market Square",
];
const CLUB = ["United", "Rovers", "Athletic", "Town", "Wanderers", "City"];
const CHARITIES = [
  "a children's hospice",
  "a local food bank",
  "a cancer charity",
  "an animal shelter",
  "a mountain rescue team",
  "a homeless charity",
];
const ACTIVITIES: readonly (readonly [string, string, string])[] = [
  ["cycling", "cycled", "bike ride"],
  ["walking", "walked", "walk"],
  ["running", "ran", "run"],
  ["rowing", "rowed", "rowing trip"],
];
const ANIMALS = [
  "frog",
  "beetle",
  "snail",
  "spider",
  "moth",
  "lizard",
  "orchid",
  "freshwater fish",
];
const REGIONS = [
  "the northern hills",
  "a coastal marsh",
  "a remote forest",
  "the upper valley",
  "a chain of small islands",
];
const REASONS = [
  "falling demand",
  "rising energy costs",
  "the loss of a major contract",
  "cheaper imports",
];
const STRUCTURES = ["footbridge", "road bridge", "cycle bridge", "railway bridge"];

/** The event types. */
export const EVENTS: readonly EventType[] = [
  {
    id: "factory",
    draw: (rng) => ({
      ...base(rng),
      company: company(rng),
      product: rng.pick(PRODUCTS),
      n: String(rng.int(4, 60) * 10),
      n2: String(rng.int(2, 30) * 10),
      cost: `${rng.int(3, 80)} million euros`,
      manager: person(rng).name,
    }),
    leads: [
      "{company} has opened a factory making {product} on the edge of {town}, and production began on {date}.",
      "Production started on {date} at a new plant in {town} where {company} will make {product}.",
      "The first {product} have come off the line at a factory built by {company} in {town}, which opened on {date}.",
    ],
    keys: [
      "The plant employs {n} people, most of them hired from {town} and nearby villages.",
    ],
    extras: [
      "The site cost about {cost} to build and took two years to complete.",
      "{manager}, who runs the plant, said the first orders had already been shipped.",
      "The company already runs a smaller site in {town2}, where {n2} people work.",
      "Local shops expect more trade once the factory reaches full production.",
      '"We chose {town} because of its skilled workforce," a spokesperson for {company} said.',
      "Unemployment in {town} has been above the regional average for several years.",
      'Council leader {official} called the opening "the best news the town has had in a decade".',
    ],
    summaries: [
      "{company} has begun making {product} at a new factory in {town}, creating {n} jobs, after it opened on {date}.",
      "A new {company} factory for {product} opened in {town} on {date}, bringing {n} jobs to the area.",
      "{n} people now work at the {product} plant that {company} opened in {town} on {date}.",
    ],
  },
  {
    id: "fire",
    draw: (rng) => ({
      ...base(rng),
      building: rng.pick(BUILDINGS),
      street: rng.pick(STREETS),
      n: String(rng.int(12, 90)),
      engines: String(rng.int(3, 14)),
      k: String(rng.int(2, 15)),
      chief: person(rng).name,
    }),
    leads: [
      "Firefighters spent the night tackling a large blaze at a {building} on {street} in {town} on {date}.",
      "A {building} on {street} in {town} was badly damaged by fire on {date}.",
      "Flames and thick smoke rose above {town} on {date} as fire tore through a {building} on {street}.",
    ],
    keys: [
      "At the height of the fire, {n} firefighters and {engines} engines were at the scene.",
      "{k} people were taken to hospital with breathing problems.",
    ],
    extras: [
      "Residents of nearby homes were told to keep their windows and doors closed.",
      "The cause of the fire is not yet known, and an investigation has begun.",
      "Part of {street} was closed to traffic until the following afternoon.",
      "A smaller fire at a shop in {town2} last month was put out in under an hour.",
      '"The crews worked in very difficult conditions," said station manager {chief}.',
      "The {building} had been empty for several months, according to neighbours.",
    ],
    summaries: [
      "About {n} firefighters fought a blaze that badly damaged a {building} in {town} on {date}, and {k} people were treated in hospital.",
      "A fire wrecked a {building} in {town} on {date}, sending {k} people to hospital as {n} firefighters battled the flames.",
    ],
  },
  {
    id: "match",
    draw: (rng) => {
      const [a, b] = rng.sample(TOWNS, 2) as [string, string];
      const w = rng.int(2, 5);
      const l = rng.int(0, w - 1);
      return {
        ...base(rng),
        winner: `${a} ${rng.pick(CLUB)}`,
        loser: `${b} ${rng.pick(CLUB)}`,
        score: `${w}-${l}`,
        town: a,
        scorer: person(rng).name,
        minute: ordinal(rng.int(50, 89)),
        crowd: thousands(rng.int(8, 240) * 100),
        coach: person(rng).name,
        place: String(rng.int(1, 12)),
      };
    },
    leads: [
      "{winner} beat {loser} {score} at their home ground in {town} on {date}.",
      "{loser} were beaten {score} by {winner} in {town} on {date}.",
      "A {score} home win over {loser} on {date} lifted the spirits of {winner} supporters in {town}.",
    ],
    keys: [
      "{scorer} scored twice for {winner}, the second goal coming in the {minute} minute.",
      "A crowd of {crowd} watched the match.",
    ],
    extras: [
      "The result moves {winner} up to {place} in the league table.",
      "{loser} had not lost away from home since the start of the season.",
      '"We played with real belief today," said {winner} coach {coach}.',
      "Rain before kick-off left the pitch heavy and slow.",
      "In the other match of the evening, {town2} drew 1-1 with visitors from {city}.",
      "The two sides meet again in the cup next month.",
    ],
    summaries: [
      "{scorer} scored twice as {winner} defeated {loser} {score} in front of {crowd} fans in {town} on {date}.",
      "Two goals from {scorer} gave {winner} a {score} victory over {loser} before a crowd of {crowd} on {date}.",
    ],
  },
  {
    id: "fundraiser",
    draw: (rng) => {
      const [ing, past, noun] = rng.pick(ACTIVITIES);
      return {
        ...base(rng),
        person: person(rng).name,
        charity: rng.pick(CHARITIES),
        amount: thousands(rng.int(15, 900) * 100),
        ing,
        past,
        noun,
        distance: String(rng.int(8, 90) * 10),
        to: rng.pick(CITIES),
        days: String(rng.int(4, 30)),
      };
    },
    leads: [
      "{person} from {town} has raised {amount} euros for {charity} after {ing} {distance} kilometres to {to}.",
      "After {ing} all the way from {town} to {to}, {person} has collected {amount} euros for {charity}.",
    ],
    keys: [
      "The {distance}-kilometre journey took {days} days and ended on {date}.",
    ],
    extras: [
      "Friends and neighbours lined the route for the final few kilometres.",
      "{person} said the hardest part had been a week of strong winds and rain.",
      "Last year a similar challenge in {town2} raised less than half that amount.",
      "The charity said the money would pay for new equipment and volunteer training.",
      '"I never expected so many people to support me," {person} said.',
      "{town} lies about {km} kilometres from {city}.",
    ],
    summaries: [
      "{person} {past} {distance} kilometres from {town} to {to}, finishing on {date} and raising {amount} euros for {charity}.",
      "A {distance}-kilometre {noun} to {to} that ended on {date} has earned {amount} euros for {charity}, thanks to {person} of {town}.",
    ],
  },
  {
    id: "election",
    draw: (rng) => ({
      ...base(rng),
      winner: person(rng).name,
      rival: person(rng).name,
      votes: thousands(rng.int(15, 400) * 10 + rng.int(1, 9)),
      rvotes: thousands(rng.int(5, 140) * 10 + rng.int(1, 9)),
      turnout: String(rng.int(28, 71)),
    }),
    leads: [
      "{winner} has been elected mayor of {town} in a vote held on {date}.",
      "The people of {town} went to the polls on {date} and chose {winner} as their new mayor.",
    ],
    keys: [
      "{winner} won {votes} votes, while the outgoing mayor, {rival}, received {rvotes}.",
    ],
    extras: [
      "Turnout was {turnout} per cent, higher than at the last election.",
      "The new mayor has promised to repair the roads and reopen the town library.",
      "{town} has a population of about {pop}.",
      "In neighbouring {town2}, the count has been delayed until next week.",
      '"This result belongs to every volunteer who knocked on doors," {winner} told supporters.',
      "{rival} had been mayor for eight years and did not comment on the result.",
    ],
    summaries: [
      "Voters in {town} picked {winner} as their new mayor on {date}, with {votes} votes, ending the time in office of {rival}.",
      "{winner} defeated the sitting mayor {rival} to take charge of {town} after winning {votes} votes on {date}.",
    ],
  },
  {
    id: "flood",
    draw: (rng) => ({
      ...base(rng),
      river: rng.pick(RIVERS),
      n: String(rng.int(20, 400)),
      k: String(rng.int(3, 60)),
      mm: String(rng.int(40, 160)),
    }),
    leads: [
      "Homes in {town} were flooded on {date} after the River {river} burst its banks following a night of heavy rain.",
      "The River {river} overflowed on {date}, sending water into streets and houses across {town}.",
    ],
    keys: [
      "Around {n} homes were damaged, and {k} people had to be rescued by boat.",
    ],
    extras: [
      "The weather service said {mm} millimetres of rain fell in just 24 hours.",
      "A school hall in {town} has been opened as a shelter for families.",
      "Water levels in {town2}, further downstream, are expected to peak tonight.",
      "Council officer {official} said the clean-up could take several weeks.",
      "The last serious flood in {town} was more than thirty years ago.",
      "{town} lies about {km} kilometres from {city}.",
    ],
    summaries: [
      "{k} residents of {town} were rescued and {n} homes damaged when the River {river} overflowed after heavy rain on {date}.",
      "Heavy rain on {date} caused the River {river} to flood {n} homes in {town}, and {k} people needed rescuing.",
    ],
  },
  {
    id: "research",
    draw: (rng) => ({
      ...base(rng),
      univ: `the University of ${rng.pick(CITIES)}`,
      scientist: `Professor ${person(rng).name}`,
      n: String(rng.int(3, 19)),
      animal: rng.pick(ANIMALS),
      region: rng.pick(REGIONS),
      years: String(rng.int(2, 9)),
    }),
    leads: [
      "Researchers at {univ} say they have found {n} previously unknown species of {animal} in {region}.",
      "{n} kinds of {animal} never described before have been identified in {region} by a team from {univ}.",
    ],
    keys: [
      "The team, led by {scientist}, published its findings on {date}.",
    ],
    extras: [
      "The scientists spent {years} years collecting samples in the area.",
      "Some of the new species are smaller than a fingernail.",
      "The region is under pressure from new roads and farming.",
      "A separate survey near {town2} last year found no new species at all.",
      '"Every visit turned up something we had not expected," said {scientist}.',
    ],
    summaries: [
      "A team led by {scientist} of {univ} has described {n} new {animal} species found in {region}, in work published on {date}.",
      "Scientists from {univ} under {scientist} reported on {date} that they had discovered {n} new types of {animal} in {region}.",
    ],
  },
  {
    id: "layoffs",
    draw: (rng) => ({
      ...base(rng),
      company: company(rng),
      n: String(rng.int(4, 90) * 10),
      total: thousands(rng.int(60, 400) * 10),
      reason: rng.pick(REASONS),
      union: `${rng.pick(SURNAMES)}`,
    }),
    leads: [
      "{company} plans to cut {n} jobs at its site in {town}, the firm announced on {date}.",
      "Workers at the {town} site of {company} were told on {date} that {n} jobs will go.",
    ],
    keys: [
      "The company blamed {reason} for the decision.",
    ],
    extras: [
      "The site currently employs {total} people.",
      'Union representative {official} called the news "a heavy blow" for the town.',
      "{company} said it would try to offer some staff jobs at its plant in {town2}.",
      "The cuts are expected to be made over the next twelve months.",
      "{town} lies about {km} kilometres from {city}.",
    ],
    summaries: [
      "Up to {n} workers at the {town} site of {company} are set to lose their jobs because of {reason}, the firm said on {date}.",
      "{company} said on {date} that {reason} would force it to shed {n} jobs in {town}.",
    ],
  },
  {
    id: "bridge",
    draw: (rng) => ({
      ...base(rng),
      structure: rng.pick(STRUCTURES),
      river: rng.pick(RIVERS),
      cost: `${rng.int(2, 60)} million euros`,
      n: thousands(rng.int(5, 150) * 100),
      months: String(rng.int(10, 40)),
    }),
    leads: [
      "A new {structure} over the River {river} in {town} opened to the public on {date}.",
      "People in {town} crossed the River {river} on a new {structure} for the first time on {date}.",
    ],
    keys: [
      "The {structure} cost {cost} and is expected to carry about {n} people a day.",
    ],
    extras: [
      "Building work took {months} months, longer than first planned.",
      "Mayor {official} cut a ribbon at a short ceremony on the river bank.",
      "Until now, people had to travel to {town2} to cross the river.",
      "Shops near the new crossing hope it will bring more visitors.",
      "{town} has a population of about {pop}.",
    ],
    summaries: [
      "The {cost} {structure} across the River {river} in {town} opened on {date} and should be used by around {n} people each day.",
      "{town} opened its new {cost} {structure} over the River {river} on {date}, with about {n} daily crossings expected.",
    ],
  },
];

/** Background sentences every report may use. */
export const BACKGROUND: readonly string[] = [
  "{town} has a population of about {pop}.",
  "{town} lies about {km} kilometres from {city}.",
  "The story was first reported by a local radio station.",
  "More details are expected to be released later this week.",
  "Local councillor {official} said residents would be kept informed.",
  "Several people shared photographs of the scene on social media.",
  "The town is best known for its market and its old stone bridge.",
  "Road works on the main route from {city} caused long delays the same morning.",
  "Many people in {town} travel to {city} for work each day.",
  "A meeting for residents will be held at the town hall next week.",
  "Officials in {town2} said they were following events closely.",
  "It has been a difficult year for businesses across the region.",
];
