/**
 * Topics, tones and sentence templates of the `write` dataset. Mention lines
 * are `mention|template|template`; templates may use `{date}`, `{time}`,
 * `{place}` and `{recipient}`.
 *
 * @module
 */

/** One writing topic. */
export interface WriteTopic {
  /** Topic id (the `topic` field). */
  readonly id: string;
  /** Noun phrase for the prompt: "a garden party". */
  readonly about: string;
  /** Who the text may be addressed to. */
  readonly recipients: readonly string[];
  /** Sentences introducing the topic (one is used). */
  readonly openings: readonly string[];
  /** Mention -> sentence templates. */
  readonly mentions: Readonly<Record<string, readonly string[]>>;
}

function mentions(lines: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of lines.trim().split("\n")) {
    const [key, ...templates] = line.trim().split("|");
    out[key as string] = templates;
  }
  return out;
}

/** The topics. */
export const TOPICS: readonly WriteTopic[] = [
  {
    id: "garden party",
    about: "a garden party",
    recipients: ["neighbour", "friend", "cousin", "colleague"],
    openings: [
      "We are having a garden party on {date}, starting at {time}, and we would love you to come.",
      "On {date} we are holding a small party in our garden from {time}, and you are very welcome.",
    ],
    mentions: mentions(`
      music|There will be some live music in the afternoon, but we will keep the volume reasonable.|A friend of ours is bringing a guitar, so expect a little music after lunch.
      parking|Parking on the street may be difficult, so it is best to walk if you can.|Please leave the driveway free, as there will be limited parking near the house.
      food|We will cook plenty of food on the barbecue, including vegetarian dishes.|You do not need to bring anything to eat, as there will be more than enough food.
      children|Children are very welcome, and there will be games for them on the lawn.|Feel free to bring the children, because we are setting up a play area.
      weather|If the weather turns bad, we will simply move everything indoors.|The forecast looks good, but bring a jacket in case the evening turns cold.
    `),
  },
  {
    id: "noise complaint",
    about: "noise from next door",
    recipients: ["neighbour", "landlord", "building manager", "local council"],
    openings: [
      "Since {date}, there has been loud noise from the flat next door almost every night after {time}.",
      "I would like to tell you about the noise problem that started on {date} and usually begins around {time}.",
    ],
    mentions: mentions(`
      sleep|Because of the noise, my family has hardly slept for several nights.|It has become very hard to sleep, and I am tired at work the next day.
      music|Most of the noise comes from music played at high volume late in the evening.|The music is often so loud that we can hear every word through the wall.
      dog|A dog barks for hours when it is left alone in the flat.|The barking dog next door starts early and does not stop for a long time.
      meeting|I would be happy to meet and talk about how we can solve this together.|Perhaps we could arrange a short meeting to find a fair solution.
      earlier letter|I already wrote about this problem last month but nothing has changed.|This is not the first time I have raised the issue, as I sent a note in the spring.
    `),
  },
  {
    id: "birthday dinner",
    about: "a birthday dinner",
    recipients: ["friend", "sister", "brother", "colleague", "cousin"],
    openings: [
      "I am organising a birthday dinner for my mother on {date} at {time}.",
      "To celebrate my birthday, I have booked a table for dinner on {date} at {time}.",
    ],
    mentions: mentions(`
      restaurant|The dinner will be at {place}, a small restaurant near the river.|I have chosen {place}, which serves excellent fish and has a quiet back room.
      gift|If you would like to give a present, we are collecting money for one shared gift.|Please do not buy a gift, as your company is more than enough.
      dress code|The restaurant is quite smart, so please dress up a little.|There is no dress code, so come in whatever you feel comfortable wearing.
      transport|There is a bus stop right outside, and the last bus leaves just before midnight.|We can share taxis home at the end of the evening if that helps.
      cost|The set menu costs thirty euros per person, including dessert.|Each guest will pay for their own meal, which should not be too expensive.
    `),
  },
  {
    id: "house move",
    about: "moving house",
    recipients: ["friend", "neighbour", "colleague", "aunt", "grandfather"],
    openings: [
      "After many years in the old flat, we are finally moving house on {date}.",
      "I wanted to let you know that we are moving to a new home on {date}, starting early at {time}.",
    ],
    mentions: mentions(`
      new address|Our new address is 14 {place} Road, and you are welcome to visit at any time.|The new house is on {place} Road, only ten minutes from the station.
      boxes|We still have a lot of boxes to pack, mostly books and kitchen things.|If you have any spare boxes, we would be very grateful for them.
      help|Any help on the day would be wonderful, even for an hour or two.|We are looking for a few strong volunteers to carry the furniture.
      pets|The cat will stay with my sister until the move is over.|We are a little worried about how the dog will cope with the change.
      farewell drinks|We will have some farewell drinks in the garden the evening before we leave.|Before we go, we would love to see everyone for a final drink.
    `),
  },
  {
    id: "broken heating",
    about: "the broken heating",
    recipients: ["landlord", "building manager", "housing office"],
    openings: [
      "The heating in my flat stopped working on {date}, and it has still not been repaired.",
      "I am contacting you because the heating has been broken since {date}.",
    ],
    mentions: mentions(`
      cold rooms|The rooms are now so cold that we have to wear coats indoors.|At night the temperature in the bedroom falls below ten degrees.
      repair visit|An engineer was promised for last week, but nobody came.|I was told that someone would visit to repair it, but I have heard nothing since.
      hot water|There is also no hot water, so we cannot wash properly.|Without hot water, even simple things like washing dishes have become difficult.
      children|My young children keep falling ill because of the cold.|I am especially worried about the children, who are often unwell.
      rent|I have always paid the rent on time and expect the flat to be kept in good order.|I believe part of this month's rent should be returned while the problem continues.
    `),
  },
  {
    id: "charity run",
    about: "a charity run",
    recipients: ["friend", "colleague", "manager", "uncle"],
    openings: [
      "On {date} I am taking part in a ten-kilometre charity run, which starts at {time}.",
      "I have signed up for a charity run on {date} to raise money for the local hospital.",
    ],
    mentions: mentions(`
      training|I have been training three evenings a week and can now run the whole distance.|My training has not always gone well, but I am getting faster.
      sponsorship|If you can sponsor me, even a small amount would make a real difference.|I am hoping to raise five hundred euros, so any sponsorship is welcome.
      route|The route follows the river and finishes in front of the town hall.|The course starts at {place} Park and includes one steep hill.
      volunteers|The organisers still need volunteers to hand out water along the way.|If you cannot run, you could help as a volunteer at one of the stations.
      t-shirts|Every runner gets a bright orange t-shirt with the hospital's name on it.|We will all wear matching t-shirts, so I will be easy to spot.
    `),
  },
  {
    id: "hotel stay",
    about: "a stay at a hotel",
    recipients: ["hotel manager", "travel website", "friend"],
    openings: [
      "I stayed at the {place} Hotel for three nights, arriving on {date}.",
      "My family spent a weekend at the {place} Hotel, checking in on {date} at around {time}.",
    ],
    mentions: mentions(`
      room|Our room was clean and comfortable, although rather small.|The room was much older than the photographs on the website suggested.
      breakfast|Breakfast was excellent, with fresh bread and local cheese.|The breakfast ended too early, and by nine o'clock there was little left.
      staff|The staff were kind and helpful throughout our stay.|One receptionist was unfriendly when we asked for extra towels.
      view|From the balcony we had a lovely view of the harbour.|Sadly, our window looked straight onto a car park.
      price|For the price we paid, I expected a little more comfort.|The price was very reasonable for a hotel in such a good location.
    `),
  },
  {
    id: "school concert",
    about: "the school concert",
    recipients: ["parents", "teacher", "head teacher", "friend"],
    openings: [
      "The school concert will take place on {date} in the main hall, beginning at {time}.",
      "I am writing about the end-of-term concert, which is planned for {date} at {time}.",
    ],
    mentions: mentions(`
      tickets|Tickets cost five euros and can be bought at the school office.|Each family may reserve up to four tickets, as seats are limited.
      rehearsals|The children have been rehearsing every Thursday after lessons.|There will be one final rehearsal on the morning of the concert.
      costumes|Pupils should wear a white shirt and dark trousers or a dark skirt.|Costumes will be provided, but please send a pair of black shoes.
      refreshments|Drinks and cakes will be sold during the interval.|Parents are invited to bring a cake for the refreshment table.
      parking|The school car park will be closed, so please park in {place} Street.|Parking near the school is limited, so we suggest walking or taking the bus.
    `),
  },
  {
    id: "clean-up day",
    about: "a community clean-up day",
    recipients: ["neighbours", "residents' group", "local council", "friend"],
    openings: [
      "We are organising a clean-up day in our neighbourhood on {date}, starting at {time}.",
      "On {date} local residents will meet at {time} to clean up the park and the streets around it.",
    ],
    mentions: mentions(`
      gloves|Gloves and litter pickers will be provided for everyone who comes.|Please bring your own gloves if you have them, as we have only a few spare pairs.
      meeting point|We will meet at the gate of {place} Park, next to the playground.|The meeting point is the car park behind the library.
      lunch|A simple lunch of soup and sandwiches will be served at one o'clock.|The bakery on the corner has kindly offered to provide lunch.
      children|Children are welcome, as long as an adult stays with them.|There will be a special task for children, collecting plastic bottles.
      rubbish bags|The council will collect the full rubbish bags on Monday morning.|We have two hundred rubbish bags, which should be enough for the whole area.
    `),
  },
  {
    id: "time off",
    about: "a request for time off",
    recipients: ["manager", "team leader", "head of department"],
    openings: [
      "I would like to request a week of leave starting on {date}.",
      "I am writing to ask whether I could take some time off from {date}.",
    ],
    mentions: mentions(`
      reason|My brother is getting married abroad, and I would very much like to attend.|I need the time to help my parents, who are moving to a smaller house.
      cover|{place} from my team has agreed to cover my work while I am away.|I have arranged for a colleague to answer my emails during that week.
      deadlines|All my current projects will be finished before I leave.|The monthly report will be ready two days before my leave begins.
      handover|I will prepare a short handover note with everything the team needs.|Before I go, I will spend an afternoon explaining my tasks to the team.
      phone|In an emergency, I will still be reachable by phone.|I will check my phone once a day in case anything urgent comes up.
    `),
  },
];

