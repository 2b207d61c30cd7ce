const en = {
  'site.accessibility.title': 'Accessibility statement',
  'site.accessibility.intro':
    'Kith is for everyone in a place, including people who use assistive technology, older people on a phone and people with little English. We want as many people as possible to be able to use it. For example, you should be able to:',
  'site.accessibility.can.1': 'change colours, contrast and fonts using your browser or device settings',
  'site.accessibility.can.2':
    'zoom in up to 400% without the text spilling off the screen, and use it on a screen 320 pixels wide',
  'site.accessibility.can.3': 'get around using just a keyboard or speech recognition software',
  'site.accessibility.can.4': 'listen to it using a screen reader',
  'site.accessibility.can.5': 'do everything you need without JavaScript, and in English or Welsh',
  'site.accessibility.status.title': 'How accessible Kith is',
  'site.accessibility.status.body':
    'Kith is designed to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 to level AA. It is built on the GOV.UK Design System, whose components are tested with disabled people and assistive technologies.',
  'site.accessibility.known.body':
    'The Welsh text has not yet been checked by a professional translator. If anything is unclear in either language, tell us.',
  'site.accessibility.enforcement.title': 'Enforcement procedure',
  'site.accessibility.testing.body':
    'Every page is checked automatically against WCAG 2.2 AA each time Kith changes, in English and Welsh, with and without JavaScript and on a small screen. Automated checks find only some problems, so we also test by hand with a keyboard and a screen reader.',

  'site.accessibility.scope': 'This accessibility statement applies to Kith at {url}, run by {operator}.',
  'site.accessibility.operator.unnamed': 'the organisation that runs Kith here',
  'site.accessibility.abilitynet': 'AbilityNet has advice on making your device easier to use if you have a disability',
  'site.accessibility.limits.lead': 'We know some parts of Kith are not fully accessible:',
  'site.accessibility.nc.userContent.plain':
    'a very short piece of what people write, such as a one-word name, may be read out in the page’s language rather than its own',
  'site.accessibility.nc.userContent.detail':
    'Listings, stories and messages are written by the people who use Kith, in the language they choose, and shown as written. Kith marks each with its language where its words show clearly which it is. A passage too short to tell, such as a one-word name, is not marked, and neither is what people write in map pop-ups and PDF documents. This may fail WCAG 2.2 success criterion 3.1.2 (Language of Parts).',
  'site.accessibility.format.title': 'Feedback and contact information',
  'site.accessibility.format.body':
    'If you need information on this website in a different format, like an accessible PDF, large print, easy read, an audio recording or braille, contact us:',
  'site.accessibility.contact.email': 'Email:',
  'site.accessibility.contact.phone': 'Phone:',
  'site.accessibility.contact.address': 'Post:',
  'site.accessibility.contact.admin': 'Contact the admin of your place, who can reach the people who run Kith.',
  'site.accessibility.format.reply': 'We will consider your request and get back to you within 5 working days.',
  'site.accessibility.report.title': 'Reporting accessibility problems with this website',
  'site.accessibility.report.body':
    'We are always looking to improve the accessibility of Kith. If you find any problems not listed on this page, or think we are not meeting accessibility requirements, contact {operator} using the details above.',
  'site.accessibility.enforcement.ehrc':
    'The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility regulations’). If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).',
  'site.accessibility.enforcement.ecni':
    'The Equality Commission for Northern Ireland (ECNI) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility regulations’) in Northern Ireland. If you are not happy with how we respond to your complaint, contact the Equality Commission for Northern Ireland’s advisory and complaints service.',
  'site.accessibility.technical.title': 'Technical information about this website’s accessibility',
  'site.accessibility.technical.body':
    '{operator} is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.',
  'site.accessibility.compliance.title': 'Compliance status',
  'site.accessibility.compliance.body':
    'This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances listed below.',
  'site.accessibility.nonAccessible.title': 'Non-accessible content',
  'site.accessibility.nonAccessible.lead': 'The content listed below is non-accessible for the following reasons.',
  'site.accessibility.nonCompliance.title': 'Non-compliance with the accessibility regulations',
  'site.accessibility.burden.title': 'Disproportionate burden',
  'site.accessibility.burden.body':
    'We do not claim that fixing any of the problems above would be a disproportionate burden.',
  'site.accessibility.outOfScope.title': 'Content that’s not within the scope of the accessibility regulations',
  'site.accessibility.outOfScope.body':
    'The accessibility regulations do not require online maps to be accessible, as long as the information they show is given in an accessible way. Every map in Kith has a list beside it with the same places.',
  'site.accessibility.improving.title': 'What we’re doing to improve accessibility',
  'site.accessibility.prepared.title': 'Preparation of this accessibility statement',
  'site.accessibility.prepared.body':
    'This statement was prepared on {prepared}. It was last reviewed on {reviewed}. Kith was last tested against WCAG 2.2 AA when it last changed, by automated checks of every page in English and Welsh, with and without JavaScript and on a screen 320 pixels wide, and by hand with a keyboard and a screen reader.',
  'site.privacy.title': 'Privacy notice',
  'site.privacy.intro': 'This notice explains what Kith holds about you, why, and what you can do about it.',
  'site.privacy.controller': '{name} runs Kith here and is the data controller for your information.',
  'site.privacy.controller.unnamed':
    'The organisation that runs Kith for your place is the data controller for your information.',
  'site.privacy.contact': 'Contact them at',
  'site.privacy.what.title': 'What we hold',
  'site.privacy.what.1':
    'your name, email address, chosen language and a scrambled form of your password that cannot be turned back into it',
  'site.privacy.what.2': 'the places you belong to and your roles in them',
  'site.privacy.what.3':
    'a record of important things you do, such as signing in and changes to roles, kept to protect you and others',
  'site.privacy.why.title': 'Why we hold it',
  'site.privacy.why.body':
    'We use your information to run your account and the parts of Kith you choose to use. The lawful basis is the performance of a task in the public interest, or your consent where we ask for it. We never sell your information or use it for advertising.',
  'site.privacy.who.title': 'Who can see it',
  'site.privacy.who.body':
    'Only the people who need to: admins of your place can see your name, email address and roles. Other people see only what you choose to share.',
  'site.privacy.keep.title': 'How long we keep it',
  'site.privacy.keep.body':
    'Until you delete your account. Signed-in sessions end after 30 days without a visit, and password reset links after 60 minutes.',
  'site.privacy.rights.title': 'Your rights',
  'site.privacy.rights.body':
    'You can see, download, correct and delete your information at any time from your account. When you delete your account, your personal details are removed and records of what happened no longer say it was you.',
  'site.privacy.rights.link': 'Go to your account',
  'site.privacy.cookies.title': 'Cookies',
  'site.privacy.cookies.body':
    'Kith uses two essential cookies: one keeps you signed in and protects forms from misuse, the other remembers your language. There are no analytics or advertising cookies.',
  'site.privacy.complain.title': 'Complaints',
  'site.privacy.complain.body':
    'If you are unhappy with how your information is used, contact the admin of your place. You can also complain to the Information Commissioner’s Office (ICO).',

  'site.api.title': 'Open data and API',
  'site.api.intro':
    'Kith speaks open standards so a place can join up what exists instead of rebuilding it. These are its JSON endpoints.',
  'site.api.document': 'The OpenAPI 3.1 description of every endpoint (JSON)',
  'site.api.errors':
    'Errors come back as RFC 9457 problem details, with the same messages people see beside form fields.',
  'site.api.endpoint': 'Endpoint',
  'site.api.what': 'What it does',
  'site.api.parameters': 'Parameters',
  'site.api.tag.accounts': 'Accounts',
  'site.api.tag.timeCredits': 'Time credits',
  'site.api.tag.offers': 'Offers and requests',
  'site.api.tag.operations': 'Operations',
  'site.api.tag.places': 'Places',
  'site.api.tag.volunteering': 'Volunteering',
  'site.api.tag.oruk': 'Open Referral UK',
  'site.api.tag.openData': 'Open data',
  'site.api.englishOnly': 'What each endpoint does is described in English.',
};

