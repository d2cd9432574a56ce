/**
 * Reference lists the synthetic population is drawn from. Anglophone weights are approximate counts per
 * 100k people from US census / SSA tables; the German and French lists are ordered by frequency and
 * weighted by rank. A share of names comes from composed "tail" names instead, because real name
 * distributions have a long tail and a matcher must not be measured only on the 100 commonest names.
 */

export type CountryCode = 'US' | 'GB' | 'DE' | 'FR';
export type Sex = 'F' | 'M';

export const COUNTRY_WEIGHTS: ReadonlyArray<readonly [CountryCode, number]> = [
  ['US', 45],
  ['GB', 25],
  ['DE', 15],
  ['FR', 15],
];

export const ANGLO_MALE_GIVEN: ReadonlyArray<readonly [string, number]> = [
  ['James', 3300], ['John', 3200], ['Robert', 3100], ['Michael', 3000], ['William', 2400], ['David', 2400],
  ['Richard', 1500], ['Joseph', 1300], ['Thomas', 1200], ['Charles', 1100], ['Christopher', 1100],
  ['Daniel', 1100], ['Matthew', 900], ['Anthony', 700], ['Mark', 700], ['Donald', 700], ['Steven', 700],
  ['Paul', 600], ['Andrew', 600], ['Joshua', 600], ['Kenneth', 500], ['Kevin', 500], ['Brian', 500],
  ['George', 500], ['Timothy', 400], ['Ronald', 400], ['Edward', 400], ['Jason', 400], ['Jeffrey', 400],
  ['Ryan', 400], ['Jacob', 400], ['Gary', 300], ['Nicholas', 300], ['Eric', 300], ['Jonathan', 300],
  ['Stephen', 300], ['Larry', 300], ['Justin', 300], ['Scott', 300], ['Brandon', 300], ['Benjamin', 300],
  ['Samuel', 300], ['Gregory', 200], ['Alexander', 200], ['Frank', 200], ['Patrick', 200], ['Raymond', 200],
  ['Jack', 200], ['Dennis', 200], ['Jerry', 200], ['Tyler', 200], ['Aaron', 200], ['Jose', 200],
  ['Adam', 200], ['Nathan', 200], ['Henry', 200], ['Douglas', 200], ['Zachary', 200], ['Peter', 200],
  ['Kyle', 200], ['Ethan', 100], ['Walter', 100], ['Noah', 100], ['Jeremy', 100], ['Christian', 100],
  ['Keith', 100], ['Roger', 100], ['Terry', 100], ['Gerald', 100], ['Harold', 100], ['Sean', 100],
  ['Austin', 100], ['Carl', 100], ['Arthur', 100], ['Lawrence', 100], ['Dylan', 100], ['Jesse', 100],
  ['Jordan', 100], ['Bryan', 100], ['Bruce', 100], ['Gabriel', 100], ['Logan', 100], ['Albert', 100],
  ['Alan', 100], ['Juan', 100], ['Wayne', 100], ['Elijah', 100], ['Randy', 100], ['Vincent', 100],
  ['Ralph', 100], ['Eugene', 100], ['Russell', 100], ['Philip', 100], ['Louis', 100], ['Oliver', 100],
  ['Harry', 100], ['Callum', 80], ['Liam', 80], ['Connor', 80], ['Rhys', 50], ['Mohammed', 80],
];

