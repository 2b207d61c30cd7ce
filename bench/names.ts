/**
 * Small lists of names as they appear across the UK today (the most common ones from
 * birth and surname registers, and the many communities who live here), so generated
 * pages look like a real place and names have realistic lengths for search and sorting.
 */

export const FIRST_NAMES = [
  'Oliver', 'Amelia', 'George', 'Olivia', 'Harry', 'Isla', 'Jack', 'Ava', 'Noah', 'Emily',
  'Charlie', 'Sophia', 'Jacob', 'Grace', 'Thomas', 'Lily', 'Oscar', 'Freya', 'William', 'Ella',
  'James', 'Poppy', 'Muhammad', 'Aisha', 'Mohammed', 'Fatima', 'Arjun', 'Priya', 'Ravi', 'Anjali',
  'Kwame', 'Ama', 'Chinedu', 'Ngozi', 'Tomasz', 'Zofia', 'Andrei', 'Ioana', 'Wei', 'Mei',
  'Sean', 'Siobhan', 'Callum', 'Eilidh', 'Hamish', 'Morag', 'Dylan', 'Ffion', 'Rhys', 'Cerys',
  'Margaret', 'Brian', 'Patricia', 'Keith', 'Susan', 'Derek', 'Janet', 'Graham', 'Maureen', 'Colin',
  'Edna', 'Harold', 'Doreen', 'Kenneth', 'Yusuf', 'Samira', 'Kemi', 'Tunde', 'Hannah', 'Daniel',
] as const;

export const SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
  'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill',
  'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen',
  'Khan', 'Ahmed', 'Hussain', 'Ali', 'Begum', 'Shah', 'Singh', 'Kaur', 'Okafor', 'Mensah',
  'Adeyemi', 'Nowak', 'Kowalski', 'Popescu', 'Chen', 'Wong', 'Murphy', "O'Connell", 'MacDonald', 'Campbell',
  'Fletcher', 'Whitfield', 'Price', 'Rahimi', 'Nguyen', 'Osei', 'Ibrahim', 'Kelly', 'Byrne', 'Fraser',
] as const;

/** Welsh first names, more common among the people of a Welsh place. */
export const WELSH_FIRST_NAMES = [
  'Aled', 'Siân', 'Gareth', 'Nia', 'Dafydd', 'Catrin', 'Gethin', 'Elin', 'Iwan', 'Mared',
  'Osian', 'Lowri', 'Owain', 'Seren', 'Rhodri', 'Eleri', 'Emyr', 'Angharad', 'Huw', 'Bethan',
] as const;

export const WELSH_SURNAMES = [
  'Jones', 'Williams', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Hughes', 'Lewis', 'Morgan', 'Griffiths',
  'Price', 'Owen', 'Rees', 'Jenkins', 'Lloyd', 'Pritchard', 'Parry', 'Powell', 'Bowen', 'Vaughan',
] as const;

/** The part of an email address a name becomes: no accents, spaces or apostrophes. */
export function emailLocalPart(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
