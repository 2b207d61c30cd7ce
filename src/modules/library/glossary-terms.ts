/**
 * The shared language every place starts with: each term of the toolkit's glossary
 * (seeds A1) and typology of social action (seeds A2), and the few words its other
 * sections lean on (C2, C3, B2), defined in Kith's own plain words, in English and
 * Welsh, with an example from everyday local work and the terms it sits beside.
 * Keys of the typology's terms are the directory's codes, so a filter can explain
 * the very word it shows. Admins can change any of them for their place.
 */
export interface ShippedTerm {
  key: string;
  term: string;
  termCy: string;
  definition: string;
  definitionCy: string;
  example: string;
  exampleCy: string;
  related: string[];
  /** Where in the toolkit the word comes from. */
  source: string;
}

export const SHIPPED_TERMS: readonly ShippedTerm[] = [
  {
    key: 'social-action',
    term: 'Social action',
    termCy: 'Gweithredu cymdeithasol',
    definition:
      'People choosing to give their time, skills or other resources to help others or improve their area. Nobody is made to do it and nobody profits from it.',
    definitionCy:
      'Pobl yn dewis rhoi eu hamser, eu sgiliau neu adnoddau eraill i helpu eraill neu wella eu hardal. Does neb yn cael ei orfodi a does neb yn gwneud elw.',
    example: 'Neighbours who start a litter pick, run a lunch club or visit someone who lives alone.',
    exampleCy:
      'Cymdogion sy’n dechrau casglu sbwriel, yn cynnal clwb cinio neu’n ymweld â rhywun sy’n byw ar ei ben ei hun.',
    related: ['formal-volunteering', 'community-organising', 'co-production'],
    source: 'Enabling social action, A1 glossary',
  },
  {
    key: 'asset-based-approaches',
    term: 'Asset-based approaches',
    termCy: 'Dulliau sy’n seiliedig ar asedau',
    definition:
      'Starting from what a person or a community already has and is good at (skills, friendships, groups, places) instead of from what is wrong or missing.',
    definitionCy:
      'Dechrau o’r hyn sydd gan unigolyn neu gymuned yn barod ac yn dda am ei wneud (sgiliau, cyfeillgarwch, grwpiau, lleoedd) yn lle dechrau o’r hyn sydd o’i le neu ar goll.',
    example:
      'To improve health, a council backs the walking groups and allotments that already keep people well rather than only launching a new clinic.',
    exampleCy:
      'I wella iechyd, mae cyngor yn cefnogi’r grwpiau cerdded a’r rhandiroedd sydd eisoes yn cadw pobl yn iach yn hytrach na lansio clinig newydd yn unig.',
    related: ['asset-mapping', 'asset-based-community-development', 'co-production'],
    source: 'Enabling social action, A1 glossary and C3',
  },
  {
    key: 'asset-mapping',
    term: 'Asset mapping',
    termCy: 'Mapio asedau',
    definition:
      'Making a list or a map, with residents, of the skills, passions, groups, buildings and connections an area has, so they can be brought together in new ways.',
    definitionCy:
      'Gwneud rhestr neu fap, gyda thrigolion, o’r sgiliau, y diddordebau, y grwpiau, yr adeiladau a’r cysylltiadau sydd gan ardal, er mwyn dod â nhw at ei gilydd mewn ffyrdd newydd.',
    example: 'A street party where people add to a map what they can teach, lend or share.',
    exampleCy: 'Parti stryd lle mae pobl yn ychwanegu at fap yr hyn y gallant ei ddysgu, ei fenthyg neu ei rannu.',
    related: ['asset-based-approaches', 'asset-based-community-development'],
    source: 'Enabling social action, C2 and C3',
  },
  {
    key: 'asset-based-community-development',
    term: 'Asset-based community development (ABCD)',
    termCy: 'Datblygu cymunedol sy’n seiliedig ar asedau (ABCD)',
    definition:
      'A way of working in five steps: map what an area has, connect people, help them organise themselves, bring a core group together around a shared theme, and only then bring in outside help for what residents cannot do alone.',
    definitionCy:
      'Ffordd o weithio mewn pum cam: mapio beth sydd gan ardal, cysylltu pobl, eu helpu i drefnu eu hunain, dod â grŵp craidd at ei gilydd o gwmpas thema gyffredin, a dim ond wedyn dod â chymorth allanol i mewn ar gyfer yr hyn na all trigolion ei wneud ar eu pennau eu hunain.',
    example:
      'Residents who found ten keen cooks on their estate start a community kitchen, then ask the council only for the hall.',
    exampleCy:
      'Trigolion a ddaeth o hyd i ddeg cogydd brwd ar eu stad yn dechrau cegin gymunedol, ac yna’n gofyn i’r cyngor am y neuadd yn unig.',
    related: ['asset-mapping', 'asset-based-approaches', 'community-organising'],
    source: 'Enabling social action, C3',
  },
  {
    key: 'commissioning',
    term: 'Commissioning',
    termCy: 'Comisiynu',
    definition:
      'Deciding how to use all the money, people and other resources available to get better outcomes for people. Buying a service is only one way to do it.',
    definitionCy:
      'Penderfynu sut i ddefnyddio’r holl arian, pobl ac adnoddau eraill sydd ar gael i gael canlyniadau gwell i bobl. Dim ond un ffordd o wneud hynny yw prynu gwasanaeth.',
    example: 'A health board pays for a peer support network and opens its rooms to it free of charge.',
    exampleCy: 'Bwrdd iechyd yn talu am rwydwaith cymorth gan gymheiriaid ac yn agor ei ystafelloedd iddo am ddim.',
    related: ['procurement', 'outcomes', 'prevention'],
    source: 'Enabling social action, A1 glossary',
  },
  {
    key: 'procurement',
    term: 'Procurement',
    termCy: 'Caffael',
    definition:
      'The formal, legal process of asking for bids and buying goods or services from someone else, such as a charity or a business. It is one part of commissioning, not the whole of it.',
    definitionCy:
      'Y broses ffurfiol, gyfreithiol o ofyn am gynigion a phrynu nwyddau neu wasanaethau gan rywun arall, fel elusen neu fusnes. Un rhan o gomisiynu yw hyn, nid y cyfan.',
    example: 'A council puts a befriending contract out to tender and signs it with the winning charity.',
    exampleCy: 'Cyngor yn rhoi contract cyfeillio allan i dendr ac yn ei lofnodi gyda’r elusen fuddugol.',
    related: ['commissioning'],
    source: 'Enabling social action, A1 glossary',
  },
  {
    key: 'co-production',
    term: 'Co-production',
    termCy: 'Cydgynhyrchu',
    definition:
      'Professionals and the people who use a service sharing power as equals to design, plan and run it together, because both know things the other does not.',
    definitionCy:
      'Gweithwyr proffesiynol a’r bobl sy’n defnyddio gwasanaeth yn rhannu grym fel partneriaid cyfartal i’w gynllunio a’i redeg gyda’i gilydd, oherwydd bod y ddau’n gwybod pethau nad yw’r llall yn eu gwybod.',
    example: 'Parents and the council write the new youth service together, and some parents help run its sessions.',
    exampleCy:
      'Rhieni a’r cyngor yn ysgrifennu’r gwasanaeth ieuenctid newydd gyda’i gilydd, a rhai rhieni’n helpu i redeg ei sesiynau.',
    related: ['ladder-of-co-production', 'asset-based-approaches', 'peer-support'],
    source: 'Enabling social action, A1 glossary, A2 typology and C2',
  },
  {
    key: 'ladder-of-co-production',
    term: 'Ladder of co-production',
    termCy: 'Ysgol cydgynhyrchu',
    definition:
      'A picture of how much power people have over the services they use: at the bottom things are done to them, in the middle done for them, at the top done with them.',
    definitionCy:
      'Darlun o faint o rym sydd gan bobl dros y gwasanaethau y maent yn eu defnyddio: ar y gwaelod mae pethau’n cael eu gwneud iddynt, yn y canol ar eu cyfer, ar y brig gyda nhw.',
    example:
      'Asking people to fill in a survey is "doing for"; letting them decide and then deliver the changes is "doing with".',
    exampleCy:
      'Gofyn i bobl lenwi arolwg yw "gwneud ar eu cyfer"; gadael iddynt benderfynu ac yna cyflawni’r newidiadau yw "gwneud gyda nhw".',
    related: ['co-production'],
    source: 'Enabling social action, C2',
  },
  {
    key: 'community-organising',
    term: 'Community organising',
    termCy: 'Trefnu cymunedol',
    definition:
      'Building relationships one conversation at a time so that people can act together, with more confidence and power, on the unfairness they face.',
    definitionCy:
      'Meithrin perthnasoedd un sgwrs ar y tro fel bod pobl yn gallu gweithredu gyda’i gilydd, gyda mwy o hyder a grym, ar yr annhegwch y maent yn ei wynebu.',
    example:
      'An organiser knocks on doors, hears that people fear the closing bus route, and helps them meet the operator as a group.',
    exampleCy:
      'Trefnydd yn curo ar ddrysau, yn clywed bod pobl yn poeni am y llwybr bws sy’n cau, ac yn eu helpu i gwrdd â’r cwmni fel grŵp.',
    related: ['advocacy-movements', 'asset-based-community-development', 'social-action'],
    source: 'Enabling social action, A1 glossary and A2 typology',
  },
  {
    key: 'indicators',
    term: 'Indicators',
    termCy: 'Dangosyddion',
    definition: 'Signs you can notice or count that show an outcome is happening, or getting closer.',
    definitionCy:
      'Arwyddion y gallwch sylwi arnynt neu eu cyfrif sy’n dangos bod canlyniad yn digwydd, neu’n dod yn nes.',
    example: 'For "more confident", a young person trying something new or making a new friend.',
    exampleCy: 'Ar gyfer "mwy hyderus", person ifanc yn rhoi cynnig ar rywbeth newydd neu’n gwneud ffrind newydd.',
    related: ['outcomes', 'outputs'],
    source: 'Enabling social action, A1 glossary',
  },
  {
    key: 'outcomes',
    term: 'Outcomes',
    termCy: 'Canlyniadau',
    definition:
      'The changes that matter to people because of what was done: some come quickly, others take years. How far someone has come towards their goal counts too.',
    definitionCy:
      'Y newidiadau sy’n bwysig i bobl oherwydd yr hyn a wnaed: mae rhai’n dod yn gyflym, eraill yn cymryd blynyddoedd. Mae pa mor bell y mae rhywun wedi dod tuag at ei nod yn cyfrif hefyd.',
    example: 'Feeling less lonely after joining a walking group; getting and keeping a job after a mentoring scheme.',
    exampleCy: 'Teimlo’n llai unig ar ôl ymuno â grŵp cerdded; cael swydd a’i chadw ar ôl cynllun mentora.',
    related: ['outputs', 'indicators', 'wellbeing'],
    source: 'Enabling social action, A1 glossary',
  },
  {
    key: 'outputs',
    term: 'Outputs',
    termCy: 'Allbynnau',
    definition: 'Counts of what was done. They show that something happened, not what changed because of it.',
    definitionCy:
      'Cyfrifon o’r hyn a wnaed. Maent yn dangos bod rhywbeth wedi digwydd, nid beth newidiodd o’i herwydd.',
    example: '40 lunch club sessions held; 25 people came each week.',
    exampleCy: 'Cynhaliwyd 40 sesiwn clwb cinio; daeth 25 o bobl bob wythnos.',
    related: ['outcomes', 'indicators'],
    source: 'Enabling social action, A1 glossary',
  },
  {
    key: 'prevention',
    term: 'Prevention',
    termCy: 'Atal',
    definition:
      'Using what is available to stop harm before it happens, rather than dealing with crises that could have been avoided. It can work upstream (everyone), midstream (people at risk) or downstream (people already harmed).',
    definitionCy:
      'Defnyddio’r hyn sydd ar gael i atal niwed cyn iddo ddigwydd, yn hytrach na delio ag argyfyngau y gellid bod wedi’u hosgoi. Gall weithio i fyny’r afon (pawb), yng nghanol yr afon (pobl mewn perygl) neu i lawr yr afon (pobl sydd eisoes wedi’u niweidio).',
    example:
      'A befriending scheme that keeps an older person connected, so they do not reach crisis and need hospital care.',
    exampleCy:
      'Cynllun cyfeillio sy’n cadw person hŷn mewn cysylltiad, fel nad ydynt yn cyrraedd argyfwng ac angen gofal ysbyty.',
    related: ['paradox-of-demand', 'outcomes', 'commissioning'],
    source: 'Enabling social action, A1 glossary',
  },
  {
    key: 'paradox-of-demand',
    term: 'Paradox of demand',
    termCy: 'Paradocs y galw',
    definition:
      'Cutting early, low-cost help to save money can raise the need for costly crisis services later, because problems are left to grow.',
    definitionCy:
      'Gall torri cymorth cynnar, rhad er mwyn arbed arian godi’r angen am wasanaethau argyfwng drud yn nes ymlaen, oherwydd bod problemau’n cael eu gadael i dyfu.',
    example: 'Closing a community centre saves its rent, but more isolated people end up needing home care.',
    exampleCy:
      'Mae cau canolfan gymunedol yn arbed ei rhent, ond mae mwy o bobl ynysig yn y pen draw angen gofal yn y cartref.',
    related: ['prevention', 'commissioning'],
    source: 'Enabling social action, B2',
  },
  {
    key: 'wellbeing',
    term: 'Wellbeing',
    termCy: 'Llesiant',
    definition:
      'How people feel their life is going and whether they are able to flourish. It comes from their circumstances, what they do and their inner resources together.',
    definitionCy:
      'Sut mae pobl yn teimlo bod eu bywyd yn mynd ac a ydynt yn gallu ffynnu. Mae’n dod o’u hamgylchiadau, yr hyn y maent yn ei wneud a’u hadnoddau mewnol gyda’i gilydd.',
    example: 'A volunteer says they sleep better and feel useful since joining the repair café.',
    exampleCy: 'Gwirfoddolwr yn dweud ei fod yn cysgu’n well ac yn teimlo’n ddefnyddiol ers ymuno â’r caffi trwsio.',
    related: ['outcomes', 'prevention'],
    source: 'Enabling social action, A1 glossary',
  },
  {
    key: 'formal-volunteering',
    term: 'Formal volunteering',
    termCy: 'Gwirfoddoli ffurfiol',
    definition:
      'Giving time through an organisation such as a charity, hospital or council, in a role with a description, training and someone to support you.',
    definitionCy:
      'Rhoi amser drwy sefydliad fel elusen, ysbyty neu gyngor, mewn rôl sydd â disgrifiad, hyfforddiant a rhywun i’ch cefnogi.',
    example: 'A hospital volunteer who welcomes patients and guides them to their ward.',
    exampleCy: 'Gwirfoddolwr ysbyty sy’n croesawu cleifion ac yn eu tywys i’w ward.',
    related: ['social-action', 'befriending-helping', 'time-credits'],
    source: 'Enabling social action, A2 typology',
  },
  {
    key: 'time-credits',
    term: 'Time credits',
    termCy: 'Credydau amser',
    definition:
      'Every hour given earns one hour’s credit, whoever you are and whatever you did. Credits can be spent on an hour of someone else’s help or on days out with partners.',
    definitionCy:
      'Mae pob awr a roddir yn ennill credyd awr, pwy bynnag ydych chi a beth bynnag a wnaethoch. Gellir gwario credydau ar awr o gymorth rhywun arall neu ar ddiwrnodau allan gyda phartneriaid.',
    example: 'An hour helping at the food bank earns a credit that pays for a swim at the leisure centre.',
    exampleCy: 'Mae awr yn helpu yn y banc bwyd yn ennill credyd sy’n talu am nofio yn y ganolfan hamdden.',
    related: ['formal-volunteering', 'co-production', 'peer-support'],
    source: 'Enabling social action, A2 typology and C2',
  },
  {
    key: 'peer-support',
    term: 'Peer support',
    termCy: 'Cymorth gan gymheiriaid',
    definition:
      'People who have lived through something helping others who are going through it now, because shared experience builds trust that professionals alone cannot.',
    definitionCy:
      'Pobl sydd wedi byw drwy rywbeth yn helpu eraill sy’n mynd drwyddo nawr, oherwydd bod profiad a rennir yn meithrin ymddiriedaeth na all gweithwyr proffesiynol ei wneud ar eu pennau eu hunain.',
    example: 'A former prisoner meets someone at the prison gate on the day they are released.',
    exampleCy: 'Cyn-garcharor yn cwrdd â rhywun wrth giât y carchar ar y diwrnod y cânt eu rhyddhau.',
    related: ['co-production', 'befriending-helping'],
    source: 'Enabling social action, A2 typology and C2',
  },
  {
    key: 'advocacy-movements',
    term: 'Advocacy and social movements',
    termCy: 'Eiriolaeth a mudiadau cymdeithasol',
    definition:
      'Many people acting together, often far apart, to change how society thinks about or treats an issue. Movements spread from person to person rather than being run from the top.',
    definitionCy:
      'Llawer o bobl yn gweithredu gyda’i gilydd, yn aml ymhell oddi wrth ei gilydd, i newid sut mae cymdeithas yn meddwl am fater neu’n ei drin. Mae mudiadau’n lledaenu o berson i berson yn hytrach na chael eu rhedeg o’r brig.',
    example: 'Shop staff who learn how to help a customer living with dementia and tell their friends.',
    exampleCy: 'Staff siop sy’n dysgu sut i helpu cwsmer sy’n byw gyda dementia ac yn dweud wrth eu ffrindiau.',
    related: ['community-organising', 'social-action'],
    source: 'Enabling social action, A2 typology and B3',
  },
  {
    key: 'community-asset-ownership',
    term: 'Community asset ownership',
    termCy: 'Perchnogaeth gymunedol ar asedau',
    definition:
      'A community buying, owning or taking over the running of a building or space that matters to it, such as a pub, library or hall.',
    definitionCy:
      'Cymuned yn prynu, yn berchen ar neu’n cymryd drosodd y gwaith o redeg adeilad neu le sy’n bwysig iddi, fel tafarn, llyfrgell neu neuadd.',
    example: 'Villagers raise money in shares to buy their last pub and open a post office inside it.',
    exampleCy: 'Pentrefwyr yn codi arian mewn cyfranddaliadau i brynu eu tafarn olaf ac agor swyddfa bost ynddi.',
    related: ['asset-of-community-value', 'co-operative-services'],
    source: 'Enabling social action, A2 typology',
  },
  {
    key: 'asset-of-community-value',
    term: 'Asset of community value',
    termCy: 'Ased o werth cymunedol',
    definition:
      'A building or piece of land that a council has listed because it matters to local life. In England, if it is sold the community gets time to raise money and bid for it.',
    definitionCy:
      'Adeilad neu ddarn o dir y mae cyngor wedi’i restru oherwydd ei fod yn bwysig i fywyd lleol. Yn Lloegr, os caiff ei werthu mae’r gymuned yn cael amser i godi arian a gwneud cynnig amdano.',
    example:
      'A pub listed by the parish council gets a pause of up to six months before it can be sold to a developer.',
    exampleCy:
      'Tafarn a restrwyd gan y cyngor plwyf yn cael saib o hyd at chwe mis cyn y gellir ei gwerthu i ddatblygwr.',
    related: ['community-asset-ownership'],
    source: 'Enabling social action, A2 typology',
  },
  {
    key: 'co-operative-services',
    term: 'Co-operatively owned services',
    termCy: 'Gwasanaethau sy’n eiddo cydweithredol',
    definition:
      'Businesses and services owned and controlled by the people who work in them or use them, so that what they earn stays with local people.',
    definitionCy:
      'Busnesau a gwasanaethau sy’n eiddo i’r bobl sy’n gweithio ynddynt neu’n eu defnyddio ac o dan eu rheolaeth, fel bod yr hyn y maent yn ei ennill yn aros gyda phobl leol.',
    example: 'Residents of an estate set up their own building firm and win part of the regeneration contract.',
    exampleCy: 'Trigolion stad yn sefydlu eu cwmni adeiladu eu hunain ac yn ennill rhan o’r contract adfywio.',
    related: ['community-asset-ownership', 'community-organising'],
    source: 'Enabling social action, A2 typology',
  },
  {
    key: 'befriending-helping',
    term: 'Befriending and helping',
    termCy: 'Cyfeillio a helpu',
    definition:
      'Regular, friendly company or practical help for someone who might otherwise be alone, often matched one to one.',
    definitionCy:
      'Cwmni cyfeillgar rheolaidd neu gymorth ymarferol i rywun a allai fod ar ei ben ei hun fel arall, yn aml wedi’u paru un i un.',
    example: 'A younger neighbour who calls in every Thursday for tea and to help with the shopping list.',
    exampleCy: 'Cymydog iau sy’n galw bob dydd Iau am baned ac i helpu gyda’r rhestr siopa.',
    related: ['formal-volunteering', 'peer-support', 'wellbeing'],
    source: 'Enabling social action, A2 typology',
  },
  {
    key: 'social-prescribing',
    term: 'Social prescribing',
    termCy: 'Presgripsiynu cymdeithasol',
    definition:
      'A GP, nurse or other worker referring someone to local groups and activities, often through a link worker, for the things that medicine alone cannot fix.',
    definitionCy:
      'Meddyg teulu, nyrs neu weithiwr arall yn cyfeirio rhywun at grwpiau a gweithgareddau lleol, yn aml drwy weithiwr cyswllt, ar gyfer y pethau na all meddyginiaeth yn unig eu datrys.',
    example: 'A man feeling low after retiring is introduced to a men’s shed two streets away.',
    exampleCy: 'Dyn sy’n teimlo’n isel ar ôl ymddeol yn cael ei gyflwyno i sied dynion ddwy stryd i ffwrdd.',
    related: ['prevention', 'wellbeing', 'outcomes'],
    source: 'Enabling social action, B3 (Kirklees)',
  },
  {
    key: 'vcse',
    term: 'VCSE sector',
    termCy: 'Sector gwirfoddol, cymunedol a mentrau cymdeithasol',
    definition:
      'Voluntary, community and social enterprise organisations: charities, community groups, co-operatives and social businesses, large and small.',
    definitionCy:
      'Sefydliadau gwirfoddol, cymunedol a mentrau cymdeithasol: elusennau, grwpiau cymunedol, mentrau cydweithredol a busnesau cymdeithasol, mawr a bach.',
    example: 'The residents’ association, the local Age UK and a community interest company running a café.',
    exampleCy: 'Cymdeithas y trigolion, yr Age UK lleol a chwmni buddiant cymunedol sy’n rhedeg caffi.',
    related: ['commissioning', 'social-action'],
    source: 'Enabling social action, B and methodology',
  },
  {
    key: 'evidence-levels',
    term: 'Standards of evidence (levels 1 to 5)',
    termCy: 'Safonau tystiolaeth (lefelau 1 i 5)',
    definition:
      'Nesta’s scale of how sure we can be that something works: 1 you can say what it does and why; 2 you have collected data that shows change; 3 you can show it caused the change, with a comparison; 4 someone independent has confirmed it; 5 it has been repeated elsewhere with the same results.',
    definitionCy:
      'Graddfa Nesta o ba mor sicr y gallwn fod bod rhywbeth yn gweithio: 1 gallwch ddweud beth mae’n ei wneud a pham; 2 rydych wedi casglu data sy’n dangos newid; 3 gallwch ddangos mai dyna achosodd y newid, gyda chymhariaeth; 4 mae rhywun annibynnol wedi ei gadarnhau; 5 mae wedi’i ailadrodd mewn mannau eraill gyda’r un canlyniadau.',
    example: 'A befriending scheme that surveys people before and after joining has level 2 evidence.',
    exampleCy: 'Mae gan gynllun cyfeillio sy’n holi pobl cyn ac ar ôl ymuno dystiolaeth lefel 2.',
    related: ['outcomes', 'indicators'],
    source: 'Nesta standards of evidence, as the issue and the toolkit’s evidence sections use them',
  },
];