export const ANGLO_FEMALE_GIVEN: ReadonlyArray<readonly [string, number]> = [
  ['Mary', 2900], ['Patricia', 1100], ['Jennifer', 1100], ['Linda', 1000], ['Elizabeth', 900],
  ['Barbara', 900], ['Susan', 800], ['Jessica', 800], ['Sarah', 700], ['Karen', 700], ['Lisa', 700],
  ['Nancy', 700], ['Betty', 600], ['Margaret', 600], ['Sandra', 600], ['Ashley', 600], ['Kimberly', 500],
  ['Emily', 500], ['Donna', 500], ['Michelle', 500], ['Carol', 500], ['Amanda', 500], ['Dorothy', 500],
  ['Melissa', 500], ['Deborah', 400], ['Stephanie', 400], ['Rebecca', 400], ['Sharon', 400], ['Laura', 400],
  ['Cynthia', 400], ['Kathleen', 400], ['Amy', 400], ['Angela', 400], ['Shirley', 300], ['Anna', 300],
  ['Brenda', 300], ['Pamela', 300], ['Emma', 300], ['Nicole', 300], ['Helen', 300], ['Samantha', 300],
  ['Katherine', 300], ['Christine', 300], ['Debra', 300], ['Rachel', 300], ['Carolyn', 300], ['Janet', 300],
  ['Catherine', 300], ['Maria', 300], ['Heather', 300], ['Diane', 200], ['Ruth', 200], ['Julie', 200],
  ['Olivia', 200], ['Joyce', 200], ['Virginia', 200], ['Victoria', 200], ['Kelly', 200], ['Lauren', 200],
  ['Christina', 200], ['Joan', 200], ['Evelyn', 200], ['Judith', 200], ['Megan', 200], ['Andrea', 200],
  ['Cheryl', 200], ['Hannah', 200], ['Jacqueline', 200], ['Martha', 200], ['Gloria', 200], ['Teresa', 200],
  ['Ann', 200], ['Sara', 200], ['Madison', 200], ['Frances', 200], ['Kathryn', 200], ['Janice', 200],
  ['Jean', 200], ['Abigail', 200], ['Alice', 200], ['Judy', 100], ['Sophia', 100], ['Grace', 100],
  ['Denise', 100], ['Amber', 100], ['Doris', 100], ['Marilyn', 100], ['Danielle', 100], ['Beverly', 100],
  ['Isabella', 100], ['Theresa', 100], ['Diana', 100], ['Natalie', 100], ['Brittany', 100],
  ['Charlotte', 100], ['Marie', 100], ['Kayla', 100], ['Alexis', 100], ['Lori', 100], ['Chloe', 80],
  ['Sophie', 80], ['Zoe', 60], ['Siobhan', 40], ['Aoife', 30],
];

export const US_FAMILY: ReadonlyArray<readonly [string, number]> = [
  ['Smith', 828], ['Johnson', 655], ['Williams', 550], ['Brown', 487], ['Jones', 483], ['Garcia', 395],
  ['Miller', 394], ['Davis', 370], ['Rodriguez', 353], ['Martinez', 344], ['Hernandez', 342], ['Lopez', 286],
  ['Gonzalez', 279], ['Wilson', 267], ['Anderson', 266], ['Thomas', 256], ['Taylor', 253], ['Moore', 241],
  ['Jackson', 236], ['Martin', 233], ['Lee', 229], ['Perez', 224], ['Thompson', 223], ['White', 219],
  ['Harris', 206], ['Sanchez', 204], ['Clark', 187], ['Ramirez', 185], ['Lewis', 179], ['Robinson', 178],
  ['Walker', 173], ['Young', 162], ['Allen', 162], ['King', 160], ['Wright', 160], ['Scott', 147],
  ['Torres', 144], ['Nguyen', 144], ['Hill', 143], ['Flores', 142], ['Green', 140], ['Adams', 139],
  ['Nelson', 138], ['Baker', 137], ['Hall', 135], ['Rivera', 132], ['Campbell', 129], ['Mitchell', 128],
  ['Carter', 128], ['Roberts', 127], ['Gomez', 118], ['Phillips', 116], ['Evans', 115], ['Turner', 115],
  ['Diaz', 114], ['Parker', 113], ['Cruz', 112], ['Edwards', 112], ['Collins', 111], ['Reyes', 110],
  ['Stewart', 108], ['Morris', 106], ['Morales', 103], ['Murphy', 102], ['Cook', 102], ['Rogers', 100],
  ['Gutierrez', 96], ['Ortiz', 95], ['Morgan', 95], ['Cooper', 95], ['Peterson', 94], ['Bailey', 94],
  ['Reed', 93], ['Kelly', 92], ['Howard', 91], ['Ramos', 90], ['Kim', 90], ['Cox', 89], ['Ward', 89],
  ['Richardson', 88], ['Watson', 87], ['Brooks', 86], ['Chavez', 86], ['Wood', 85], ['James', 85],
  ['Bennett', 84], ['Gray', 84], ['Mendoza', 83], ['Ruiz', 82], ['Hughes', 82], ['Price', 82],
  ['Alvarez', 81], ['Castillo', 80], ['Sanders', 80], ['Patel', 80], ['Myers', 79], ['Long', 79],
  ['Ross', 78], ['Foster', 78], ['Jimenez', 76], ['McDonald', 60], ["O'Brien", 40], ["O'Connor", 35],
  ['Van Dyke', 10], ['St. John', 8],
];

