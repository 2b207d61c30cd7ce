import type { DemoOrganisation } from './demo-data.js';

/**
 * The demo's organisations and what they run. An activity listed at several venues
 * becomes one listing per venue (on different days), as a real group's sessions would.
 */
const tea = (name: string, description: string): DemoOrganisation['activities'][number] => ({
  name,
  description,
  howToJoin: 'Just turn up. The first visit is free and someone will say hello at the door.',
  whoFor: 'Older people, and anyone who would like some company',
  terms: ['befriending-helping', 'loneliness', 'older-people'],
  cost: { kind: 'free' },
  ages: [null, null],
  days: ['TU'],
  times: ['10:00', '12:00'],
});

export const CALDERBROOK_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'walkers', name: 'Calderbrook Walking Group', kind: 'community_group', venues: ['park', 'canal', 'hollinby'],
    description: 'Volunteer-led walks of one to five miles around Calderbrook, at a chatty pace.',
    activities: [
      { name: 'Health walk', description: 'An hour’s gentle walk on flat paths, led by trained volunteer walk leaders, ending with a cuppa.', howToJoin: 'Meet at the start point ten minutes early. Wear comfortable shoes.', whoFor: 'Anyone, especially people getting back into exercise', terms: ['physical-activity', 'mental-health', 'formal-volunteering'], cost: { kind: 'free' }, days: ['WE'], times: ['10:30', '11:30'] },
      { name: 'Saturday ramble', description: 'A longer walk of four to six miles along the canal and up onto the moor, with a stop for lunch.', howToJoin: 'Book a place by phone so we know numbers.', whoFor: 'Adults who can walk for three hours', terms: ['physical-activity', 'environment'], cost: { kind: 'free' }, ages: [16, null], days: ['SA'], times: ['09:30', '13:30'], freq: 'fortnightly' },
    ],
  },
  {
    key: 'friendsPark', name: 'Friends of Calder Park', kind: 'informal_group', venues: ['park', 'allotments'],
    description: 'Neighbours looking after Calder Park: planting, litter picks and events.',
    activities: [
      { name: 'Park volunteering morning', description: 'Planting bulbs, clearing paths and picking litter. Tools, gloves and a hot drink provided.', howToJoin: 'Meet at the bandstand. No need to book.', whoFor: 'Anyone who likes being outdoors', terms: ['environment', 'formal-volunteering', 'community-organising'], cost: { kind: 'free' }, days: ['SA'], times: ['10:00', '12:30'], freq: 'monthly', nth: 1 },
      { name: 'Bird-watching walk', description: 'A slow wander round the lake with binoculars to borrow and someone who knows their birds.', howToJoin: 'Meet at the café.', whoFor: 'All ages; children with an adult', terms: ['environment', 'physical-activity', 'families'], cost: { kind: 'free' }, days: ['SU'], times: ['08:30', '10:00'], freq: 'monthly', nth: 2 },
    ],
  },
  {
    key: 'ageConcern', name: 'Age Friendly Calderbrook', kind: 'charity', website: 'https://agefriendly.calderbrook.example', venues: ['library', 'stmarys', 'methodist', 'hollinby'],
    description: 'A local charity helping older people stay connected, active and independent.',
    activities: [
      tea('Tuesday tea and chat', 'A warm room, tea and biscuits and good conversation. Volunteers can help with forms and phones too.'),
      { name: 'Lunch club', description: 'A hot two-course lunch cooked by volunteers, with a quiz or a singalong afterwards.', howToJoin: 'Phone the day before to book your lunch. Transport can be arranged.', whoFor: 'People over 60', terms: ['food', 'loneliness', 'older-people'], cost: { kind: 'amount', pence: 450, description: 'for lunch and pudding' }, ages: [60, null], days: ['TH'], times: ['12:00', '14:00'] },
      { name: 'Chair-based exercise', description: 'Gentle seated exercise to music to help with strength, balance and mobility.', howToJoin: 'Just come along. Tell the instructor about any health conditions.', whoFor: 'Older people and anyone with limited mobility', terms: ['physical-activity', 'older-people', 'disability'], cost: { kind: 'amount', pence: 300 }, ages: [50, null], days: ['MO'], times: ['10:30', '11:30'] },
    ],
  },
  {
    key: 'dementia', name: 'Calderbrook Memory Café', kind: 'community_group', venues: ['hive', 'methodist', 'hollinby'],
    description: 'Dementia-friendly cafés run by Dementia Friends and carers.',
    activities: [
      { name: 'Memory café', description: 'Music, reminiscence and a relaxed cuppa for people living with dementia and the people who care for them.', howToJoin: 'Drop in. You are welcome to come together or on your own.', whoFor: 'People living with dementia and their carers', terms: ['dementia', 'carers', 'peer-support', 'older-people'], cost: { kind: 'free' }, days: ['WE'], times: ['14:00', '16:00'], freq: 'fortnightly' },
      { name: 'Dementia Friends session', description: 'A 45-minute session on what dementia is and the small things anyone can do to help.', howToJoin: 'Email to book a place.', whoFor: 'Anyone who wants to understand dementia', terms: ['advocacy-movements', 'dementia', 'learning'], cost: { kind: 'free' }, ages: [14, null], days: ['TH'], times: ['18:30', '19:15'], freq: 'monthly', nth: 1 },
    ],
  },
  {
    key: 'carers', name: 'Calderbrook Carers Network', kind: 'charity', venues: ['centre', 'library', 'hollinby'],
    description: 'Support, information and a break for people who look after someone.',
    activities: [
      { name: 'Carers’ coffee morning', description: 'Time for yourself with other carers who understand, with advice on benefits and breaks if you want it.', howToJoin: 'Just come. If you need cover for the person you care for, phone us first.', whoFor: 'Unpaid carers of any age', terms: ['carers', 'peer-support', 'mental-health'], cost: { kind: 'free' }, days: ['FR'], times: ['10:00', '12:00'] },
      { name: 'Young carers club', description: 'Games, trips and homework help for young people who care for someone at home.', howToJoin: 'Ask your school or phone us for a chat first.', whoFor: 'Young carers aged 8 to 17', terms: ['carers', 'young-people', 'peer-support'], cost: { kind: 'free' }, ages: [8, 17], days: ['TU'], times: ['16:00', '18:00'] },
    ],
  },
  {
    key: 'foodbank', name: 'Calderbrook Food Bank', kind: 'charity', venues: ['foodbank', 'methodist'],
    description: 'Emergency food parcels and a welcoming place to talk about what might help.',
    activities: [
      { name: 'Food bank open session', description: 'Collect a food parcel and talk to an adviser about money, benefits and energy bills if you would like.', howToJoin: 'Come with a voucher from your GP, school or advice service, or ask us how to get one.', whoFor: 'Anyone struggling to afford food', terms: ['food', 'money'], cost: { kind: 'free' }, days: ['MO', 'TH'], times: ['12:00', '15:00'] },
      { name: 'Volunteer with the food bank', description: 'Sort donations, pack parcels or welcome people at the door. Training given.', howToJoin: 'Fill in a short form at the centre or by email.', whoFor: 'Adults with a few hours a week to give', terms: ['formal-volunteering', 'food', 'time-credits'], cost: { kind: 'free' }, ages: [16, null], days: ['WE'], times: ['09:00', '13:00'] },
    ],
  },
  {
    key: 'pantry', name: 'Brookside Community Pantry', kind: 'other', venues: ['centre', 'mosque'],
    description: 'A members’ food pantry: a weekly shop of good food for a small fee.',
    activities: [
      { name: 'Community pantry', description: 'Choose ten items of fresh, chilled and store-cupboard food each week for a small membership fee.', howToJoin: 'Join at your first visit; bring proof of a local address.', whoFor: 'Households in Calderbrook', terms: ['food', 'money', 'co-operative-services'], cost: { kind: 'amount', pence: 500, description: 'a week' }, days: ['SA'], times: ['10:00', '13:00'] },
    ],
  },
  {
    key: 'choir', name: 'Calderbrook Community Choir', kind: 'community_group', venues: ['stmarys', 'methodist', 'hollinby'],
    description: 'A choir anyone can join: no auditions and no need to read music.',
    activities: [
      { name: 'Community choir', description: 'Pop, folk and gospel songs learned by ear, with a concert every season.', howToJoin: 'Come to any rehearsal and try it out.', whoFor: 'Adults who like to sing, however well', terms: ['arts-culture', 'mental-health', 'loneliness'], cost: { kind: 'pay_what_you_can', description: 'suggested £3' }, ages: [16, null], days: ['WE'], times: ['19:00', '21:00'] },
      { name: 'Singing for the brain', description: 'Warm-ups and familiar songs for people living with dementia and those who care for them.', howToJoin: 'Drop in, or phone for more information.', whoFor: 'People with dementia or memory problems, and carers', terms: ['arts-culture', 'dementia', 'older-people'], cost: { kind: 'free' }, days: ['TU'], times: ['14:00', '15:30'] },
    ],
  },
  {
    key: 'menShed', name: 'Calderbrook Men’s Shed', kind: 'community_group', venues: ['miners', 'centre'],
    description: 'A workshop where people make, mend and chat shoulder to shoulder.',
    activities: [
      { name: 'Men’s Shed open workshop', description: 'Woodwork, bike repairs and tea. Bring a project or help with one of ours.', howToJoin: 'Drop in; a volunteer will show you round and go through safety.', whoFor: 'Anyone, especially men who would like some company', terms: ['loneliness', 'mental-health', 'learning', 'peer-support'], cost: { kind: 'pay_what_you_can' }, ages: [18, null], days: ['TU', 'TH'], times: ['10:00', '15:00'] },
    ],
  },
  {
    key: 'repair', name: 'Calderbrook Repair Café', kind: 'informal_group', venues: ['townhall', 'hive', 'hollinby'],
    description: 'Volunteers who fix things so they do not go to landfill.',
    activities: [
      { name: 'Repair café', description: 'Bring broken lamps, clothes, toasters or bikes and fix them with a volunteer fixer.', howToJoin: 'Just bring your item. Fixing is free; donations welcome.', whoFor: 'Everyone', terms: ['environment', 'learning', 'time-credits'], cost: { kind: 'free' }, days: ['SA'], times: ['10:00', '13:00'], freq: 'monthly', nth: 3 },
    ],
  },
  {
    key: 'digital', name: 'Get Online Calderbrook', kind: 'charity', venues: ['library', 'centre', 'hollinby', 'methodist'],
    description: 'Friendly one-to-one help with phones, tablets and the internet.',
    activities: [
      { name: 'Digital drop-in', description: 'Bring your phone, tablet or laptop and a volunteer will help with whatever you want to do: video calls, online shopping, NHS app.', howToJoin: 'Drop in, or book a half-hour slot.', whoFor: 'Adults of any age who want help getting online', terms: ['digital-skills', 'older-people', 'learning'], cost: { kind: 'free' }, ages: [18, null], days: ['TH'], times: ['10:00', '12:00'] },
    ],
  },
  {
    key: 'esol', name: 'Calderbrook Welcome', kind: 'community_group', venues: ['mosque', 'library', 'centre'],
    description: 'Welcoming refugees and people new to Calderbrook.',
    activities: [
      { name: 'English conversation club', description: 'Practise everyday English over tea with volunteers. All levels welcome.', howToJoin: 'Just come along.', whoFor: 'People whose first language is not English', terms: ['new-arrivals', 'learning', 'loneliness'], cost: { kind: 'free' }, ages: [16, null], days: ['MO'], times: ['18:00', '19:30'], languages: ['en', 'ar', 'uk', 'pl'] },
      { name: 'New neighbours lunch', description: 'A shared meal where new arrivals and long-time residents cook and eat together.', howToJoin: 'Bring a dish if you can, or just yourself.', whoFor: 'Everyone, especially people new to the area', terms: ['new-arrivals', 'food', 'community-organising'], cost: { kind: 'free' }, days: ['SU'], times: ['12:30', '14:30'], freq: 'monthly', nth: -1, languages: ['en', 'ar', 'ur'] },
    ],
  },
  {
    key: 'medina', name: 'Medina Community Association', kind: 'community_group', venues: ['mosque', 'centre'],
    description: 'A community association running activities for all ages.',
    activities: [
      { name: 'Women’s wellbeing group', description: 'Gentle exercise, conversation and guest speakers on health, in a women-only space.', howToJoin: 'Just come. Children under 5 welcome in the crèche.', whoFor: 'Women of all ages', terms: ['mental-health', 'physical-activity', 'peer-support'], cost: { kind: 'free' }, ages: [16, null], days: ['WE'], times: ['10:00', '12:00'], languages: ['en', 'ur', 'pa', 'bn'] },
      { name: 'Homework club', description: 'Quiet space, snacks and volunteer tutors for school homework.', howToJoin: 'Register with a parent or carer at the first session.', whoFor: 'Children aged 8 to 16', terms: ['young-people', 'learning', 'families'], cost: { kind: 'free' }, ages: [8, 16], days: ['MO', 'WE'], times: ['16:30', '18:00'] },
    ],
  },
  {
    key: 'youth', name: 'Northgate Youth Club', kind: 'charity', venues: ['youth', 'school'],
    description: 'Open youth club with youth workers, games, music and trips.',
    activities: [
      { name: 'Open youth club', description: 'Pool, table tennis, music studio and a tuck shop, with youth workers to talk to.', howToJoin: 'Fill in a consent form at your first visit.', whoFor: 'Young people aged 11 to 18', terms: ['young-people', 'mental-health', 'arts-culture'], cost: { kind: 'amount', pence: 100 }, ages: [11, 18], days: ['TU', 'FR'], times: ['18:00', '21:00'] },
      { name: 'Youth council', description: 'Young people deciding how the youth grant is spent and speaking up to the council.', howToJoin: 'Ask a youth worker.', whoFor: 'Young people aged 13 to 19', terms: ['young-people', 'co-production', 'advocacy-movements'], cost: { kind: 'free' }, ages: [13, 19], days: ['TH'], times: ['17:30', '19:00'], freq: 'fortnightly' },
    ],
  },
  {
    key: 'toddlers', name: 'Little Acorns Parent and Toddler Group', kind: 'informal_group', venues: ['stmarys', 'school'],
    description: 'Parents and carers with babies and toddlers, meeting for play and a cuppa.',
    activities: [
      { name: 'Stay and play', description: 'Toys, messy play, songs and a snack for little ones; tea and a chat for grown-ups.', howToJoin: 'Just come along with your child.', whoFor: 'Parents and carers with children under 5', terms: ['families', 'loneliness', 'peer-support'], cost: { kind: 'amount', pence: 150, description: 'per family' }, ages: [0, 5], days: ['MO'], times: ['09:30', '11:30'] },
    ],
  },
  {
    key: 'bumps', name: 'Calderbrook Breastfeeding Buddies', kind: 'community_group', venues: ['centre', 'school', 'library'],
    description: 'Trained peer supporters for parents feeding their babies.',
    activities: [
      { name: 'Feeding support group', description: 'Relaxed support for breastfeeding, bottle feeding and everything in between, from trained peer supporters.', howToJoin: 'Drop in with your baby.', whoFor: 'Parents of babies', terms: ['families', 'peer-support'], cost: { kind: 'free' }, days: ['TH'], times: ['13:00', '14:30'] },
    ],
  },
  {
    key: 'mentalHealth', name: 'Open Door Calderbrook', kind: 'charity', venues: ['hive', 'centre', 'library'],
    description: 'Peer-led mental health support and wellbeing courses.',
    activities: [
      { name: 'Peer support group', description: 'A confidential space to talk with others who have lived experience of anxiety or depression.', howToJoin: 'Phone or email first for a short chat with a facilitator.', whoFor: 'Adults living with anxiety or depression', terms: ['mental-health', 'peer-support'], cost: { kind: 'free' }, ages: [18, null], days: ['WE'], times: ['18:30', '20:00'] },
      { name: 'Mindful art', description: 'Drawing and painting to slow down and notice. No art skills needed; materials provided.', howToJoin: 'Book a place by email.', whoFor: 'Adults', terms: ['mental-health', 'arts-culture'], cost: { kind: 'pay_what_you_can' }, ages: [18, null], days: ['SA'], times: ['14:00', '16:00'], freq: 'fortnightly' },
    ],
  },
  {
    key: 'timebank', name: 'Calderbrook Time Bank', kind: 'community_group', venues: ['townhall', 'hollinby', 'library'],
    description: 'Neighbours swapping skills and help: give an hour, get an hour.',
    activities: [
      { name: 'Time bank welcome session', description: 'Find out how the time bank works, what people offer and ask for, and sign up.', howToJoin: 'Just come along.', whoFor: 'Anyone living in Calderbrook', terms: ['time-credits', 'befriending-helping'], cost: { kind: 'free' }, days: ['TU'], times: ['18:00', '19:00'], freq: 'monthly', nth: 1 },
    ],
  },
  {
    key: 'befriending', name: 'Calderbrook Good Neighbours', kind: 'charity', venues: ['townhall', 'hollinby', 'methodist'],
    description: 'Matching volunteers with older neighbours for a weekly visit or phone call.',
    activities: [
      { name: 'Befriending: become a visitor', description: 'Visit an older neighbour for an hour a week. Training and DBS check provided.', howToJoin: 'Fill in the volunteer form and come to a training session.', whoFor: 'Adults with an hour a week to give', terms: ['befriending-helping', 'formal-volunteering', 'loneliness'], cost: { kind: 'free' }, ages: [18, null], days: ['MO'], times: ['18:30', '20:00'], freq: 'monthly', nth: 2 },
      { name: 'Telephone friends', description: 'A friendly phone call each week from the same volunteer.', howToJoin: 'Phone us, or ask someone to refer you.', whoFor: 'Older people who live alone', terms: ['befriending-helping', 'loneliness', 'older-people'], cost: { kind: 'free' }, ages: [65, null], days: ['WE'], times: ['10:00', '16:00'] },
    ],
  },
  {
    key: 'advice', name: 'Calderbrook Advice Centre', kind: 'charity', venues: ['townhall', 'library', 'hollinby'],
    description: 'Free, confidential advice on money, benefits, debt, housing and work.',
    activities: [
      { name: 'Money and benefits advice', description: 'Free advice on benefits, debt, energy bills and budgeting from trained advisers.', howToJoin: 'Drop in; arrive early as it gets busy. Bring letters you have had.', whoFor: 'Anyone living in Calderbrook', terms: ['money', 'housing'], cost: { kind: 'free' }, ages: [16, null], days: ['MO'], times: ['10:00', '13:00'] },
    ],
  },
  {
    key: 'council', name: 'Calderbrook Council Libraries', kind: 'council', venues: ['library', 'hollinby', 'miners'],
    description: 'The council’s library service: books, computers and events for all ages.',
    activities: [
      { name: 'Rhyme time', description: 'Songs and rhymes for babies and toddlers with their grown-ups.', howToJoin: 'Just turn up.', whoFor: 'Children under 4 with an adult', terms: ['families', 'learning'], cost: { kind: 'free' }, ages: [0, 4], days: ['FR'], times: ['10:00', '10:30'] },
      { name: 'Reading friends', description: 'A relaxed reading group with short stories and poems read aloud.', howToJoin: 'Just come along; no need to read in advance.', whoFor: 'Adults, especially older people', terms: ['arts-culture', 'loneliness', 'older-people'], cost: { kind: 'free' }, days: ['TH'], times: ['14:00', '15:00'] },
      { name: 'Job club', description: 'Help with CVs, applications and interviews, with computers to use.', howToJoin: 'Drop in.', whoFor: 'Adults looking for work', terms: ['employment', 'digital-skills'], cost: { kind: 'free' }, ages: [16, null], days: ['WE'], times: ['13:00', '15:00'] },
    ],
  },
  {
    key: 'leisure', name: 'Calderbrook Leisure Trust', kind: 'business', venues: ['leisure'],
    description: 'The not-for-profit trust running Calderbrook Leisure Centre.',
    activities: [
      { name: 'Over-60s swim', description: 'A quieter session in the main pool with a lifeguard and a lane for slow swimmers.', howToJoin: 'Pay at reception.', whoFor: 'People aged 60 and over', terms: ['physical-activity', 'older-people'], cost: { kind: 'amount', pence: 250 }, ages: [60, null], days: ['TU', 'FR'], times: ['09:00', '10:00'] },
      { name: 'Walking football', description: 'Football without running or tackling; great for getting back into sport.', howToJoin: 'Turn up and pay at reception.', whoFor: 'Adults aged 50 and over', terms: ['physical-activity', 'older-people', 'loneliness'], cost: { kind: 'amount', pence: 300 }, ages: [50, null], days: ['WE'], times: ['11:00', '12:00'] },
    ],
  },
  {
    key: 'allotments', name: 'Hollins Lane Growers', kind: 'community_group', venues: ['allotments', 'park'],
    description: 'A community plot where anyone can learn to grow food.',
    activities: [
      { name: 'Community growing session', description: 'Sow, weed, harvest and take home some veg. Tools and gloves provided.', howToJoin: 'Just turn up in old clothes.', whoFor: 'Anyone, all ages; children with an adult', terms: ['food', 'environment', 'mental-health', 'community-asset-ownership'], cost: { kind: 'free' }, days: ['SU'], times: ['10:00', '13:00'] },
      { name: 'Therapeutic gardening', description: 'Small-group gardening with a horticultural therapist, at your own pace.', howToJoin: 'Ask your GP or link worker to refer you, or phone us.', whoFor: 'Adults with mental or physical health needs', terms: ['mental-health', 'environment', 'disability'], cost: { kind: 'free' }, ages: [18, null], days: ['TH'], times: ['10:00', '12:00'] },
    ],
  },
  {
    key: 'boats', name: 'Calder Canal Trust', kind: 'charity', venues: ['canal'],
    description: 'Caring for the Calder canal and getting people onto the water.',
    activities: [
      { name: 'Canal clean-up', description: 'Clear litter and vegetation from the towpath and water with the trust’s work boat.', howToJoin: 'Register online so we can plan kit and tasks.', whoFor: 'Adults and families with children over 10', terms: ['environment', 'formal-volunteering'], cost: { kind: 'free' }, ages: [10, null], days: ['SA'], times: ['10:00', '14:00'], freq: 'monthly', nth: 2 },
      { name: 'Accessible boat trips', description: 'Trips on a wheelchair-accessible narrowboat with tea on board.', howToJoin: 'Book by phone; groups welcome.', whoFor: 'Disabled people, older people and carers', terms: ['disability', 'older-people', 'loneliness'], cost: { kind: 'amount', pence: 400 }, days: ['TH'], times: ['13:30', '15:30'] },
    ],
  },
  {
    key: 'cycling', name: 'Pedal Calderbrook', kind: 'community_group', venues: ['park', 'leisure'],
    description: 'Getting more people cycling, whatever their age or ability.',
    activities: [
      { name: 'Learn to ride for adults', description: 'Small-group lessons with bikes to borrow, from wobbly first pedals to riding on quiet roads.', howToJoin: 'Book a place by email.', whoFor: 'Adults who never learned or want their confidence back', terms: ['physical-activity', 'learning'], cost: { kind: 'pay_what_you_can' }, ages: [16, null], days: ['SA'], times: ['09:00', '11:00'] },
      { name: 'Inclusive cycling', description: 'Trikes, hand cycles and tandems for disabled riders and their families.', howToJoin: 'Phone to tell us what kind of bike suits you.', whoFor: 'Disabled people of all ages, with family and friends', terms: ['disability', 'physical-activity', 'families'], cost: { kind: 'amount', pence: 200 }, days: ['SU'], times: ['10:00', '12:00'] },
    ],
  },
  {
    key: 'history', name: 'Calderbrook Local History Society', kind: 'community_group', venues: ['miners', 'library', 'hollinby'],
    description: 'Researching and sharing the history of the valley.',
    activities: [
      { name: 'History talks', description: 'An illustrated talk on the valley’s mills, chapels and people, with tea afterwards.', howToJoin: 'Just come along.', whoFor: 'Anyone interested in local history', terms: ['learning', 'arts-culture', 'older-people'], cost: { kind: 'amount', pence: 200 }, days: ['TH'], times: ['19:00', '20:30'], freq: 'monthly', nth: 2 },
    ],
  },
  {
    key: 'knit', name: 'Knit and Natter', kind: 'informal_group', venues: ['hive', 'hollinby', 'stmarys', 'library'],
    description: 'Knitting, crochet and conversation.',
    activities: [
      { name: 'Knit and natter', description: 'Bring your knitting or crochet, or learn from scratch with wool and needles to borrow.', howToJoin: 'Drop in.', whoFor: 'Anyone who likes a natter', terms: ['arts-culture', 'loneliness', 'older-people'], cost: { kind: 'free' }, days: ['TU'], times: ['13:30', '15:30'] },
    ],
  },
  {
    key: 'organising', name: 'Calderbrook Together', kind: 'community_group', venues: ['centre', 'townhall'],
    description: 'Residents organising together on the issues that matter to them.',
    activities: [
      { name: 'Community listening meeting', description: 'Share what matters to you about Calderbrook and plan action together, with a community organiser.', howToJoin: 'Just come. Childcare and interpreters on request.', whoFor: 'Everyone living or working in Calderbrook', terms: ['community-organising', 'co-production', 'advocacy-movements'], cost: { kind: 'free' }, days: ['TH'], times: ['18:30', '20:00'], freq: 'monthly', nth: 1 },
      { name: 'Councillor question time', description: 'Ask your ward councillors questions in person, in plain language, with interpreters.', howToJoin: 'Send questions in advance or ask on the night.', whoFor: 'All residents', terms: ['advocacy-movements', 'community-organising'], cost: { kind: 'free' }, days: ['MO'], times: ['18:00', '19:30'], freq: 'monthly', nth: -1, languages: ['en', 'ur', 'pl', 'zh'] },
    ],
  },
  {
    key: 'shared', name: 'Shared Lives Calder Valley', kind: 'charity', venues: ['townhall'],
    description: 'Carers who share their home and family life with adults who need support.',
    activities: [
      { name: 'Shared Lives information evening', description: 'Meet Shared Lives carers and find out what it involves to share your home and life.', howToJoin: 'Book by phone or email.', whoFor: 'Adults thinking about becoming Shared Lives carers', terms: ['co-production', 'carers', 'disability'], cost: { kind: 'free' }, ages: [21, null], days: ['WE'], times: ['18:00', '19:30'], freq: 'monthly', nth: 3 },
    ],
  },
  {
    key: 'coop', name: 'Calderbrook Community Energy Co-op', kind: 'other', venues: ['centre', 'hollinby', 'methodist'],
    description: 'A community-owned co-operative putting solar panels on local roofs.',
    activities: [
      { name: 'Warm home advice clinic', description: 'Free help to cut energy bills and keep warm, from trained energy champions.', howToJoin: 'Drop in; bring a recent bill if you can.', whoFor: 'Households worried about energy bills', terms: ['money', 'housing', 'co-operative-services'], cost: { kind: 'free' }, days: ['TU'], times: ['14:00', '16:00'] },
    ],
  },
  {
    key: 'pub', name: 'The Weavers Arms Community Pub', kind: 'other', venues: ['miners'],
    description: 'The village pub bought by the community as an Asset of Community Value.',
    activities: [
      { name: 'Community pub quiz', description: 'A friendly quiz raising money for the pub’s community room.', howToJoin: 'Turn up and join a team, or make one.', whoFor: 'Adults', terms: ['community-asset-ownership', 'loneliness'], cost: { kind: 'amount', pence: 100, description: 'per person' }, ages: [18, null], days: ['SU'], times: ['20:00', '22:00'] },
    ],
  },
  {
    key: 'sport', name: 'Calderbrook Park Run Volunteers', kind: 'informal_group', venues: ['park', 'leisure'],
    description: 'The volunteers behind the weekly free 5k in Calder Park.',
    activities: [
      { name: 'Saturday 5k', description: 'A free, timed 5k walk, jog or run around the park every week.', howToJoin: 'Register once online and bring your barcode.', whoFor: 'Everyone; walkers very welcome', terms: ['physical-activity', 'formal-volunteering', 'families'], cost: { kind: 'free' }, days: ['SA'], times: ['09:00', '10:00'] },
    ],
  },
  {
    key: 'church', name: 'Weavers Methodist Church', kind: 'community_group', venues: ['methodist', 'stmarys'],
    description: 'A church with a busy programme of community activities.',
    activities: [
      tea('Tuesday morning coffee', 'Coffee, cake and conversation in the church hall. Everyone welcome, whatever your faith.'),
      { name: 'Warm space', description: 'A warm, free place to sit, read, use the wifi and have soup on cold days.', howToJoin: 'Drop in any time during opening hours.', whoFor: 'Everyone', terms: ['loneliness', 'food', 'money'], cost: { kind: 'free' }, days: ['MO', 'WE', 'FR'], times: ['11:00', '15:00'] },
    ],
  },
  {
    key: 'sign', name: 'Calderbrook Deaf Club', kind: 'community_group', venues: ['centre', 'townhall'],
    description: 'A social club for Deaf people and BSL learners.',
    activities: [
      { name: 'Deaf social', description: 'A social evening in British Sign Language, with games and food.', howToJoin: 'Just come.', whoFor: 'Deaf people, families and BSL learners', terms: ['disability', 'loneliness'], cost: { kind: 'free' }, days: ['FR'], times: ['18:30', '21:00'], freq: 'fortnightly', languages: ['bsl', 'en'] },
    ],
  },
  {
    key: 'veterans', name: 'Calderbrook Veterans’ Breakfast Club', kind: 'informal_group', venues: ['hive', 'miners'],
    description: 'Veterans and their families meeting over breakfast.',
    activities: [
      { name: 'Veterans’ breakfast', description: 'A cooked breakfast, a brew and a chat with people who have served.', howToJoin: 'Just turn up.', whoFor: 'Veterans and their families', terms: ['peer-support', 'loneliness', 'mental-health'], cost: { kind: 'pay_what_you_can' }, days: ['SA'], times: ['09:00', '11:00'], freq: 'fortnightly' },
    ],
  },
];