/** Tones: an opening sentence and a closing sentence for each. */
export const TONES: Readonly<
  Record<string, { open: readonly string[]; middle: readonly string[]; close: readonly string[] }>
> = {
  friendly: {
    open: ["I hope you and your family are keeping well.", "I hope you are having a good week."],
    middle: [
      "It would be really lovely to hear from you about all of this.",
      "As always, just tell me if anything is unclear or if you have questions.",
    ],
    close: ["Let me know what you think, and speak soon.", "Thanks so much, and see you soon."],
  },
  formal: {
    open: [
      "I am writing to you regarding the matter below.",
      "Please allow me to inform you of the following.",
    ],
    middle: [
      "I would be grateful if you could confirm that you have received this message.",
      "I have summarised the relevant details as clearly as possible.",
    ],
    close: [
      "I look forward to hearing from you at your earliest convenience.",
      "Thank you for your attention to this matter.",
    ],
  },
  apologetic: {
    open: [
      "I am sorry to trouble you with this message.",
      "Please forgive me for writing at such short notice.",
    ],
    middle: [
      "I realise this may not be the most convenient time for you.",
      "I hope this does not cause you too much inconvenience.",
    ],
    close: [
      "Sorry again, and thank you for your patience and understanding.",
      "I apologise once more for any trouble this may cause.",
    ],
  },
  enthusiastic: {
    open: [
      "I am so excited to share some news with you!",
      "I simply could not wait to write to you about this!",
    ],
    middle: [
      "Honestly, I have been looking forward to this for weeks!",
      "Everyone I have told about it is really excited too!",
    ],
    close: [
      "It is going to be wonderful, and I really cannot wait!",
      "I am sure it will be a fantastic experience for everyone!",
    ],
  },
  firm: {
    open: [
      "I must raise a matter with you directly.",
      "I need to bring the following to your attention.",
    ],
    middle: [
      "I have been patient so far, but the situation cannot continue like this.",
      "Please treat this as a serious and urgent request.",
    ],
    close: [
      "I expect a clear answer from you within seven days.",
      "I trust this will now be dealt with without further delay.",
    ],
  },
};

/** Places used inside templates (`{place}`). */
export const PLACES: readonly string[] = [
  "Riverside",
  "Hartley",
  "Greenway",
  "Oakfield",
  "Marlow",
  "Beacon",
  "Linden",
  "Carrow",
  "Willow",
  "Ashgrove",
];

/** Times used inside templates (`{time}`). */
export const TIMES: readonly string[] = [
  "10:00",
  "10:30",
  "11:00",
  "noon",
  "13:00",
  "14:00",
  "15:30",
  "16:00",
  "18:00",
  "19:00",
  "19:30",
  "20:00",
];

/** Text forms. */
export const FORMS: readonly string[] = ["letter", "email", "note", "message"];