const cy: Record<keyof typeof en, string> = {
  'site.accessibility.title': 'Datganiad hygyrchedd',
  'site.accessibility.intro':
    'Mae Kith ar gyfer pawb mewn ardal, gan gynnwys pobl sy’n defnyddio technoleg gynorthwyol, pobl hŷn ar ffôn a phobl heb lawer o Saesneg. Rydym am i gynifer o bobl â phosibl allu ei ddefnyddio. Er enghraifft, dylech allu:',
  'site.accessibility.can.1':
    'newid lliwiau, cyferbyniad a ffontiau gan ddefnyddio gosodiadau eich porwr neu’ch dyfais',
  'site.accessibility.can.2':
    'chwyddo hyd at 400% heb i’r testun ddisgyn oddi ar y sgrin, a’i ddefnyddio ar sgrin 320 picsel o led',
  'site.accessibility.can.3': 'symud o gwmpas gan ddefnyddio bysellfwrdd yn unig neu feddalwedd adnabod lleferydd',
  'site.accessibility.can.4': 'gwrando arno gan ddefnyddio darllenydd sgrin',
  'site.accessibility.can.5': 'gwneud popeth sydd ei angen arnoch heb JavaScript, a hynny yn Gymraeg neu yn Saesneg',
  'site.accessibility.status.title': 'Pa mor hygyrch yw Kith',
  'site.accessibility.status.body':
    'Mae Kith wedi’i gynllunio i fodloni Canllawiau Hygyrchedd Cynnwys y We (WCAG) fersiwn 2.2 i lefel AA. Mae wedi’i adeiladu ar System Ddylunio GOV.UK, y mae ei chydrannau’n cael eu profi gyda phobl anabl a thechnolegau cynorthwyol.',
  'site.accessibility.known.body':
    'Nid yw’r testun Cymraeg wedi’i wirio gan gyfieithydd proffesiynol eto. Os oes unrhyw beth yn aneglur yn y naill iaith neu’r llall, rhowch wybod i ni.',
  'site.accessibility.enforcement.title': 'Gweithdrefn orfodi',
  'site.accessibility.testing.body':
    'Mae pob tudalen yn cael ei gwirio’n awtomatig yn erbyn WCAG 2.2 AA bob tro mae Kith yn newid, yn Gymraeg ac yn Saesneg, gyda JavaScript a hebddo ac ar sgrin fach. Dim ond rhai problemau y mae gwiriadau awtomatig yn eu canfod, felly rydym hefyd yn profi â llaw gyda bysellfwrdd a darllenydd sgrin.',

  'site.accessibility.scope':
    'Mae’r datganiad hygyrchedd hwn yn berthnasol i Kith yn {url}, sy’n cael ei redeg gan {operator}.',
  'site.accessibility.operator.unnamed': 'y sefydliad sy’n rhedeg Kith yma',
  'site.accessibility.abilitynet':
    'Mae gan AbilityNet gyngor ar wneud eich dyfais yn haws i’w defnyddio os oes gennych anabledd',
  'site.accessibility.limits.lead': 'Rydym yn gwybod nad yw rhai rhannau o Kith yn gwbl hygyrch:',
  'site.accessibility.nc.userContent.plain':
    'gall darn byr iawn o’r hyn y mae pobl yn ei ysgrifennu, fel enw un gair, gael ei ddarllen yn iaith y dudalen yn hytrach na’i iaith ei hun',
  'site.accessibility.nc.userContent.detail':
    'Mae rhestriadau, straeon a negeseuon yn cael eu hysgrifennu gan y bobl sy’n defnyddio Kith, yn yr iaith a ddewisant, ac yn cael eu dangos fel y’u hysgrifennwyd. Mae Kith yn marcio pob un â’i iaith lle mae ei eiriau’n dangos yn glir pa un ydyw. Nid yw darn sy’n rhy fyr i ddweud, fel enw un gair, wedi’i farcio, na’r hyn y mae pobl yn ei ysgrifennu mewn ffenestri naid ar fapiau ac mewn dogfennau PDF. Gall hyn fethu maen prawf llwyddiant 3.1.2 WCAG 2.2 (Iaith Rhannau).',
  'site.accessibility.format.title': 'Adborth a gwybodaeth gyswllt',
  'site.accessibility.format.body':
    'Os oes angen gwybodaeth ar y wefan hon arnoch mewn fformat gwahanol, fel PDF hygyrch, print bras, hawdd ei ddarllen, recordiad sain neu braille, cysylltwch â ni:',
  'site.accessibility.contact.email': 'E-bost:',
  'site.accessibility.contact.phone': 'Ffôn:',
  'site.accessibility.contact.address': 'Post:',
  'site.accessibility.contact.admin': 'Cysylltwch â gweinyddwr eich ardal, a all gysylltu â’r bobl sy’n rhedeg Kith.',
  'site.accessibility.format.reply': 'Byddwn yn ystyried eich cais ac yn ymateb o fewn 5 diwrnod gwaith.',
  'site.accessibility.report.title': 'Rhoi gwybod am broblemau hygyrchedd gyda’r wefan hon',
  'site.accessibility.report.body':
    'Rydym bob amser yn ceisio gwella hygyrchedd Kith. Os byddwch yn dod o hyd i unrhyw broblemau nad ydynt wedi’u rhestru ar y dudalen hon, neu os ydych yn credu nad ydym yn bodloni gofynion hygyrchedd, cysylltwch â {operator} gan ddefnyddio’r manylion uchod.',
  'site.accessibility.enforcement.ehrc':
    'Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy’n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018 (y ‘rheoliadau hygyrchedd’). Os nad ydych yn hapus â’r ffordd rydym yn ymateb i’ch cwyn, cysylltwch â’r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS).',
  'site.accessibility.enforcement.ecni':
    'Comisiwn Cydraddoldeb Gogledd Iwerddon (ECNI) sy’n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018 (y ‘rheoliadau hygyrchedd’) yng Ngogledd Iwerddon. Os nad ydych yn hapus â’r ffordd rydym yn ymateb i’ch cwyn, cysylltwch â gwasanaeth cynghori a chwynion Comisiwn Cydraddoldeb Gogledd Iwerddon.',
  'site.accessibility.technical.title': 'Gwybodaeth dechnegol am hygyrchedd y wefan hon',
  'site.accessibility.technical.body':
    'Mae {operator} wedi ymrwymo i wneud ei wefan yn hygyrch, yn unol â Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018.',
  'site.accessibility.compliance.title': 'Statws cydymffurfio',
  'site.accessibility.compliance.body':
    'Mae’r wefan hon yn cydymffurfio’n rhannol â safon AA Canllawiau Hygyrchedd Cynnwys y We fersiwn 2.2, oherwydd yr achosion o beidio â chydymffurfio a restrir isod.',
  'site.accessibility.nonAccessible.title': 'Cynnwys nad yw’n hygyrch',
  'site.accessibility.nonAccessible.lead': 'Nid yw’r cynnwys a restrir isod yn hygyrch am y rhesymau canlynol.',
  'site.accessibility.nonCompliance.title': 'Peidio â chydymffurfio â’r rheoliadau hygyrchedd',
  'site.accessibility.burden.title': 'Baich anghymesur',
  'site.accessibility.burden.body':
    'Nid ydym yn honni y byddai trwsio unrhyw un o’r problemau uchod yn faich anghymesur.',
  'site.accessibility.outOfScope.title': 'Cynnwys nad yw o fewn cwmpas y rheoliadau hygyrchedd',
  'site.accessibility.outOfScope.body':
    'Nid yw’r rheoliadau hygyrchedd yn ei gwneud yn ofynnol i fapiau ar-lein fod yn hygyrch, cyn belled â bod yr wybodaeth y maent yn ei dangos yn cael ei rhoi mewn ffordd hygyrch. Mae gan bob map yn Kith restr wrth ei ymyl gyda’r un lleoedd.',
  'site.accessibility.improving.title': 'Beth rydym yn ei wneud i wella hygyrchedd',
  'site.accessibility.prepared.title': 'Paratoi’r datganiad hygyrchedd hwn',
  'site.accessibility.prepared.body':
    'Paratowyd y datganiad hwn ar {prepared}. Cafodd ei adolygu ddiwethaf ar {reviewed}. Profwyd Kith ddiwethaf yn erbyn WCAG 2.2 AA pan newidiodd ddiwethaf, drwy wiriadau awtomatig o bob tudalen yn Saesneg ac yn Gymraeg, gyda JavaScript a hebddo ac ar sgrin 320 picsel o led, a thrwy law gyda bysellfwrdd a darllenydd sgrin.',
  'site.privacy.title': 'Hysbysiad preifatrwydd',
  'site.privacy.intro':
    'Mae’r hysbysiad hwn yn esbonio beth sydd gan Kith amdanoch, pam, a beth y gallwch ei wneud am hynny.',
  'site.privacy.controller': '{name} sy’n rhedeg Kith yma a dyma’r rheolydd data ar gyfer eich gwybodaeth.',
  'site.privacy.controller.unnamed':
    'Y sefydliad sy’n rhedeg Kith ar gyfer eich ardal yw’r rheolydd data ar gyfer eich gwybodaeth.',
  'site.privacy.contact': 'Cysylltwch â nhw yn',
  'site.privacy.what.title': 'Beth sydd gennym',
  'site.privacy.what.1':
    'eich enw, eich cyfeiriad e-bost, eich dewis iaith a ffurf wedi’i sgramblo o’ch cyfrinair na ellir ei throi’n ôl',
  'site.privacy.what.2': 'yr ardaloedd rydych yn perthyn iddynt a’ch rolau ynddynt',
  'site.privacy.what.3':
    'cofnod o bethau pwysig rydych yn eu gwneud, fel mewngofnodi a newidiadau i rolau, a gedwir i’ch diogelu chi ac eraill',
  'site.privacy.why.title': 'Pam mae gennym hyn',
  'site.privacy.why.body':
    'Rydym yn defnyddio eich gwybodaeth i redeg eich cyfrif a’r rhannau o Kith rydych yn dewis eu defnyddio. Y sail gyfreithlon yw cyflawni tasg er budd y cyhoedd, neu eich caniatâd lle rydym yn gofyn amdano. Nid ydym byth yn gwerthu eich gwybodaeth nac yn ei defnyddio ar gyfer hysbysebu.',
  'site.privacy.who.title': 'Pwy sy’n gallu ei gweld',
  'site.privacy.who.body':
    'Dim ond y bobl sydd angen gwneud hynny: gall gweinyddwyr eich ardal weld eich enw, eich cyfeiriad e-bost a’ch rolau. Dim ond yr hyn rydych yn dewis ei rannu y mae pobl eraill yn ei weld.',
  'site.privacy.keep.title': 'Am ba hyd rydym yn ei chadw',
  'site.privacy.keep.body':
    'Hyd nes y byddwch yn dileu eich cyfrif. Mae sesiynau wedi mewngofnodi’n dod i ben ar ôl 30 diwrnod heb ymweliad, a dolenni ailosod cyfrinair ar ôl 60 munud.',
  'site.privacy.rights.title': 'Eich hawliau',
  'site.privacy.rights.body':
    'Gallwch weld, lawrlwytho, cywiro a dileu eich gwybodaeth ar unrhyw adeg o’ch cyfrif. Pan fyddwch yn dileu eich cyfrif, caiff eich manylion personol eu tynnu ac ni fydd cofnodion o’r hyn a ddigwyddodd yn dweud mai chi oedd yno mwyach.',
  'site.privacy.rights.link': 'Mynd i’ch cyfrif',
  'site.privacy.cookies.title': 'Cwcis',
  'site.privacy.cookies.body':
    'Mae Kith yn defnyddio dau gwci hanfodol: mae un yn eich cadw wedi mewngofnodi ac yn diogelu ffurflenni rhag camddefnydd, ac mae’r llall yn cofio eich iaith. Nid oes cwcis dadansoddeg na hysbysebu.',
  'site.privacy.complain.title': 'Cwynion',
  'site.privacy.complain.body':
    'Os ydych yn anhapus â’r ffordd y defnyddir eich gwybodaeth, cysylltwch â gweinyddwr eich ardal. Gallwch hefyd gwyno i Swyddfa’r Comisiynydd Gwybodaeth (ICO).',

  'site.api.title': 'Data agored ac API',
  'site.api.intro':
    'Mae Kith yn siarad safonau agored fel y gall ardal gysylltu’r hyn sy’n bodoli yn lle ei ailadeiladu. Dyma ei bwyntiau terfyn JSON.',
  'site.api.document': 'Disgrifiad OpenAPI 3.1 o bob pwynt terfyn (JSON)',
  'site.api.errors':
    'Mae gwallau’n dod yn ôl fel manylion problem RFC 9457, gyda’r un negeseuon ag y mae pobl yn eu gweld wrth ymyl meysydd ffurflen.',
  'site.api.endpoint': 'Pwynt terfyn',
  'site.api.what': 'Beth mae’n ei wneud',
  'site.api.parameters': 'Paramedrau',
  'site.api.tag.accounts': 'Cyfrifon',
  'site.api.tag.timeCredits': 'Credydau amser',
  'site.api.tag.offers': 'Cynigion a cheisiadau',
  'site.api.tag.operations': 'Gweithrediadau',
  'site.api.tag.places': 'Ardaloedd',
  'site.api.tag.volunteering': 'Gwirfoddoli',
  'site.api.tag.oruk': 'Open Referral UK',
  'site.api.tag.openData': 'Data agored',
  'site.api.englishOnly': 'Mae’r disgrifiad o’r hyn y mae pob pwynt terfyn yn ei wneud yn Saesneg.',
};

export const messages = { en, cy };