export const GB_FAMILY: ReadonlyArray<readonly [string, number]> = [
  ['Smith', 1100], ['Jones', 900], ['Williams', 650], ['Taylor', 500], ['Brown', 480], ['Davies', 450],
  ['Evans', 350], ['Wilson', 330], ['Thomas', 320], ['Johnson', 310], ['Roberts', 300], ['Robinson', 260],
  ['Thompson', 250], ['Wright', 250], ['Walker', 240], ['White', 230], ['Edwards', 220], ['Hughes', 220],
  ['Green', 210], ['Hall', 210], ['Lewis', 200], ['Harris', 200], ['Clarke', 195], ['Patel', 195],
  ['Jackson', 190], ['Wood', 185], ['Turner', 180], ['Martin', 175], ['Cooper', 170], ['Hill', 170],
  ['Ward', 165], ['Morris', 165], ['Moore', 160], ['Clark', 160], ['Lee', 155], ['King', 155],
  ['Baker', 150], ['Harrison', 150], ['Morgan', 145], ['Allen', 145], ['James', 140], ['Scott', 140],
  ['Phillips', 135], ['Watson', 135], ['Davis', 130], ['Parker', 130], ['Price', 125], ['Bennett', 125],
  ['Young', 120], ['Griffiths', 120], ['Mitchell', 115], ['Kelly', 115], ['Cook', 110], ['Carter', 110],
  ['Richardson', 105], ['Bailey', 105], ['Collins', 100], ['Bell', 100], ['Shaw', 95], ['Murphy', 95],
  ['Miller', 90], ['Cox', 90], ['Richards', 88], ['Khan', 88], ['Marshall', 85], ['Anderson', 85],
  ['Simpson', 82], ['Ellis', 80], ['Adams', 80], ['Singh', 78], ['Begum', 75], ['Wilkinson', 75],
  ['Foster', 72], ['Chapman', 70], ['Powell', 70], ['Webb', 68], ['Rogers', 68], ['Gray', 66],
  ['Mason', 66], ['Ali', 64], ['Hunt', 62], ['Hussain', 62], ['Campbell', 60], ['Matthews', 60],
  ['Owen', 58], ['Palmer', 58], ['Holmes', 56], ['Mills', 56], ['Barnes', 55], ['Knight', 55],
  ['Lloyd', 54], ['Butler', 54], ['Russell', 52], ['Barker', 52], ['Fisher', 50], ['Stevens', 50],
  ['Jenkins', 50], ['Murray', 48], ['Dixon', 48], ['Harvey', 46], ["O'Neill", 30], ['MacDonald', 30],
  ['Fox-Pitt', 4],
];

export const DE_MALE_GIVEN = [
  'Peter', 'Michael', 'Thomas', 'Andreas', 'Wolfgang', 'Klaus', 'Jürgen', 'Stefan', 'Christian', 'Uwe',
  'Werner', 'Hans', 'Frank', 'Bernd', 'Markus', 'Matthias', 'Alexander', 'Martin', 'Sebastian', 'Daniel',
  'Tobias', 'Jan', 'Florian', 'Maximilian', 'Lukas', 'Jonas', 'Felix', 'Johannes', 'Dieter', 'Horst',
  'Günter', 'Jörg', 'Ralf', 'Sven', 'Dirk', 'Philipp', 'Niklas', 'Moritz', 'Björn', 'Karl-Heinz',
] as const;

