/**
 * The seeds' case studies: every case the toolkit and the practitioners' findings name,
 * the first entries of every place's library. Written in Kith's own words; the facts and
 * figures are the seeds' own, and each names the seed it comes from. Where a seed says
 * nothing of what did not work, the case says so and names what a reader should weigh,
 * rather than inventing a failure.
 */
import type { z } from 'zod';
import type { CaseInput } from './inputs.js';

export interface SeedCase {
  key: string;
  fields: z.input<typeof CaseInput>;
}

const A2 =
  'Enabling social action (Office for Civil Society and the New Economics Foundation), Section A2: typology of social action';
const B3 = 'Enabling social action, Section B3: making a large difference';
const METHOD = 'Enabling social action, Methodology: the implementation sites (January to June 2016)';
const FINDINGS = 'Findings from practitioners, universities of Sheffield and Hull (2018)';

export const SEED_CASES: readonly SeedCase[] = [
  {
    key: 'kings-college-hospital',
    fields: {
      title: 'Volunteers in frontline roles at King’s College Hospital',
      location: 'King’s College Hospital, London',
      area: 'london',
      typologies: ['formal-volunteering'],
      summary:
        'A hospital asked its staff what they wished they had time to do for patients, and gave those tasks to volunteers.',
      tried:
        'In 2010 the hospital changed how it involves volunteers. Instead of starting from a list of volunteer jobs, it asked staff what they would like to do for patients but had no time for. Volunteers then took on frontline roles: welcoming patients, guiding them around the hospital, offering comfort and reassurance on wards, and sitting with people during operations. They also help on open days and collect patient-experience surveys.',
      whoTookPart:
        'Hospital staff, who named the gaps; more than 1,500 volunteers, many wanting to “give something back” and some wanting experience for a course or a job; patients and their families.',
      whatWorked:
        '- Over 1,500 volunteers give more than 250,000 hours a year.\n- The hospital’s own data show that patients who had a volunteer with them were more likely to say they would recommend the hospital to family and friends.\n- Starting from staff’s unmet wishes gave volunteers roles that mattered, not leftover tasks.',
      whatDidNot:
        'The toolkit does not record what went wrong. What a reader should weigh: the evidence is the hospital’s own patient-survey data, without a comparison group, so it shows an association rather than proof; and volunteers who come for work experience are likely to move on, so recruitment and training never stop.',
      costBand: 'unknown',
      cost: 'Not given in the source.',
      evidenceLevel: 2,
      outcomes:
        'Patient experience (would recommend the service); volunteers’ skills and routes into courses and jobs.',
      outcomeTags: ['wellbeing', 'skills', 'employment'],
      contacts: 'King’s College Hospital NHS Foundation Trust, voluntary services.',
      started: '2010',
      ended: '',
      links: 'https://www.nesta.org.uk/report/people-helping-people-the-future-of-public-services/',
      source: `${A2}, citing Clarence, E. and Gabriel, M. (2014), People helping people, Nesta.`,
    },
  },
  {
    key: 'spice-time-credits',
    fields: {
      title: 'Spice Time Credits: an hour given, an hour’s credit',
      location: 'Schools, community centres, libraries and housing associations across the UK',
      area: 'uk-wide',
      typologies: ['time-credits', 'co-production'],
      summary:
        'Time Credits value everyone’s hour the same, whatever they did, and can be spent on help from others or with leisure partners.',
      tried:
        'Spice supports services to use Time Credits. Anyone who gives an hour (as a volunteer, peer supporter, mentor and more) earns an hour’s credit, whatever the activity and whatever their skills or status. Credits are spent on an hour of someone else’s time, or with Spice’s partners: the cinema, museums, leisure centres.',
      whoTookPart:
        'Schools, children’s centres, community centres, libraries, housing associations and other services; over 19,000 people earning credits; the partners who accept them.',
      whatWorked:
        '- 81% of people earning credits said their quality of life had improved.\n- People became more aware of their own skills, more connected, healthier, and more aware of the support around them.\n- One service said the idea “created a quiet storm”: people who had had no structure began asking their support workers about credits and talking about their skills.',
      whatDidNot:
        'Credits can go wrong when people feel they are being managed rather than thanked. The 2018 practitioners’ findings describe a “disastrous” scheme that formally rewarded volunteering with credits and caused outrage among some volunteers, who saw it as controlling; and practitioners described Spice credits and time banking as costly investments, which some councils hoped to take in-house over time to save money. The impact figures come from a report Spice commissioned, based on what people said about themselves.',
      costBand: 'unknown',
      cost: 'Described by practitioners as a costly investment; no figure in the sources.',
      evidenceLevel: 2,
      outcomes:
        'Quality of life (81% reported an increase); skills and confidence; social connection; health; awareness of local support.',
      outcomeTags: ['wellbeing', 'confidence', 'loneliness', 'health'],
      contacts: 'Spice (now Tempo Time Credits).',
      started: '',
      ended: '',
      links: 'https://www.justaddspice.org/',
      source: `${A2}, citing Apteligen and Spice (2015), Spice Time Credits: impact, summer 2015 findings; and ${FINDINGS}.`,
    },
  },
  {
    key: 'st-giles-peer-to-the-future',
    fields: {
      title: 'St Giles Trust “Peer to the Future”: prison leavers supported by peer advisors',
      location: 'Leeds',
      area: 'yorkshire',
      typologies: ['peer-support'],
      summary:
        'People who had been in prison met prison leavers at the gate and helped them with housing, benefits and health, to cut re-offending.',
      tried:
        'A support package of at least ten weeks, starting four weeks before release. Inside prison, peer advisors who were themselves prisoners (with more than three months of their sentence left) helped with benefit claims and substance misuse. On release, a peer advisor in the community, an ex-offender, met the person at the prison gate and helped them settle: housing, health, benefits, and a positive support network.',
      whoTookPart:
        'St Giles Trust; serving prisoners as peer advisors; ex-offenders as community peer advisors; 203 clients leaving prison.',
      whatWorked:
        '- An evaluation found good outcomes in housing, education, employment and training, and health and wellbeing.\n- Only 14 of 203 clients re-offended in the 13-month evaluation period, lower than is typical in the area.\n- Advisors with the same experience were trusted where professionals often are not.',
      whatDidNot:
        'The source does not say what went wrong. What a reader should weigh: the comparison is with the area’s typical re-offending rate, not with a matched group, so it cannot show the programme caused the difference; and the model depends on finding and supporting advisors who are themselves in or just out of prison.',
      costBand: 'unknown',
      cost: 'Not given in the source.',
      evidenceLevel: 2,
      outcomes:
        'Re-offending (14 of 203 in 13 months); housing; education, employment and training; health and wellbeing.',
      outcomeTags: ['reoffending', 'housing', 'employment', 'wellbeing'],
      contacts: 'St Giles Trust.',
      started: '',
      ended: '',
      links: 'https://www.stgilestrust.org.uk/',
      source: A2,
    },
  },
  {
    key: 'dementia-friends',
    fields: {
      title: 'Dementia Friends: a movement of 1.5 million people',
      location: 'Across the UK',
      area: 'uk-wide',
      typologies: ['advocacy-movements'],
      summary:
        'A short free session teaches people what dementia is and the small things they can do; the idea spread by word of mouth into a movement.',
      tried:
        'The Alzheimer’s Society launched Dementia Friends in February 2013. Anyone becomes a Friend through a free 45-minute face-to-face session or a 10-minute online one. At the end, new Friends are asked to choose something to do: visit a friend or relative with dementia, or commit to volunteering. Businesses backed it; councils promoted it to residents.',
      whoTookPart:
        'The Alzheimer’s Society; 1.5 million Friends; employers, such as Marks and Spencer, which created 80,000 Friends among its staff; local authorities that encouraged residents to take part.',
      whatWorked:
        '- Over 1.5 million Dementia Friends, creating dementia-friendly communities.\n- A simple, free, short action spreads fast when an issue touches so many people: one in three people over 65 will develop dementia, which costs the economy £26 billion a year.\n- Public backing by councils and large employers gave it legitimacy.',
      whatDidNot:
        'The toolkit does not report failures. What a reader should weigh: the count is of people trained, an output; the sources do not measure how much Friends go on to do, or what changes for people living with dementia.',
      costBand: 'none',
      cost: 'Free to take part; the cost of running the programme is not given.',
      evidenceLevel: 1,
      outcomes: 'Understanding of dementia in communities; support for people living with dementia.',
      outcomeTags: ['loneliness', 'wellbeing'],
      contacts: 'Alzheimer’s Society, Dementia Friends.',
      started: 'February 2013',
      ended: '',
      links: 'https://www.dementiafriends.org.uk/',
      source: `${A2}; ${B3}.`,
    },
  },
  {
    key: 'shared-lives',
    fields: {
      title: 'Shared Lives: care in a carer’s own home',
      location: 'England (131 schemes)',
      area: 'uk-wide',
      typologies: ['co-production', 'befriending-helping'],
      summary:
        'Trained carers share their home and family life with adults who need support, at far lower cost than residential care, and the model spread through replication.',
      tried:
        'Carers trained and approved by Shared Lives welcome adults with learning disabilities or other care needs into their family life, after careful matching: as a permanent home, short breaks or day support. Carers are self-employed and paid by the council for the personal care they give, with a contribution to rent; much of the rest is given freely, as family life. Shared Lives provides support, advice, insurance, training and matching.',
      whoTookPart:
        'In 2014/15, 8,460 Shared Lives carers supported 11,570 people in England, in 131 schemes; local authorities, which pay from community care budgets; NHS England and the Cabinet Office, which backed it.',
      whatWorked:
        '- In 2016, 96% of placements were rated good or outstanding by the Care Quality Commission, against 68.6% of community services and 63.5% of residential services; none was inadequate.\n- Placements for people with learning disabilities cost on average £26,000 a year less than institutional care (2014/15).\n- It scaled by replication, through partnerships with local authorities, and aims to support 37,113 more people and save councils another £145 million a year.',
      whatDidNot:
        'Growth stalled on regulation. Shared Lives began as an adult placement programme in 1992; by 2003 it had 700 members but faced numerous regulatory barriers. It took national backing (NHS England and the Cabinet Office) to win the regulatory changes its model needed and the public profile that made councils trust it.',
      costBand: 'over-1m',
      cost: 'Paid by councils from community care budgets; £26,000 a year less per placement than institutional care (learning disabilities, 2014/15).',
      evidenceLevel: 2,
      outcomes:
        'Quality of care (CQC ratings); independence and family life for people with care needs; cost to councils.',
      outcomeTags: ['independence', 'wellbeing', 'care-costs', 'housing'],
      contacts: 'Shared Lives Plus.',
      started: '1992',
      ended: '',
      links: 'https://sharedlivesplus.org.uk/',
      source: `${A2}; ${B3}; citing Shared Lives Plus (2016), The State of Shared Lives in England.`,
    },
  },
  {
    key: 'anglers-rest',
    fields: {
      title: 'The Angler’s Rest: a village buys its last pub',
      location: 'Bamford, Derbyshire',
      area: 'east-midlands',
      typologies: ['community-asset-ownership'],
      summary:
        'Villagers used the Community Right to Bid to buy their last pub in a month and made it a hub with the post office and a café.',
      tried:
        'The pub was listed as an asset of community value. When it went on the market, the listing triggered a moratorium under the Community Right to Bid, giving the community time to raise the money. With advice from the Plunkett Foundation and funding from “Pub is the Hub”, the village post office moved into the pub and a café opened in the building.',
      whoTookPart: 'Bamford residents; the Plunkett Foundation (advice); Pub is the Hub (funding).',
      whatWorked:
        '- The community raised the £270,000 needed within a month.\n- The pub is now a thriving community hub with the post office and a café.',
      whatDidNot:
        'The source does not say what was hard. What a reader should weigh: the time to raise the money was very short, and the community already had the skills and the backers to do it; places without that capacity may need help before the moment comes, not after.',
      costBand: '100k-1m',
      cost: '£270,000 to buy the pub, raised by the community; further funding from Pub is the Hub.',
      evidenceLevel: 1,
      outcomes: 'A village kept its last pub, post office and a new café.',
      outcomeTags: ['local-economy', 'loneliness'],
      contacts: 'The Angler’s Rest, Bamford.',
      started: '',
      ended: '',
      links: 'https://plunkett.co.uk/',
      source: A2,
    },
  },
  {
    key: 'marsh-farm-outreach',
    fields: {
      title: 'Marsh Farm Outreach: residents’ own businesses on a Luton estate',
      location: 'Marsh Farm estate, Luton, Bedfordshire',
      area: 'east',
      typologies: ['co-operative-services', 'community-organising'],
      summary:
        'A residents’ collective built community-owned businesses so that regeneration money and jobs stayed on the estate.',
      tried:
        'Marsh Farm Outreach, a collective of residents active for many years, set up its own construction firm of local builders to bid for larger contracts in a government regeneration programme. It redeveloped one of Luton’s oldest farmhouses as “Marsh Farm HQ”, with plans for visitors, music, a café and space for new co-operatives. In 2015 it launched “The Organisation Workshop” so unemployed people could create their own jobs.',
      whoTookPart:
        'Residents of the estate; 45 people in the Organisation Workshop, all unemployed for at least three years and many facing several disadvantages.',
      whatWorked:
        '- The workshop’s participants organised themselves into seven new not-for-profit social enterprises: landscaping and gardening, building, organic farming and catering.\n- They delivered contracts such as a wooden roundhouse built with traditional methods and sustainable materials, and a large growing area with poly-tunnels and over 100 fruit trees.',
      whatDidNot:
        'The source does not record what failed. What a reader should weigh: the figures are the organisation’s own description of its projects, and the HQ’s fuller plans were plans when the toolkit was written; whether the businesses lasted is not reported.',
      costBand: 'unknown',
      cost: 'Not given in the source.',
      evidenceLevel: 1,
      outcomes: 'Jobs for long-term unemployed residents; a local economy owned on the estate.',
      outcomeTags: ['employment', 'local-economy', 'skills'],
      contacts: 'Marsh Farm Outreach.',
      started: '2015 (Organisation Workshop)',
      ended: '',
      links: 'http://www.marshfarmoutreach.org.uk/projects',
      source: `${A2}, citing Marsh Farm Outreach, Projects.`,
    },
  },
  {
    key: 'manchester-chinatown',
    fields: {
      title: 'Manchester Chinatown: a question evening with councillors',
      location: 'Chinatown, Manchester',
      area: 'north-west',
      typologies: ['community-organising', 'advocacy-movements'],
      summary:
        'Residents, with a community organiser, brought their councillors to Chinatown to answer questions, including from people who speak little English.',
      tried:
        'People living in Manchester’s Chinatown began to organise themselves with a community organiser’s support. One of their first projects was a councillor question-and-answer evening for the Chinese community, especially people who do not speak English, so they could take part in local and national decisions. City centre councillors came to Chinatown, meeting the community half way, physically and symbolically.',
      whoTookPart: 'Chinatown residents; a community organiser; Manchester city centre councillors.',
      whatWorked:
        '- For the first time, Chinese residents met their elected representatives.\n- Power shifted towards residents, and the meetings became a regular fixture.',
      whatDidNot:
        'The source does not say what did not work. What a reader should weigh: language is the barrier this answered, so interpreting and holding the meeting where residents already are mattered; the source gives no measure beyond the meetings continuing.',
      costBand: 'unknown',
      cost: 'Not given in the source.',
      evidenceLevel: 1,
      outcomes: 'A voice in local decisions for residents who had none.',
      outcomeTags: ['civic-voice'],
      contacts: 'Community organisers in Manchester.',
      started: '',
      ended: '',
      links: '',
      source: A2,
    },
  },
  {
    key: 'london-cares',
    fields: {
      title: 'North and South London Cares: young professionals and older neighbours',
      location: 'Boroughs across London',
      area: 'london',
      typologies: ['befriending-helping'],
      summary:
        'Sister networks bring young professionals and older neighbours together through social clubs and one-to-one friendships, against loneliness.',
      tried:
        'The networks make it simple, quick and hassle-free for young professionals to get to know older neighbours: themed social events such as film nights, cooking classes and dances, and a “love your neighbour” project that starts one-to-one friendships.',
      whoTookPart: '3,300 volunteers, mostly young professionals; 28,000 older people.',
      whatWorked:
        '- 3,300 volunteers gave 26,000 hours, reaching 28,000 older people.\n- It works both ways: confidence, resilience, skills and connections for old and young, across social and generational divides.',
      whatDidNot:
        'The source reports reach, not change: what changed in loneliness or wellbeing is not measured there. Making it “hassle-free” for busy volunteers is the design choice; the source does not say how many one-to-one friendships lasted.',
      costBand: 'unknown',
      cost: 'Not given in the source.',
      evidenceLevel: 1,
      outcomes: 'Less isolation and loneliness; confidence, skills and connections for all ages.',
      outcomeTags: ['loneliness', 'wellbeing', 'confidence'],
      contacts: 'North London Cares; South London Cares.',
      started: '',
      ended: '',
      links: 'https://www.nesta.org.uk/report/people-helping-people-lessons-learned/',
      source: `${A2}, citing Nesta (2016), People helping people: lessons learned.`,
    },
  },
  {
    key: 'kirklees-community-partnerships',
    fields: {
      title: 'Kirklees community partnerships: joining up 130 small projects',
      location: 'Kirklees, West Yorkshire',
      area: 'yorkshire',
      typologies: ['formal-volunteering', 'peer-support', 'befriending-helping'],
      summary:
        'A council and two CCGs fund around 130 small social action projects a year and link people to them through social prescribing.',
      tried:
        'The council’s community partnerships team gives small to medium grants each year to around 130 projects that help older and disabled people stay well and independent; about half are user-led with no paid staff. It gives another 100 organisations development support (administration, in-kind help, finding other funding). A social prescribing service links people to the activities.',
      whoTookPart:
        'Kirklees Council and two clinical commissioning groups (co-funders); around 130 funded projects and 100 supported organisations; over 600 people referred through social prescribing in 2015/16.',
      whatWorked:
        '- £1.5 million invested in 2015/16.\n- Social prescribing helped over 600 people find community activities for the first time; 70% had high levels of need.\n- Social action supported 6,245 people each week and at least 34,300 over the year.\n- Some people turned down more acute health and social care because they preferred the activities they were referred to.',
      whatDidNot:
        'The biggest figure proves least: the number of people using adult social services fell by 50% over five years, the same years Kirklees invested in joining up social action, but correlation is not causation and nobody can say how much of the fall the projects caused.',
      costBand: 'over-1m',
      cost: '£1.5 million in 2015/16, co-funded by the council and two CCGs.',
      evidenceLevel: 2,
      outcomes: 'Wellbeing and independence of older and disabled people; demand for adult social care.',
      outcomeTags: ['independence', 'wellbeing', 'care-costs', 'loneliness'],
      contacts: 'Kirklees Council, community partnerships team.',
      started: '',
      ended: '',
      links: '',
      source: B3,
    },
  },
  {
    key: 'islington-age-uk-outcomes',
    fields: {
      title: 'Islington and Age UK Islington: a co-produced outcomes framework with light-touch monitoring',
      location: 'London Borough of Islington',
      area: 'london',
      typologies: ['co-production'],
      summary:
        'A council commissioned a local charity to write, with small groups, the outcomes preventative work should be judged by, and a light way to record them.',
      tried:
        'In late 2015 Islington Council commissioned Age UK Islington to develop a co-produced outcomes framework, to understand and evidence the value of preventative services run by the voluntary and community sector, partly through social action. Age UK ran extensive workshops with local organisations and grassroots groups, most in health and social care, then tested the framework with small providers and developed a light-touch way to monitor progress. A roundtable with Buckinghamshire County Council, Community Links and Kirklees Council shared ways to evidence impact.',
      whoTookPart:
        'Islington Council; Age UK Islington; local organisations and grassroots groups; the New Economics Foundation; Buddyhub, a befriending start-up.',
      whatWorked:
        '- Outcomes defined with the groups who would record them, not handed down.\n- A monitoring system small providers could use without heavy paperwork.',
      whatDidNot:
        'Evidencing impact stayed hard for the smallest providers: working with Buddyhub, a local befriending start-up, showed the challenges providers face in evidencing the impact of the social action they catalyse and support. Measurement that is too costly excludes the groups doing the most informal work.',
      costBand: 'unknown',
      cost: 'Not given in the source.',
      evidenceLevel: 1,
      outcomes: 'A shared outcomes framework for preventative services; evidence of social action’s value.',
      outcomeTags: ['wellbeing', 'loneliness', 'independence'],
      contacts: 'Islington Council; Age UK Islington.',
      started: 'Late 2015',
      ended: 'June 2016',
      links: '',
      source: METHOD,
    },
  },
  {
    key: 'cornwall-libraries',
    fields: {
      title: 'Cornwall’s libraries handed to town and parish councils and community groups',
      location: 'Cornwall',
      area: 'south-west',
      typologies: ['community-asset-ownership', 'co-production'],
      summary:
        'Facing budget cuts, a council asked the public how to run its 29 libraries; most areas chose to run their own.',
      tried:
        'In 2015, to make budget savings, Cornwall Council looked for a different way to run its 29 libraries. A public consultation offered three options: devolve them to town and parish councils and community organisations; outsource them to a trust, a company or a social enterprise; or open them to other forms of ownership. Devolution was the most popular. Interviews and a commissioners’ roundtable looked at what let groups come forward and what held others back.',
      whoTookPart:
        'Cornwall Council’s library service and commissioners; town and parish councils and their clerks; community groups; the New Economics Foundation.',
      whatWorked:
        '- 26 of the 29 town and parish councils and community groups expressed an interest in running their library.\n- Where motivated, funded community groups already existed, people came forward.',
      whatDidNot:
        'Where there was no community capacity (motivated, funded groups), nobody came forward. Driven by savings, devolution risks leaving the places with the least capacity with the least service; the toolkit’s own pitfalls warn against enabling social action solely to cut costs.',
      costBand: 'unknown',
      cost: 'Motivated by budget savings; figures not given.',
      evidenceLevel: 1,
      outcomes: 'Libraries kept open under community running; community capacity.',
      outcomeTags: ['civic-voice', 'local-economy'],
      contacts: 'Cornwall Council, library service.',
      started: '2015',
      ended: '',
      links: '',
      source: METHOD,
    },
  },
  {
    key: 'staffordshire-strategy',
    fields: {
      title: 'Staffordshire’s county social action strategy',
      location: 'Staffordshire',
      area: 'west-midlands',
      typologies: ['co-production', 'formal-volunteering'],
      summary:
        'A county council wrote a social action strategy in three workshops and recruited a VCSE partner to build capacity across its districts.',
      tried:
        'From January to June 2016 Staffordshire County Council developed a social action strategy, shaped by three workshops with public, voluntary, community and private partners. It has four approaches: leaders who champion social action at all levels; a targeted, preventative approach with a new VCSE strategic capacity-building partner; a commissioning model that funds more social action; and evaluating local projects using existing research. The partner works on four priorities: children and families, youth, adults, and place.',
      whoTookPart:
        'Staffordshire County Council; the new VCSE capacity-building partner; district and borough councils, including Newcastle-under-Lyme and South Staffordshire; the New Economics Foundation.',
      whatWorked:
        '- A strategy with buy-in from partners across sectors, and a partner recruited in the same period.\n- Reviewing projects already under way in two districts gave practical advice to extend them.',
      whatDidNot:
        'A county strategy does not by itself change practice in districts: embedding it depended on working relationships between the two tiers of councils, the wider public sector and civil society. The toolkit warns against strategy without implementation, which leads to high-level plans nobody who must deliver them has bought into.',
      costBand: 'unknown',
      cost: 'Not given in the source.',
      evidenceLevel: 1,
      outcomes: 'Active, resourceful communities; prevention.',
      outcomeTags: ['wellbeing', 'civic-voice'],
      contacts: 'Staffordshire County Council.',
      started: 'January 2016',
      ended: 'June 2016',
      links: '',
      source: `${METHOD}; Staffordshire County Council, Developing a community based approach: “People helping people”.`,
    },
  },
  {
    key: 'wakefield-assets-assessment',
    fields: {
      title: 'Wakefield’s Joint Strategic Assets Assessment',
      location: 'Wakefield district',
      area: 'yorkshire',
      typologies: ['co-production'],
      summary: 'Alongside the usual assessment of needs, Wakefield mapped the district’s assets with residents.',
      tried:
        'Commissioners used asset mapping and appreciative inquiry with citizens to build a rich picture of the human and physical assets that could be combined in new ways, going beyond the Joint Strategic Needs Assessment, which tends to focus on problems such as ill-health and deprivation.',
      whoTookPart: 'The LGA, NHS Wakefield and Wakefield Council; residents.',
      whatWorked: '- A picture of what the district has, not only what it lacks, for commissioners to plan with.',
      whatDidNot:
        'The toolkit names it as an example of an asset-based approach and gives no results or problems; read the pilot’s own report before relying on it.',
      costBand: 'unknown',
      cost: 'Not given in the source.',
      evidenceLevel: 1,
      outcomes: 'Commissioning that builds on local assets.',
      outcomeTags: ['health', 'wellbeing'],
      contacts: 'Wakefield Council.',
      started: '',
      ended: '',
      links: '',
      source:
        'Enabling social action, Section C2: six principles of co-production, citing Greetham, J., Growing communities from the inside out (LGA, NHS Wakefield and Wakefield Council).',
    },
  },
  {
    key: 'volunteer-credit-backlash',
    fields: {
      title: 'A reward scheme for volunteers that backfired',
      location: 'Not named in the source',
      area: 'uk-wide',
      typologies: ['time-credits', 'formal-volunteering'],
      summary: 'A scheme to formally reward volunteering with credits angered the volunteers it meant to thank.',
      tried: 'A scheme set out to recognise and reward volunteering formally through a credit system.',
      whoTookPart: 'Local volunteers; the organisers of the scheme (not named).',
      whatWorked: 'The source reports nothing that worked.',
      whatDidNot:
        'Practitioners called it “disastrous”: some volunteers were outraged, seeing it as an attempt to control what they gave freely. Practitioners warned that attempts to control social action, even with the best intentions, can create tension and be counter-productive: once it is controlled it changes and is no longer social action. Ask volunteers before designing a reward, and let them say no.',
      costBand: 'unknown',
      cost: 'Not given.',
      evidenceLevel: 1,
      outcomes: '',
      outcomeTags: [],
      contacts: '',
      started: '',
      ended: '',
      links: '',
      source: FINDINGS,
    },
  },
  {
    key: 'wigan-deal',
    fields: {
      title: 'The Wigan Deal: an informal agreement between a council and its citizens',
      location: 'Wigan',
      area: 'north-west',
      typologies: ['co-production'],
      summary:
        'A council and its residents agreed to work together for a better borough, with tools that change how staff talk to residents.',
      tried:
        '“The Deal” is an informal agreement between Wigan Council and its citizens to work together. The council used it to promote culture change among staff and residents, with a conversation guide for frontline staff to hold asset-based conversations with residents who have social care needs.',
      whoTookPart: 'Wigan Council staff; residents; frontline social care staff.',
      whatWorked:
        '- The toolkit points to it as a useful example of how a council can move to a social action approach.',
      whatDidNot:
        'The toolkit lists it as a resource and gives no results or difficulties; it is here so others can find it, not as evidence.',
      costBand: 'unknown',
      cost: 'Not given in the source.',
      evidenceLevel: 1,
      outcomes: 'Culture change in a council; asset-based conversations in social care.',
      outcomeTags: ['independence', 'civic-voice'],
      contacts: 'Wigan Council.',
      started: '',
      ended: '',
      links: '',
      source: 'Enabling social action, Section C: leadership and culture change (further resources).',
    },
  },
];