export const ABERLLYN_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'merched', name: 'Merched y Wawr Aberllyn', kind: 'community_group', venues: ['capel', 'neuadd'],
    description: 'Cangen leol o fudiad i fenywod sy’n cynnal sgyrsiau, crefftau a theithiau drwy gyfrwng y Gymraeg.',
    activities: [
      { name: 'Noson gymdeithasol', description: 'Sgwrs, paned a siaradwr gwadd bob mis. Croeso i ddysgwyr.', howToJoin: 'Dewch draw; does dim angen archebu.', whoFor: 'Menywod o bob oed', terms: ['loneliness', 'arts-culture'], cost: { kind: 'amount', pence: 200 }, days: ['MO'], times: ['19:00', '21:00'], freq: 'monthly', nth: 1, languages: ['cy'] },
    ],
  },
  {
    key: 'paned', name: 'Cyfeillion Aberllyn', kind: 'charity', venues: ['neuadd', 'llyfrgell', 'capel'],
    description: 'Elusen leol sy’n helpu pobl hŷn i gadw mewn cysylltiad.',
    activities: [
      { name: 'Paned a sgwrs', description: 'Te, bisgedi a sgwrs dda mewn ystafell gynnes. Gall gwirfoddolwyr helpu gyda ffurflenni a ffonau hefyd.', howToJoin: 'Dewch draw. Bydd rhywun yn eich croesawu wrth y drws.', whoFor: 'Pobl hŷn, ac unrhyw un sydd eisiau cwmni', terms: ['befriending-helping', 'loneliness', 'older-people'], cost: { kind: 'free' }, days: ['TU'], times: ['10:00', '12:00'], languages: ['cy', 'en'] },
      { name: 'Clwb cinio', description: 'Cinio poeth dau gwrs wedi’i goginio gan wirfoddolwyr, gyda chwis wedyn.', howToJoin: 'Ffoniwch y diwrnod cynt i archebu.', whoFor: 'Pobl dros 60 oed', terms: ['food', 'older-people', 'loneliness'], cost: { kind: 'amount', pence: 400 }, ages: [60, null], days: ['TH'], times: ['12:00', '14:00'], languages: ['cy', 'en'] },
    ],
  },
  {
    key: 'cerdded', name: 'Clwb Cerdded Aberllyn', kind: 'community_group', venues: ['traeth', 'neuadd'],
    description: 'Teithiau cerdded ar hyd yr arfordir a’r bryniau, ar gyflymder sgwrsio.',
    activities: [
      { name: 'Taith gerdded iechyd', description: 'Awr o gerdded hamddenol ar hyd y prom, dan arweiniad gwirfoddolwyr hyfforddedig.', howToJoin: 'Cwrdd yn y maes parcio ddeg munud yn gynnar.', whoFor: 'Pawb, yn enwedig pobl sy’n dechrau ymarfer eto', terms: ['physical-activity', 'mental-health', 'environment'], cost: { kind: 'free' }, days: ['WE'], times: ['10:00', '11:00'], languages: ['cy', 'en'] },
    ],
  },
  {
    key: 'ti', name: 'Ti a Fi Aberllyn', kind: 'informal_group', venues: ['capel', 'llyfrgell'],
    description: 'Grŵp rhieni a phlant bach drwy gyfrwng y Gymraeg.',
    activities: [
      { name: 'Ti a Fi', description: 'Chwarae, canu a byrbryd i blant bach, a phaned i’r oedolion. Croeso i deuluoedd di-Gymraeg.', howToJoin: 'Dewch draw gyda’ch plentyn.', whoFor: 'Rhieni a gofalwyr gyda phlant dan 4', terms: ['families', 'learning'], cost: { kind: 'amount', pence: 100 }, ages: [0, 4], days: ['FR'], times: ['09:30', '11:00'], languages: ['cy'] },
    ],
  },
  {
    key: 'siarad', name: 'Siarad Aberllyn', kind: 'community_group', venues: ['llyfrgell', 'neuadd'],
    description: 'Dysgwyr Cymraeg a siaradwyr rhugl yn cwrdd i sgwrsio.',
    activities: [
      { name: 'Paned i ddysgwyr', description: 'Ymarfer sgwrsio yn Gymraeg dros baned gyda siaradwyr rhugl. Pob lefel.', howToJoin: 'Dewch draw.', whoFor: 'Dysgwyr Cymraeg o bob lefel', terms: ['learning', 'new-arrivals', 'loneliness'], cost: { kind: 'free' }, days: ['TH'], times: ['18:30', '20:00'], languages: ['cy', 'en'] },
    ],
  },
  {
    key: 'gardd', name: 'Gardd Gymunedol Aberllyn', kind: 'community_group', venues: ['neuadd', 'llyfrgell'],
    description: 'Gardd gymunedol lle gall unrhyw un ddysgu tyfu bwyd.',
    activities: [
      { name: 'Sesiwn arddio', description: 'Hau, chwynnu a chynaeafu gyda’n gilydd. Offer a menig ar gael.', howToJoin: 'Dewch draw mewn hen ddillad.', whoFor: 'Pawb', terms: ['food', 'environment', 'community-asset-ownership'], cost: { kind: 'free' }, days: ['SA'], times: ['10:00', '12:30'], languages: ['cy', 'en'] },
    ],
  },
];