export const DE_FEMALE_GIVEN = [
  'Ursula', 'Sabine', 'Monika', 'Petra', 'Andrea', 'Susanne', 'Claudia', 'Anna', 'Maria', 'Stefanie',
  'Julia', 'Katharina', 'Christina', 'Nicole', 'Birgit', 'Karin', 'Renate', 'Sandra', 'Anja', 'Laura',
  'Lena', 'Sarah', 'Lisa', 'Jana', 'Hannelore', 'Gisela', 'Brigitte', 'Martina', 'Heike', 'Gabriele',
  'Jutta', 'Silke', 'Kerstin', 'Sophie', 'Lea', 'Anne-Marie', 'Jülide', 'Käthe', 'Franziska', 'Elisabeth',
] as const;

export const DE_FAMILY = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
  'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier',
  'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber',
  'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß', 'Jung', 'Hahn', 'Schubert',
  'Yılmaz', 'Kaya', 'Nowak', 'von Berg', 'Groß',
] as const;

export const FR_MALE_GIVEN = [
  'Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Nicolas', 'Christophe', 'Patrick', 'Frédéric', 'Laurent',
  'Stéphane', 'Éric', 'David', 'Julien', 'Sébastien', 'Thomas', 'Olivier', 'François', 'Jérôme', 'Antoine',
  'Alexandre', 'Maxime', 'Hugo', 'Lucas', 'Louis', 'Guillaume', 'Vincent', 'Mathieu', 'Bernard', 'Jacques',
  'Jean-Pierre', 'Jean-Luc', 'Benoît', 'Théo', 'Raphaël',
] as const;

export const FR_FEMALE_GIVEN = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Françoise', 'Christine', 'Sandrine', 'Valérie',
  'Monique', 'Véronique', 'Sophie', 'Céline', 'Julie', 'Camille', 'Émilie', 'Laura', 'Léa', 'Chloé', 'Manon',
  'Anne', 'Hélène', 'Claire', 'Aurélie', 'Élodie', 'Caroline', 'Martine', 'Brigitte', 'Nicole', 'Stéphanie',
  'Marie-Claire', 'Anne-Sophie', 'Inès', 'Zoé', 'Margaux',
] as const;

export const FR_FAMILY = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Mercier', 'Lefèvre', 'Boyer', 'Blanc',
  'Guérin', 'Faure', 'André', 'Chevalier', 'François', 'Garnier', 'Gauthier', 'Perrin', 'Robin', 'Clément',
  'Da Silva', 'Nguyen', 'Benali', "D'Angelo", 'Le Gall',
] as const;

/**
 * Building blocks for long-tail family names, by language: prefix + infix + suffix gives a few thousand
 * plausible names per country, so tail names repeat about as rarely as real uncommon names do.
 */
