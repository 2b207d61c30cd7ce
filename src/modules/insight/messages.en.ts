export const en = {
  'insight.links.home': 'The place in figures',
  'insight.links.home.hint':
    'Who takes part, the hours given and what every part of Kith records, month by month, defined once.',
  'insight.title': '{place} in figures',
  'insight.lead':
    'Each figure is counted one way for the whole place and is the same wherever Kith shows it. Open a figure to see it month by month.',
  'insight.suppression':
    'Any count of fewer than 5 people is shown as “fewer than 5”, here and in the downloads, and nobody is named.',
  'insight.headlines': 'Headline figures',
  'insight.figure': 'Figure',
  'insight.period': '{from} to {to}',
  'insight.periodBefore': 'The year before ({from} to {to})',
  'insight.suppressed': 'fewer than 5',
  'insight.unit.people': 'people',
  'insight.unit.minutes': 'hours',
  'insight.unit.pence': 'pounds',
  'insight.unit.count': '',
  'insight.download': 'Download the figures',
  'insight.downloadCsv': 'Every figure with its definition, month by month, as a spreadsheet (CSV)',
  'insight.downloadJson': 'The same as JSON, for an open-data portal',
  'insight.back': 'The place in figures',
  'insight.figure.byMonth': 'Month by month',
  'insight.figure.month': 'Month',
  'insight.figure.chartTitle': '{figure}, month by month',
  'insight.figure.chartDesc': 'A bar for each of the last 12 months; the table below holds the same numbers.',
  'insight.figure.onModulePage': 'See where this figure comes from',
  'insight.figure.bySource': 'Where the time was given',
  'insight.figure.byModule':
    'Who took part in each part of Kith (someone who takes part in two is in both rows, and once in the total)',
  'insight.figures.peopleTakingPart': 'People taking part',
  'insight.figures.peopleTakingPart.definition':
    'Different people who volunteered, exchanged help, did a small act, met through befriending, checked in at a session, attended after a referral or went to a group’s event. Each person is counted once, however many of these they did.',
  'insight.figures.hoursGiven': 'Hours given',
  'insight.figures.hoursGiven.definition':
    'Hours people gave: confirmed volunteering, exchanges and small acts, and time credits groups issued for other time given. An hour that also earned a time credit is counted once.',
  'insight.csv.id': 'Figure id',
  'insight.csv.figure': 'Figure',
  'insight.csv.definition': 'What it counts',
  'insight.csv.unit': 'Unit',
  'insight.csv.period': '{from} to {to}',
};
