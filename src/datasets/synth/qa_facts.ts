/**
 * Fact types of the `qa` dataset: for people, towns and companies, how a fact
 * is drawn, stated (several wordings) and asked about (several wordings).
 *
 * @module
 */
import type { Rng } from "./prng.ts";
import {
  CITIES,
  company,
  COUNTRIES,
  INDUSTRIES,
  MONTHS,
  person,
  PRODUCTS,
  RIVERS,
  SURNAMES,
  thousands,
  TOWNS,
} from "./lexicon.ts";

/** Kinds of entity a passage is about. */
export type EntityKind = "person" | "town" | "company";

/** An entity of a passage. */
export interface Entity {
  /** Its kind. */
  readonly kind: EntityKind;
  /** Full name, used in questions and first mentions. */
  readonly name: string;
  /** Short name for later mentions (a person's surname). */
  readonly short: string;
  /** A base year the entity's dates are drawn around (birth or founding). */
  readonly year: number;
}

/** One fact type. */
export interface FactDef {
  /** Fact type id, unique within its kind. */
  readonly id: string;
  /** Draws the slot values (without `e`). */
  draw(rng: Rng, entity: Entity): Record<string, string>;
  /** Statement templates; `{e}` is the entity. */
  readonly sentences: readonly string[];
  /** Askable slot -> question templates; `{e}` is the entity's full name. */
  readonly questions: Readonly<Record<string, readonly string[]>>;
}

const SUBJECTS = [
  "chemistry",
  "history",
  "law",
  "medicine",
  "architecture",
  "music",
  "economics",
  "geology",
  "mathematics",
  "botany",
  "engineering",
  "philosophy",
];
const PROFESSIONS = [
  "teacher",
  "civil engineer",
  "journalist",
  "nurse",
  "architect",
  "pharmacist",
  "surveyor",
  "translator",
  "accountant",
  "ship designer",
  "librarian",
  "chemist",
  "bank clerk",
];
const NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven"];
const BOOK_ADJ = ["Silent", "Northern", "Last", "Hidden", "Long", "Distant", "Quiet", "Lost"];
const BOOK_NOUN = ["Harbour", "Winter", "Road", "Garden", "Lighthouse", "Orchard", "River"];
const PRIZES = ["Medal", "Prize", "Award"];
const FESTIVALS = ["Music", "Lantern", "Harvest", "Jazz", "Film", "Kite", "Book", "Food"];
const LANDMARKS = [
  "Corn Exchange",
  "Clock Tower",
  "Abbey Church",
  "Town Hall",
  "Stone Bridge",
  "Harbour Light",
  "Guild House",
  "Market Cross",
  "Old Mill",
  "Castle Keep",
];
const DIRECTIONS = ["north", "south", "east", "west", "north-east", "south-west"];