export const TAIL_FAMILY_PARTS: Record<CountryCode, { prefixes: readonly string[]; infixes: readonly string[]; suffixes: readonly string[] }> = {
  US: {
    prefixes: ['Ash', 'Brad', 'Whit', 'Hol', 'Chad', 'Lang', 'Fair', 'Stan', 'Red', 'Black', 'Mor', 'Pem', 'Wad', 'Kirk', 'Thorn', 'Gold', 'Sil', 'Brook', 'Haw', 'Dun', 'Cal', 'Ed', 'Har', 'Mar', 'Row', 'Sher', 'Wes', 'Wil', 'Ever', 'Lind'],
    infixes: ['', '', 'er', 'ing', 'en', 'wood', 'es', 'ling'],
    suffixes: ['worth', 'ley', 'more', 'ford', 'ton', 'wick', 'field', 'dale', 'well', 'by', 'stead', 'croft', 'ham', 'man', 'son', 'bury', 'land', 'ridge', 'gate', 'brook'],
  },
  GB: {
    prefixes: ['Ash', 'Brad', 'Whit', 'Hol', 'Pen', 'Tre', 'Llew', 'Fair', 'Stan', 'Aber', 'Mor', 'Glen', 'Ross', 'Kirk', 'Thorn', 'Bram', 'Crox', 'Brook', 'Haw', 'Dun', 'Bux', 'Cad', 'Ell', 'Fen', 'Gid', 'Hart', 'Pick', 'Sut', 'Thack', 'Wal'],
    infixes: ['', '', 'er', 'ing', 'en', 'wood', 'es', 'ling'],
    suffixes: ['worth', 'ley', 'more', 'ford', 'ton', 'wick', 'field', 'dale', 'well', 'by', 'hurst', 'croft', 'ham', 'ellyn', 'son', 'bury', 'stone', 'thorpe', 'combe', 'shaw'],
  },
  DE: {
    prefixes: ['Stein', 'Rosen', 'Lichten', 'Eichen', 'Schön', 'Hoch', 'Grün', 'Falken', 'Birken', 'Stern', 'Wald', 'Baum', 'Berg', 'Kirch', 'Brand', 'Fried', 'Alt', 'Buch', 'Eber', 'Franken', 'Hagen', 'Linden', 'Neu', 'Ober', 'Reich'],
    infixes: ['', '', 'en', 'er', 'ge', 'wald', 'kirch', 'stein'],
    suffixes: ['berger', 'mann', 'feld', 'bach', 'hofer', 'thal', 'hausen', 'meier', 'brink', 'stedt', 'ecker', 'wald', 'dorf', 'hagen', 'huber', 'inger'],
  },
  FR: {
    prefixes: ['Beau', 'Bel', 'Mont', 'Ville', 'Chante', 'Roche', 'Du', 'La', 'Saint-', 'Bon', 'Clair', 'Font', 'Mal', 'Val', 'Haut', 'Ber', 'Cour', 'Grand', 'Mar', 'Pré', 'Ro'],
    infixes: ['', '', 'e', 'an', 'on', 'ar', 'il', 'ch'],
    suffixes: ['champ', 'mont', 'lieu', 'fort', 'ville', 'court', 'val', 'nay', 'rac', 'ard', 'ier', 'ot', 'eau', 'in', 'ault', 'elle'],
  },
};

