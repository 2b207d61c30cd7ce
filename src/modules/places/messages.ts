const en = {
  'places.home.title': 'Kith: people coming together to improve their lives',
  'places.home.heading': 'Find, give and share what your community has',
  'places.home.lead':
    'Kith is where a place’s activities, volunteering, offers of help and time credits come together.',
  'places.home.body':
    'Start from what people and places have: skills, passions, groups and spaces. Find something to do, offer an hour, ask for help.',
  'places.home.start': 'Create an account',
  'places.home.places': 'Places on Kith',
  'places.home.yourPlace': 'Your place',
  'places.home.noPlaces': 'No places have been set up yet.',
  'places.place.caption': 'Kith in',
  'places.place.lead': 'What {place} has, and how to take part.',
  'places.place.signUp': 'Create an account to take part in {place}',
  'places.place.join': 'Join {place}',
  'places.links.members': 'Members and roles',
  'places.links.members.hint': 'Add people and choose what each of them can do',
  'places.links.audit': 'Audit log',
  'places.links.audit.hint': 'Sign-ups, role changes and other changes that matter',
  'places.validation.slug': 'Use lower-case letters, numbers and hyphens only, up to 60 characters',
  'places.validation.name': 'Enter the place’s name, up to 120 characters',
  'places.validation.slugReserved': 'That address is used by Kith itself. Choose another.',
  'places.place.confirmFirst': 'Confirm your email address to take part in {place}: follow the link we emailed you.',
  'places.place.asked': 'You have asked to join {place}. An admin will email you when they have decided.',
  'places.place.approves': 'An admin of {place} approves each new member.',
  'places.place.askToJoin': 'Ask to join {place}',
};

const cy: Record<keyof typeof en, string> = {
  'places.home.title': 'Kith: pobl yn dod at ei gilydd i wella eu bywydau',
  'places.home.heading': 'Dewch o hyd i’r hyn sydd gan eich cymuned, a’i roi a’i rannu',
  'places.home.lead':
    'Kith yw lle mae gweithgareddau, gwirfoddoli, cynigion o help a chredydau amser ardal yn dod at ei gilydd.',
  'places.home.body':
    'Dechreuwch o’r hyn sydd gan bobl a lleoedd: sgiliau, diddordebau, grwpiau a mannau. Dewch o hyd i rywbeth i’w wneud, cynigiwch awr, gofynnwch am help.',
  'places.home.start': 'Creu cyfrif',
  'places.home.places': 'Ardaloedd ar Kith',
  'places.home.yourPlace': 'Eich ardal',
  'places.home.noPlaces': 'Nid oes unrhyw ardaloedd wedi’u sefydlu eto.',
  'places.place.caption': 'Kith yn',
  'places.place.lead': 'Beth sydd gan {place}, a sut i gymryd rhan.',
  'places.place.signUp': 'Creu cyfrif i gymryd rhan yn {place}',
  'places.place.join': 'Ymuno â {place}',
  'places.links.members': 'Aelodau a rolau',
  'places.links.members.hint': 'Ychwanegu pobl a dewis beth all pob un ohonynt ei wneud',
  'places.links.audit': 'Log archwilio',
  'places.links.audit.hint': 'Cofrestriadau, newidiadau i rolau a newidiadau eraill sy’n bwysig',
  'places.validation.slug': 'Defnyddiwch lythrennau bach, rhifau a chysylltnodau yn unig, hyd at 60 nod',
  'places.validation.name': 'Rhowch enw’r ardal, hyd at 120 nod',
  'places.validation.slugReserved': 'Mae Kith ei hun yn defnyddio’r cyfeiriad hwnnw. Dewiswch un arall.',
  'places.place.confirmFirst':
    'Cadarnhewch eich cyfeiriad e-bost i gymryd rhan yn {place}: dilynwch y ddolen a anfonwyd atoch mewn e-bost.',
  'places.place.asked':
    'Rydych wedi gofyn am gael ymuno â {place}. Bydd gweinyddwr yn anfon e-bost atoch pan fydd wedi penderfynu.',
  'places.place.approves': 'Mae gweinyddwr {place} yn cymeradwyo pob aelod newydd.',
  'places.place.askToJoin': 'Gofyn am gael ymuno â {place}',
};

export const messages = { en, cy };