function university(rng: Rng): string {
  const r = rng.int(0, 2);
  if (r === 0) return `the University of ${rng.pick(CITIES)}`;
  if (r === 1) return `the ${rng.pick(CITIES)} Institute of Technology`;
  return `${rng.pick(TOWNS)} College`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

function money(rng: Rng): string {
  return `${rng.int(2, 95)}.${rng.int(1, 9)} million euros`;
}

/** Fact types about a person. */
export const PERSON_FACTS: readonly FactDef[] = [
  {
    id: "born",
    draw: (rng, e) => ({ place: rng.pick([...TOWNS, ...CITIES]), year: String(e.year) }),
    sentences: [
      "{e} was born in {place} in {year}.",
      "{e} was born in {year} in the town of {place}.",
      "Born in {place} in {year}, {e} grew up in a large family.",
    ],
    questions: {
      place: ["Where was {e} born?", "In which town was {e} born?", "What is {e}'s birthplace?"],
      year: ["In what year was {e} born?", "When was {e} born?", "What year was {e} born in?"],
    },
  },
  {
    id: "study",
    draw: (rng) => ({ subject: rng.pick(SUBJECTS), univ: university(rng) }),
    sentences: [
      "{e} studied {subject} at {univ}.",
      "At {univ}, {e} took a degree in {subject}.",
      "{e} earned a degree in {subject} from {univ}.",
    ],
    questions: {
      subject: ["What did {e} study?", "Which subject did {e} study?", "What was {e}'s degree in?"],
      univ: [
        "Where did {e} study?",
        "Which university did {e} attend?",
        "At which university did {e} study {subject}?",
      ],
    },
  },
  {
    id: "job",
    draw: (rng) => {
      const profession = rng.pick(PROFESSIONS);
      return { profession, art: article(profession), org: company(rng) };
    },
    sentences: [
      "{e} later worked as {art} {profession} at {org}.",
      "For several years {e} was employed by {org} as {art} {profession}.",
      "{e} took a job as {art} {profession} with {org}.",
    ],
    questions: {
      profession: [
        "What did {e} work as?",
        "What was {e}'s job?",
        "What job did {e} have at {org}?",
      ],
      org: [
        "Which company employed {e}?",
        "For which company did {e} work?",
        "Who did {e} work for as {art} {profession}?",
      ],
    },
  },
  {
    id: "move",
    draw: (rng, e) => ({ city: rng.pick(CITIES), year: String(e.year + rng.int(20, 35)) }),
    sentences: [
      "In {year}, {e} moved to {city}.",
      "{e} settled in {city} in {year}.",
      "{e} left home for {city} in {year} and never returned.",
    ],
    questions: {
      city: [
        "Where did {e} move to?",
        "To which city did {e} move in {year}?",
        "Where did {e} settle?",
      ],
      year: ["When did {e} move to {city}?", "In what year did {e} move away?"],
    },
  },
  {
    id: "founded",
    draw: (rng, e) => ({
      org: company(rng),
      year: String(e.year + rng.int(28, 45)),
      n: thousands(rng.int(2, 90) * 10),
    }),
    sentences: [
      "In {year}, {e} founded {org}, a firm that grew to {n} employees.",
      "{e} started {org} in {year}; at its peak it employed {n} people.",
      "{e} set up {org} in {year}, and the firm later had {n} staff.",
    ],
    questions: {
      org: ["Which company did {e} found?", "What is the name of the firm {e} started?"],
      year: ["When did {e} found {org}?", "In what year did {e} start a company?"],
      n: ["How many employees did {e}'s firm have?", "How many people did {org} employ?"],
    },
  },
  {
    id: "award",
    draw: (rng, e) => ({
      award: `${rng.pick(SURNAMES)} ${rng.pick(PRIZES)}`,
      year: String(e.year + rng.int(36, 55)),
    }),
    sentences: [
      "In {year}, {e} received the {award}.",
      "{e} was awarded the {award} in {year}.",
      "The {award} went to {e} in {year}.",
    ],
    questions: {
      award: ["Which prize did {e} receive?", "What award did {e} win?"],
      year: ["When did {e} receive the {award}?", "In what year was {e} given an award?"],
    },
  },
  {
    id: "book",
    draw: (rng, e) => ({
      title: `The ${rng.pick(BOOK_ADJ)} ${rng.pick(BOOK_NOUN)}`,
      year: String(e.year + rng.int(30, 60)),
    }),
    sentences: [
      "{e} wrote a book called {title}, published in {year}.",
      "In {year}, {e} published a memoir, {title}.",
      "{e}'s only book, {title}, appeared in {year}.",
    ],
    questions: {
      title: ["What is the title of {e}'s book?", "What book did {e} write?"],
      year: ["When was {e}'s book published?", "In what year did {e} publish {title}?"],
    },
  },
  {
    id: "marriage",
    draw: (rng, e) => ({ spouse: person(rng).name, year: String(e.year + rng.int(22, 34)) }),
    sentences: [
      "{e} married {spouse} in {year}.",
      "In {year}, {e} married {spouse}, a friend from school.",
      "{e} and {spouse} were married in {year}.",
    ],
    questions: {
      spouse: ["Who did {e} marry?", "Who was {e}'s spouse?"],
      year: ["When did {e} marry?", "In what year did {e} get married?"],
    },
  },
  {
    id: "children",
    draw: (rng) => ({ n: rng.pick(NUMBER_WORDS) }),
    sentences: [
      "{e} had {n} children.",
      "{e} raised {n} children.",
      "{e} was the parent of {n} children.",
    ],
    questions: { n: ["How many children did {e} have?", "How many children did {e} raise?"] },
  },
  {
    id: "death",
    draw: (rng, e) => {
      const age = rng.int(58, 96);
      return {
        place: rng.pick([...TOWNS, ...CITIES]),
        year: String(e.year + age),
        age: String(age),
      };
    },
    sentences: [
      "{e} died in {place} in {year} at the age of {age}.",
      "{e} died in {year} in {place}, aged {age}.",
    ],
    questions: {
      place: ["Where did {e} die?", "In which town did {e} die?"],
      year: ["When did {e} die?", "In what year did {e} die?"],
      age: ["At what age did {e} die?", "How old was {e} at death?"],
    },
  },
];

/** Fact types about a town. */
export const TOWN_FACTS: readonly FactDef[] = [
  {
    id: "founded",
    draw: (rng, e) => ({ year: String(e.year), founder: person(rng).name }),
    sentences: [
      "{e} was founded in {year} by {founder}.",
      "The town of {e} was established by {founder} in {year}.",
    ],
    questions: {
      year: ["When was {e} founded?", "In what year was {e} established?"],
      founder: ["Who founded {e}?", "Who established the town of {e}?"],
    },
  },
  {
    id: "population",
    draw: (rng) => ({ n: thousands(rng.int(20, 900) * 100) }),
    sentences: [
      "{e} has a population of about {n}.",
      "Around {n} people live in {e}.",
      "The population of {e} is roughly {n}.",
    ],
    questions: { n: ["What is the population of {e}?", "How many people live in {e}?"] },
  },
  {
    id: "river",
    draw: (rng) => ({ river: rng.pick(RIVERS) }),
    sentences: [
      "{e} lies on the banks of the River {river}.",
      "The River {river} runs through the centre of {e}.",
    ],
    questions: { river: ["Which river runs through {e}?", "On which river does {e} lie?"] },
  },
  {
    id: "distance",
    draw: (rng) => ({
      dist: `${rng.int(8, 140)} kilometres`,
      dir: rng.pick(DIRECTIONS),
      city: rng.pick(CITIES),
    }),
    sentences: ["{e} is {dist} {dir} of {city}.", "{e} lies about {dist} {dir} of {city}."],
    questions: {
      dist: ["How far is {e} from {city}?", "What is the distance from {e} to {city}?"],
      city: ["Which city is {e} near?", "Which large city lies closest to {e}?"],
    },
  },
  {
    id: "mayor",
    draw: (rng) => ({ mayor: person(rng).name, year: String(rng.int(2000, 2023)) }),
    sentences: [
      "The mayor of {e}, {mayor}, was elected in {year}.",
      "{mayor} has been mayor of {e} since {year}.",
    ],
    questions: {
      mayor: ["Who is the mayor of {e}?", "Who leads the town council of {e}?"],
      year: ["When was the mayor of {e} elected?", "Since when has {e} had its current mayor?"],
    },
  },
  {
    id: "industry",
    draw: (rng) => ({ industry: rng.pick(INDUSTRIES)[1] }),
    sentences: [
      "{e} is best known for its {industry} industry.",
      "For centuries the economy of {e} has depended on its {industry} industry.",
    ],
    questions: {
      industry: ["What industry is {e} known for?", "What is the main industry of {e}?"],
    },
  },
  {
    id: "festival",
    draw: (rng, e) => ({
      fest: `${e.name} ${rng.pick(FESTIVALS)} Festival`,
      month: rng.pick(MONTHS),
      n: thousands(rng.int(5, 250) * 100),
    }),
    sentences: [
      "Every {month}, {e} hosts the {fest}, which attracts about {n} visitors.",
      "The {fest} is held in {e} each {month} and draws around {n} visitors.",
    ],
    questions: {
      fest: ["What festival does {e} host?", "Which festival is held in {e}?"],
      month: ["In which month is the festival in {e} held?", "When does {e} host its festival?"],
      n: ["How many visitors does the festival in {e} attract?"],
    },
  },
  {
    id: "landmark",
    draw: (rng, e) => ({ landmark: rng.pick(LANDMARKS), year: String(e.year + rng.int(40, 300)) }),
    sentences: [
      "The {landmark}, built in {year}, is the most famous building in {e}.",
      "The most famous building in {e} is the {landmark}, completed in {year}.",
    ],
    questions: {
      landmark: ["What is the most famous building in {e}?", "Which building is {e} famous for?"],
      year: [
        "When was the most famous building in {e} built?",
        "In what year was the {landmark} built?",
      ],
    },
  },
  {
    id: "twin",
    draw: (rng) => ({ twin: rng.pick(CITIES), year: String(rng.int(1955, 2015)) }),
    sentences: [
      "Since {year}, {e} has been twinned with {twin}.",
      "{e} became a twin town of {twin} in {year}.",
    ],
    questions: {
      twin: ["Which city is {e} twinned with?", "What is the twin town of {e}?"],
      year: ["Since when has {e} been twinned with {twin}?", "When did {e} get a twin town?"],
    },
  },
  {
    id: "schools",
    draw: (rng) => ({ n: String(rng.int(3, 40)) }),
    sentences: ["{e} has {n} schools and a small hospital.", "There are {n} schools in {e}."],
    questions: { n: ["How many schools does {e} have?", "How many schools are there in {e}?"] },
  },
];

/** Fact types about a company. */
export const COMPANY_FACTS: readonly FactDef[] = [
  {
    id: "founded",
    draw: (rng, e) => ({ year: String(e.year), founder: person(rng).name, city: rng.pick(CITIES) }),
    sentences: [
      "{e} was founded in {city} in {year} by {founder}.",
      "{founder} founded {e} in {year} in {city}.",
    ],
    questions: {
      year: ["When was {e} founded?", "In what year was {e} set up?"],
      founder: ["Who founded {e}?", "Who set up {e}?"],
      city: ["Where was {e} founded?", "In which city was {e} founded?"],
    },
  },
  {
    id: "hq",
    draw: (rng) => ({ hq: rng.pick([...CITIES, ...TOWNS]) }),
    sentences: ["Today {e} has its headquarters in {hq}.", "{e} is now based in {hq}."],
    questions: { hq: ["Where is {e} headquartered?", "Where are the headquarters of {e}?"] },
  },
  {
    id: "employees",
    draw: (rng) => ({ n: thousands(rng.int(12, 900) * 10) }),
    sentences: ["{e} employs about {n} people.", "{e} has a workforce of roughly {n}."],
    questions: { n: ["How many people does {e} employ?", "How large is the workforce of {e}?"] },
  },
  {
    id: "product",
    draw: (rng) => ({ product: rng.pick(PRODUCTS), n: String(rng.int(3, 60)) }),
    sentences: [
      "{e} is best known for its {product}.",
      "{e} makes {product} that are sold in {n} countries.",
    ],
    questions: {
      product: ["What is {e} best known for?", "What does {e} make?"],
      n: ["In how many countries are the products of {e} sold?"],
    },
  },
  {
    id: "ceo",
    draw: (rng) => ({ ceo: person(rng).name, year: String(rng.int(2003, 2023)) }),
    sentences: [
      "Since {year}, {e} has been run by chief executive {ceo}.",
      "{ceo} became chief executive of {e} in {year}.",
    ],
    questions: {
      ceo: ["Who is the chief executive of {e}?", "Who runs {e}?"],
      year: [
        "When did the chief executive of {e} take over?",
        "In what year did {ceo} take charge of {e}?",
      ],
    },
  },
  {
    id: "revenue",
    draw: (rng) => ({ money: money(rng), year: String(rng.int(2010, 2023)) }),
    sentences: [
      "In {year}, {e} reported revenue of {money}.",
      "{e} had revenue of {money} in {year}.",
    ],
    questions: {
      money: ["What revenue did {e} report?", "How much revenue did {e} report in {year}?"],
      year: ["In which year did {e} report revenue of {money}?"],
    },
  },
  {
    id: "acquisition",
    draw: (rng) => ({ target: company(rng), price: money(rng), year: String(rng.int(1990, 2022)) }),
    sentences: [
      "In {year}, {e} bought its rival {target} for {price}.",
      "{e} acquired {target} in {year}, paying {price}.",
    ],
    questions: {
      target: ["Which company did {e} buy?", "What rival did {e} acquire?"],
      price: ["How much did {e} pay for {target}?", "What price did {e} pay for its rival?"],
      year: ["When did {e} buy {target}?", "In what year did {e} acquire a rival?"],
    },
  },
  {
    id: "factories",
    draw: (rng) => ({ n: rng.pick(NUMBER_WORDS), country: rng.pick(COUNTRIES) }),
    sentences: [
      "{e} operates {n} factories in {country}.",
      "{e} runs {n} factories, all of them in {country}.",
    ],
    questions: {
      n: ["How many factories does {e} operate?", "How many factories does {e} run?"],
      country: [
        "In which country does {e} operate its factories?",
        "Where are the factories of {e}?",
      ],
    },
  },
];

/** Fact types by entity kind. */
export const FACTS: Readonly<Record<EntityKind, readonly FactDef[]>> = {
  person: PERSON_FACTS,
  town: TOWN_FACTS,
  company: COMPANY_FACTS,
};

/** Draws an entity of a kind. */
export function entity(rng: Rng, kind: EntityKind): Entity {
  if (kind === "person") {
    const p = person(rng);
    return { kind, name: p.name, short: p.surname, year: rng.int(1880, 1930) };
  }
  if (kind === "town") {
    const name = rng.pick(TOWNS);
    return { kind, name, short: name, year: rng.int(1150, 1820) };
  }
  const name = company(rng);
  return { kind, name, short: name, year: rng.int(1880, 2005) };
}

/** Sentences that introduce a distractor entity next to the main one; `{d}` and `{m}`. */
export const LINKS: Readonly<Record<EntityKind, readonly string[]>> = {
  person: [
    "{d} was a close friend of {m}.",
    "{m} often worked alongside {d}.",
    "A cousin of {m}, {d}, led a very different life.",
    "{d} was a rival of {m} for many years.",
  ],
  town: [
    "Not far from {m} lies the town of {d}.",
    "{d} is a neighbouring town of {m}.",
    "Visitors to {m} often also travel to {d}.",
  ],
  company: [
    "{d} is one of the main competitors of {m}.",
    "{m} has long competed with {d}.",
    "Another firm in the same market is {d}.",
  ],
};

/** Background sentences about the main entity `{m}` that state no askable fact. */
export const FILLERS: Readonly<Record<EntityKind, readonly string[]>> = {
  person: [
    "Few letters from the early years of {m} have survived.",
    "Friends remembered {m} as patient, curious and stubborn.",
    "Much of what is known about {m} comes from local newspapers.",
    "Later biographers have argued about the motives of {m}.",
  ],
  town: [
    "The streets of {m} are narrow and lined with old stone houses.",
    "Tourism in {m} has grown steadily over the last twenty years.",
    "Many families in {m} have lived there for several generations.",
    "The weekly market in {m} is popular with farmers from the valley.",
  ],
  company: [
    "Analysts describe {m} as a careful and slow-growing business.",
    "Like many firms of its size, {m} struggled during the recession.",
    "Staff at {m} are known for staying with the firm for decades.",
    "The history of {m} is told in a small museum near its first workshop.",
  ],
};