/**
 * Common nicknames and short forms, keyed by the formal name. The first entry is the most usual one.
 * Lookups are also done in reverse to recognise that "Bob" is not a typo of "Robert".
 */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Robert: ['Bob', 'Rob', 'Bobby', 'Robbie'], William: ['Bill', 'Will', 'Billy', 'Liam'],
  Elizabeth: ['Liz', 'Beth', 'Betty', 'Lizzie', 'Eliza'], Margaret: ['Maggie', 'Peggy', 'Meg', 'Marge'],
  James: ['Jim', 'Jimmy', 'Jamie'], John: ['Jack', 'Johnny'], Michael: ['Mike', 'Mikey', 'Mick'],
  Richard: ['Rick', 'Dick', 'Rich', 'Richie'], Thomas: ['Tom', 'Tommy'], Christopher: ['Chris', 'Kit'],
  Daniel: ['Dan', 'Danny'], Matthew: ['Matt'], Anthony: ['Tony'], Joseph: ['Joe', 'Joey'],
  Charles: ['Charlie', 'Chuck'], Edward: ['Ed', 'Ted', 'Eddie', 'Ned'], Katherine: ['Kate', 'Kathy', 'Katie'],
  Catherine: ['Cathy', 'Cat', 'Kate'], Kathleen: ['Kathy', 'Kath'], Jennifer: ['Jen', 'Jenny'],
  Patricia: ['Pat', 'Patty', 'Trish'], Susan: ['Sue', 'Susie'], Deborah: ['Deb', 'Debbie'],
  Rebecca: ['Becky', 'Becca'], Alexander: ['Alex', 'Sandy', 'Xander'], Samantha: ['Sam', 'Sammy'],
  Samuel: ['Sam', 'Sammy'], Jessica: ['Jess', 'Jessie'], Nicholas: ['Nick', 'Nicky'],
  Benjamin: ['Ben', 'Benny'], Jonathan: ['Jon', 'Jonny'], Stephen: ['Steve'], Steven: ['Steve'],
  Andrew: ['Andy', 'Drew'], Joshua: ['Josh'], Timothy: ['Tim', 'Timmy'], Gregory: ['Greg'],
  Kenneth: ['Ken', 'Kenny'], Ronald: ['Ron', 'Ronnie'], Donald: ['Don', 'Donnie'], Jeffrey: ['Jeff'],
  Lawrence: ['Larry'], Victoria: ['Vicky', 'Tori'], Christine: ['Chris', 'Tina'], Christina: ['Tina', 'Chris'],
  Abigail: ['Abby'], Pamela: ['Pam'], Cynthia: ['Cindy'], Dorothy: ['Dot', 'Dottie'], Frances: ['Fran'],
  Judith: ['Judy'], Theresa: ['Terri', 'Tess'], Teresa: ['Terri', 'Tess'], Kimberly: ['Kim'],
  Stephanie: ['Steph'], Jacqueline: ['Jackie'], Zachary: ['Zach'], Gerald: ['Gerry'], Raymond: ['Ray'],
  Harold: ['Harry', 'Hal'], Henry: ['Harry', 'Hank'], Frank: ['Frankie'], Peter: ['Pete'],
  Patrick: ['Pat', 'Paddy'], Douglas: ['Doug'], Walter: ['Walt'], Nathan: ['Nate'], Eugene: ['Gene'],
  Philip: ['Phil'], Louis: ['Lou'], Vincent: ['Vince', 'Vinnie'], Russell: ['Russ'], Albert: ['Al', 'Bert'],
  Alan: ['Al'], Arthur: ['Art'], Melissa: ['Mel', 'Missy'], Amanda: ['Mandy'], Natalie: ['Nat'],
  Isabella: ['Bella', 'Izzy'], Olivia: ['Liv'], Emily: ['Em', 'Emmy'], Sophia: ['Sophie'],
  Mohammed: ['Mo'],
  Johannes: ['Hans', 'Jo'], Wolfgang: ['Wolf'], Katharina: ['Kathi', 'Katja'], Maximilian: ['Max'],
  Stefanie: ['Steffi'], Christian: ['Chris'], Andreas: ['Andi'], Matthias: ['Matze'], Sebastian: ['Basti'],
  Susanne: ['Susi'], Gabriele: ['Gabi'], Franziska: ['Franzi'], Tobias: ['Tobi'], Florian: ['Flo'],
  Nicolas: ['Nico'], Alexandre: ['Alex'], 'Frédéric': ['Fred'], Christophe: ['Chris'], Isabelle: ['Isa'],
  Guillaume: ['Guigui'], 'Jean-Pierre': ['J-P'], Maxime: ['Max'], 'Marie-Claire': ['Marie'],
};

export const EMAIL_DOMAINS: Record<CountryCode, ReadonlyArray<readonly [string, number]>> = {
  US: [['gmail.com', 45], ['yahoo.com', 14], ['outlook.com', 10], ['hotmail.com', 9], ['icloud.com', 8], ['aol.com', 5], ['comcast.net', 4], ['proton.me', 2]],
  GB: [['gmail.com', 40], ['hotmail.co.uk', 15], ['yahoo.co.uk', 10], ['btinternet.com', 9], ['outlook.com', 9], ['icloud.com', 7], ['sky.com', 5], ['live.co.uk', 4]],
  DE: [['gmx.de', 25], ['web.de', 22], ['gmail.com', 25], ['t-online.de', 12], ['outlook.de', 6], ['posteo.de', 3], ['freenet.de', 4]],
  FR: [['gmail.com', 35], ['orange.fr', 18], ['free.fr', 12], ['hotmail.fr', 12], ['laposte.net', 8], ['sfr.fr', 7], ['yahoo.fr', 6]],
};

export interface CityInfo {
  readonly city: string;
  /** Post-code prefix for US/DE/FR; area code letters for GB. */
  readonly postPrefix: string;
  /** National landline area code (without trunk prefix). */
  readonly landlineArea: string;
}

