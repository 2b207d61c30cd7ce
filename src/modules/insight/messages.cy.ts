import type { en } from './messages.en.js';

export const cy: Record<keyof typeof en, string> = {
  'insight.links.home': 'Y lle mewn ffigurau',
  'insight.links.home.hint':
    'Pwy sy’n cymryd rhan, yr oriau a roddwyd a’r hyn y mae pob rhan o Kith yn ei gofnodi, fis wrth fis, wedi’u diffinio unwaith.',
  'insight.title': '{place} mewn ffigurau',
  'insight.lead':
    'Mae pob ffigur yn cael ei gyfrif mewn un ffordd i’r lle cyfan ac mae’r un fath ble bynnag y mae Kith yn ei ddangos. Agorwch ffigur i’w weld fis wrth fis.',
  'insight.suppression':
    'Mae unrhyw gyfrif o lai na 5 o bobl yn cael ei ddangos fel “llai na 5”, yma ac yn y lawrlwythiadau, ac nid oes neb yn cael ei enwi.',
  'insight.headlines': 'Prif ffigurau',
  'insight.figure': 'Ffigur',
  'insight.period': '{from} i {to}',
  'insight.periodBefore': 'Y flwyddyn cynt ({from} i {to})',
  'insight.suppressed': 'llai na 5',
  'insight.unit.people': 'pobl',
  'insight.unit.minutes': 'oriau',
  'insight.unit.pence': 'punnoedd',
  'insight.unit.count': '',
  'insight.download': 'Lawrlwytho’r ffigurau',
  'insight.downloadCsv': 'Pob ffigur gyda’i ddiffiniad, fis wrth fis, fel taenlen (CSV)',
  'insight.downloadJson': 'Yr un peth fel JSON, ar gyfer porth data agored',
  'insight.back': 'Y lle mewn ffigurau',
  'insight.figure.byMonth': 'Fis wrth fis',
  'insight.figure.month': 'Mis',
  'insight.figure.chartTitle': '{figure}, fis wrth fis',
  'insight.figure.chartDesc': 'Bar ar gyfer pob un o’r 12 mis diwethaf; mae’r tabl isod yn dal yr un rhifau.',
  'insight.figure.onModulePage': 'Gweld o ble mae’r ffigur hwn yn dod',
  'insight.figure.bySource': 'Lle rhoddwyd yr amser',
  'insight.figure.byModule':
    'Pwy gymerodd ran ym mhob rhan o Kith (mae rhywun sy’n cymryd rhan mewn dwy yn y ddwy res, ac unwaith yn y cyfanswm)',
  'insight.figures.peopleTakingPart': 'Pobl sy’n cymryd rhan',
  'insight.figures.peopleTakingPart.definition':
    'Pobl wahanol a wirfoddolodd, a gyfnewidiodd help, a wnaeth weithred fach, a gyfarfu drwy gyfeillio, a gofrestrodd mewn sesiwn, a fynychodd ar ôl atgyfeiriad neu a aeth i ddigwyddiad grŵp. Mae pob person yn cael ei gyfrif unwaith, faint bynnag o’r rhain a wnaethant.',
  'insight.figures.hoursGiven': 'Oriau a roddwyd',
  'insight.figures.hoursGiven.definition':
    'Oriau a roddodd pobl: gwirfoddoli wedi’i gadarnhau, cyfnewidiadau a gweithredoedd bach, a chredydau amser a roddodd grwpiau am amser arall a roddwyd. Mae awr a enillodd gredyd amser hefyd yn cael ei chyfrif unwaith.',
  'insight.csv.id': 'Dynodwr y ffigur',
  'insight.csv.figure': 'Ffigur',
  'insight.csv.definition': 'Beth mae’n ei gyfrif',
  'insight.csv.unit': 'Uned',
  'insight.csv.period': '{from} i {to}',
};