export const CITIES: Record<CountryCode, readonly CityInfo[]> = {
  US: [
    { city: 'New York', postPrefix: '100', landlineArea: '212' }, { city: 'Brooklyn', postPrefix: '112', landlineArea: '718' },
    { city: 'Los Angeles', postPrefix: '900', landlineArea: '213' }, { city: 'Chicago', postPrefix: '606', landlineArea: '312' },
    { city: 'Houston', postPrefix: '770', landlineArea: '713' }, { city: 'Phoenix', postPrefix: '850', landlineArea: '602' },
    { city: 'Philadelphia', postPrefix: '191', landlineArea: '215' }, { city: 'San Antonio', postPrefix: '782', landlineArea: '210' },
    { city: 'San Diego', postPrefix: '921', landlineArea: '619' }, { city: 'Dallas', postPrefix: '752', landlineArea: '214' },
    { city: 'Austin', postPrefix: '787', landlineArea: '512' }, { city: 'Seattle', postPrefix: '981', landlineArea: '206' },
    { city: 'Boston', postPrefix: '021', landlineArea: '617' }, { city: 'Denver', postPrefix: '802', landlineArea: '303' },
    { city: 'Atlanta', postPrefix: '303', landlineArea: '404' }, { city: 'Portland', postPrefix: '972', landlineArea: '503' },
    { city: 'Springfield', postPrefix: '627', landlineArea: '217' }, { city: 'Springfield', postPrefix: '011', landlineArea: '413' },
  ],
  GB: [
    { city: 'London', postPrefix: 'SW', landlineArea: '20' }, { city: 'London', postPrefix: 'N', landlineArea: '20' },
    { city: 'London', postPrefix: 'E', landlineArea: '20' }, { city: 'Manchester', postPrefix: 'M', landlineArea: '161' },
    { city: 'Birmingham', postPrefix: 'B', landlineArea: '121' }, { city: 'Leeds', postPrefix: 'LS', landlineArea: '113' },
    { city: 'Glasgow', postPrefix: 'G', landlineArea: '141' }, { city: 'Bristol', postPrefix: 'BS', landlineArea: '117' },
    { city: 'Edinburgh', postPrefix: 'EH', landlineArea: '131' }, { city: 'Liverpool', postPrefix: 'L', landlineArea: '151' },
  ],
  DE: [
    { city: 'Berlin', postPrefix: '10', landlineArea: '30' }, { city: 'Hamburg', postPrefix: '22', landlineArea: '40' },
    { city: 'München', postPrefix: '80', landlineArea: '89' }, { city: 'Köln', postPrefix: '50', landlineArea: '221' },
    { city: 'Frankfurt am Main', postPrefix: '60', landlineArea: '69' }, { city: 'Stuttgart', postPrefix: '70', landlineArea: '711' },
    { city: 'Düsseldorf', postPrefix: '40', landlineArea: '211' }, { city: 'Leipzig', postPrefix: '04', landlineArea: '341' },
  ],
  FR: [
    { city: 'Paris', postPrefix: '750', landlineArea: '1' }, { city: 'Lyon', postPrefix: '690', landlineArea: '4' },
    { city: 'Marseille', postPrefix: '130', landlineArea: '4' }, { city: 'Toulouse', postPrefix: '310', landlineArea: '5' },
    { city: 'Nice', postPrefix: '060', landlineArea: '4' }, { city: 'Nantes', postPrefix: '440', landlineArea: '2' },
    { city: 'Bordeaux', postPrefix: '330', landlineArea: '5' }, { city: 'Lille', postPrefix: '590', landlineArea: '3' },
  ],
};

export const STREET_NAMES: Record<CountryCode, readonly string[]> = {
  US: ['Main', 'Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Sunset', 'Lincoln', 'Jackson', 'Church', 'Highland', 'Madison', 'Willow', 'River'],
  GB: ['High', 'Station', 'Main', 'Park', 'Church', 'London', 'Victoria', 'Green', 'Manor', 'Kings', 'Queens', 'Mill', 'Springfield', 'Windsor'],
  DE: ['Haupt', 'Schul', 'Garten', 'Bahnhof', 'Dorf', 'Berg', 'Linden', 'Kirch', 'Wald', 'Ring', 'Goethe', 'Schiller', 'Birken', 'Mühlen'],
  FR: ['de la Paix', 'Victor Hugo', 'Jean Jaurès', 'Saint-Michel', 'de la République', 'du Moulin', "de l'Église", 'des Vignes', 'Pasteur', 'Foch', 'Gambetta', 'des Lilas'],
};

export const STREET_TYPES: Record<CountryCode, ReadonlyArray<readonly [full: string, abbreviated: string]>> = {
  US: [['Street', 'St'], ['Avenue', 'Ave'], ['Road', 'Rd'], ['Boulevard', 'Blvd'], ['Lane', 'Ln'], ['Drive', 'Dr']],
  GB: [['Street', 'St'], ['Road', 'Rd'], ['Lane', 'Ln'], ['Avenue', 'Ave'], ['Close', 'Cl'], ['Way', 'Way']],
  DE: [['straße', 'str.'], ['weg', 'weg'], ['allee', 'allee'], ['platz', 'pl.']],
  FR: [['rue', 'r.'], ['avenue', 'av.'], ['boulevard', 'bd'], ['place', 'pl.'], ['chemin', 'ch.']],
};

export const MOBILE_PREFIXES: Record<CountryCode, ReadonlyArray<readonly [prefix: string, subscriberDigits: number]>> = {
  US: [], // US mobiles share geographic area codes.
  GB: [['74', 8], ['75', 8], ['77', 8], ['78', 8], ['79', 8]],
  DE: [['151', 8], ['152', 8], ['160', 7], ['170', 7], ['171', 7], ['172', 7], ['173', 7], ['175', 7], ['176', 8], ['177', 7], ['179', 7]],
  FR: [['6', 8], ['7', 8]],
};

export const COMPANY_STEMS = [
  'Acme', 'Globex', 'Initech', 'Northwind', 'Contoso', 'Fabrikam', 'Umbrella', 'Stark', 'Cyberdyne', 'Hooli',
  'Vandelay', 'Tyrell', 'Blue Sky', 'Silver Line', 'Redwood', 'Summit', 'Pioneer', 'Horizon', 'Evergreen',
  'Atlas', 'Beacon', 'Cobalt', 'Granite', 'Harbor', 'Ironwood', 'Juniper', 'Keystone', 'Lakeside', 'Meridian',
  'Nimbus', 'Orion', 'Pinnacle', 'Quantum', 'Riverbend', 'Sterling', 'Trident', 'Alpen', 'Rheinland',
  'Lumière', 'Bellevue',
] as const;

export const COMPANY_KINDS = [
  'Logistics', 'Health', 'Systems', 'Analytics', 'Partners', 'Foods', 'Energy', 'Software', 'Retail',
  'Consulting', 'Bank', 'Media',
] as const;

export const LEGAL_SUFFIX: Record<CountryCode, readonly string[]> = {
  US: ['Inc.', 'LLC', 'Corp.'], GB: ['Ltd', 'PLC', 'Ltd.'], DE: ['GmbH', 'AG', 'GmbH & Co. KG'], FR: ['SA', 'SAS', 'SARL'],
};

export const COMPANY_TLD: Record<CountryCode, string> = { US: 'com', GB: 'co.uk', DE: 'de', FR: 'fr' };

export const ROLE_MAILBOXES = ['info', 'contact', 'office', 'hr', 'sales', 'jobs', 'admin'] as const;

export const JOB_TITLES = [
  'Software Engineer', 'Senior Software Engineer', 'Product Manager', 'VP, Sales', 'Director, Human Resources',
  'Account Executive', 'Data Analyst', 'Registered Nurse', 'Accountant', 'Marketing Manager', 'Recruiter',
  'Operations Manager', 'Customer Success Manager', 'Financial Controller', 'Head of People',
  'Sales Representative', 'Office Manager', 'Chief Executive Officer', 'Warehouse Associate', 'Teacher',
  'Project Manager', 'UX Designer', 'Legal Counsel', 'Procurement Specialist', 'Engineer, "Platform" Team',
] as const;
