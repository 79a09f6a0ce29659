"""Words about speakers: titles, roles, groups, pronouns, names; data only.

Who can speak and how a mention names them ("Mayor", "officials", "who", "a
statement", "the ministry"). spaCy's small English model has no noun classes
for these, so they are hand lists, checked on the development set
(benchmarks/bench_attribution.py).
"""

from __future__ import annotations

__all__ = [
    "ABBREVIATIONS",
    "BODY_NOUNS",
    "DOCUMENT_WORDS",
    "FEMALE_HONORIFICS",
    "FEMALE_NAMES",
    "FEMALE_PRONOUNS",
    "FUNCTION_WORDS",
    "GROUP_WORDS",
    "HONORIFICS",
    "MALE_HONORIFICS",
    "MALE_NAMES",
    "MENTION_STOPWORDS",
    "NOT_SURNAMES",
    "ORG_NOUNS",
    "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS",
    "QUANTIFIERS",
    "RELATIVES",
    "ROLE_WORDS",
    "SPEAKING_NOUNS",
    "TITLE_WORDS",
]

HONORIFICS = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady",
        "rev", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "adm",
        "president", "senator", "governor", "mayor", "judge", "justice",
    }
)  # fmt: skip

# Nouns that name a role; a definite description headed by one of them ("the
# State Department official") refers back to a person named earlier.
ROLE_WORDS = frozenset(
    {
        "spokesman", "spokeswoman", "spokesperson", "representative", "official",
        "secretary", "minister", "president", "senator", "governor", "mayor",
        "ambassador", "envoy", "diplomat", "chairman", "chairwoman", "chair",
        "director", "chief", "head", "leader", "adviser", "advisor", "aide",
        "candidate", "nominee", "congressman", "congresswoman", "lawmaker",
        "deputy", "press", "general", "commander", "officer", "manager",
        "strategist", "analyst", "economist", "professor", "attorney", "lawyer",
        "prosecutor", "judge", "author", "founder", "executive", "ceo",
        "businessman", "billionaire", "politician", "democrat", "republican",
        "speaker", "whip", "treasurer", "counsel", "principal", "assistant",
        "undersecretary", "vice", "premier", "chancellor", "king", "queen",
        "prince", "pope", "mogul", "host", "anchor", "correspondent", "reporter",
        "columnist", "editor", "pollster", "surrogate", "staffer", "operative",
        "sheriff", "detective", "agent", "commissioner", "councilman",
        "councilwoman", "delegate", "activist", "organizer", "coordinator",
    }
)  # fmt: skip

# Plural or collective heads that make a speaker a group, not a person.
GROUP_WORDS = frozenset(
    {
        "officials", "sources", "source", "intelligence", "agency", "department",
        "ministry", "government", "administration", "campaign", "committee",
        "office", "police", "authorities", "experts", "analysts", "aides",
        "lawmakers", "democrats", "republicans", "voters", "poll", "polls",
        "survey", "report", "reports", "study", "spokesmen", "leaders",
        "inspectors", "officers", "critics", "supporters", "observers",
        "people", "residents", "group", "party", "court", "council",
        "kremlin", "pentagon", "ministers", "diplomats", "investigators",
    }
)  # fmt: skip

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
FEMALE_PRONOUNS = frozenset({"she", "her"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady", "congresswoman"})
MALE_HONORIFICS = frozenset({"mr", "sir", "lord", "congressman"})

# First names whose bearers in political news are almost all women or men, so that
# "she" is not resolved to the last man named. A hand list rather than a package:
# the name-gender packages on PyPI carry large census tables (or a GPL licence) for
# what a pronoun check needs only a few hundred common names of.
FEMALE_NAMES = frozenset(
    {
        "hillary", "nancy", "sarah", "carly", "elizabeth", "michelle", "susan",
        "condoleezza", "madeleine", "nikki", "kellyanne", "huma", "debbie",
        "donna", "loretta", "samantha", "valerie", "sheila", "amy", "kirsten",
        "dianne", "barbara", "maxine", "marsha", "jeanne", "jennifer", "jessica",
        "mary", "patricia", "linda", "karen", "lisa", "betty", "margaret",
        "sandra", "ashley", "kimberly", "emily", "melissa", "deborah",
        "stephanie", "rebecca", "laura", "sharon", "cynthia", "kathleen",
        "anna", "ann", "anne", "angela", "helen", "pamela", "nicole", "emma",
        "christine", "catherine", "katherine", "kate", "katie", "julie", "joan",
        "victoria", "kelly", "lauren", "christina", "rachel", "heather", "diane",
        "julia", "janet", "maria", "marie", "alice", "judith", "judy", "andrea",
        "megyn", "hope", "ivanka", "melania", "chelsea", "theresa", "jane",
        "jill", "joni", "kamala", "claire", "tammy", "patty",
        "heidi", "shelley", "marcia", "cathy", "cathie", "gina",
        "wendy", "jeanine", "brooke", "katrina", "kathy", "martha",
        "rosa", "sonia", "ruth", "elena", "sally", "penny", "ellen", "oprah",
        "tulsi", "stacey", "ilhan", "alexandria", "ayanna", "rashida", "liz",
        "mia", "cindy", "beth", "meghan", "megan", "erin", "caroline",
        "natalie", "hannah", "sophia", "olivia", "grace", "irene", "margo",
        "vanessa", "monica", "tina", "gloria", "carol", "carolyn",
        "frances", "evelyn", "joyce", "virginia", "doris", "marilyn", "sylvia",
        "tanya", "yvonne", "zoe", "rita", "norah", "nora", "eva", "ella",
        "leah", "molly", "abigail", "amanda", "brenda", "denise", "lori",
        "michele", "paula", "sue", "tara", "teresa", "vicki", "holly",
        "jenny", "jo", "kay", "lynn", "marianne", "miriam", "naomi",
        "nina", "paige", "priscilla", "renee", "shannon", "sheryl", "suzanne",
        "ann-marie", "annie", "becky", "bonnie", "connie", "dolores", "elaine",
    }
)  # fmt: skip
MALE_NAMES = frozenset(
    {
        "donald", "barack", "bernie", "ted", "marco", "jeb", "ben", "john",
        "chris", "rand", "mike", "bill", "joe", "george", "paul", "rick",
        "scott", "lindsey", "jim", "bobby", "martin", "lincoln", "mitt",
        "josh", "eric", "james", "robert", "michael", "william", "david",
        "richard", "joseph", "thomas", "charles", "daniel", "matthew", "mark",
        "steven", "steve", "andrew", "kevin", "brian", "ronald", "anthony",
        "jason", "jeff", "jeffrey", "ryan", "gary", "jacob", "nicholas",
        "jonathan", "larry", "frank", "justin", "brandon", "raymond", "gregory",
        "samuel", "benjamin", "patrick", "jack", "dennis", "jerry", "tyler",
        "aaron", "jose", "adam", "henry", "nathan", "douglas", "zachary",
        "peter", "kyle", "walter", "harold", "jeremy", "ethan", "carl", "keith",
        "roger", "gerald", "christian", "terry", "sean", "austin", "arthur",
        "lawrence", "jesse", "dylan", "bryan", "jordan", "billy",
        "bruce", "albert", "willie", "gabriel", "logan", "alan", "juan",
        "wayne", "roy", "ralph", "randy", "eugene", "vincent", "russell",
        "elijah", "louis", "philip", "phil", "johnny", "bradley",
        "vladimir", "bibi", "newt", "reince", "harry", "mitch",
        "chuck", "rudy", "dick", "al", "jimmy", "lyndon", "franklin", "dwight",
        "woodrow", "hugh", "sergei", "hassan",
        "bashar", "recep", "xi", "angelo", "reza", "ali", "mohammed",
        "muhammad", "ahmed", "omar", "abdullah", "boris", "emmanuel", "francois",
        "shinzo", "narendra", "vedant", "antony", "jake", "lloyd",
        "kurt", "rex", "stephen", "corey", "jared", "rudolph",
        "anderson", "wolf", "tucker", "rush", "glenn", "bret", "brit",
        "howard", "jon", "tim", "tom", "dan", "don", "ron", "ken", "kenneth",
        "fred", "ed", "edward", "todd", "travis", "trey", "troy", "luke",
        "marcus", "matt", "max", "nick", "pat", "pete", "ray", "rob", "sam",
        "seth", "stan", "tony", "zach", "elliott", "evan", "greg",
        "ian", "jay", "joel", "jorge", "kent", "leon", "neil", "nathaniel",
        "orrin", "reid", "rodney", "ross", "shaun", "trent", "wesley", "morton",
        "brent", "cory", "dean", "derek", "duncan", "gordon", "grant",
    }
)  # fmt: skip
PLURAL_PRONOUNS = frozenset({"they", "them", "we"})

# Words that open a sentence and get glued to a name by the tagger: "But
# Mickelson", "With Hadwin", "Perhaps Tracy", "Having Billy Eichner".
FUNCTION_WORDS = frozenset(
    {
        "but", "and", "or", "so", "yet", "with", "when", "while", "as", "if",
        "after", "before", "because", "although", "though", "unlike", "like",
        "perhaps", "maybe", "also", "still", "even", "then", "now", "here",
        "having", "being", "meanwhile", "however", "instead", "earlier", "later",
        "finally", "indeed", "speaking", "asked", "said", "says", "told", "at",
        "in", "on", "for", "from", "to", "by", "of", "about", "despite", "since",
        "until", "during", "without", "against", "among", "through", "yes", "no",
        "well", "oh", "today", "yesterday", "tonight", "again", "only", "just",
        "both", "either", "neither", "not", "already", "once", "where", "why",
        "how", "what", "whether", "according", "added", "adding",
    }
)  # fmt: skip
RELATIVES = frozenset({"who", "whom", "which", "that", "whose"})
# Quantifiers and bare numbers: "Many said", "some argue", "One told".
QUANTIFIERS = frozenset(
    {
        "many", "some", "one", "others", "other", "several", "most", "few",
        "all", "both", "each", "any", "none", "another", "two", "three",
        "four", "five", "more", "much", "half", "dozens", "hundreds",
        "thousands", "someone", "somebody", "anyone", "everyone", "nobody",
    }
)  # fmt: skip
# Documents and posts speak for their issuer, never for themselves.
DOCUMENT_WORDS = frozenset(
    {
        "statement", "statements", "memo", "memos", "tweet", "tweets", "post",
        "posts", "report", "reports", "document", "documents", "letter",
        "letters", "release", "releases", "email", "e-mail", "message",
        "messages", "notice", "filing", "filings", "complaint", "affidavit",
        "transcript", "communique", "communiqué", "announcement", "bulletin",
        "note", "notes", "summary", "update", "publication", "website", "page",
        "video", "ad", "advert", "advertisement", "spot", "clip", "caption",
        "sign", "banner", "placard", "text", "texts", "order", "ruling",
        "indictment", "lawsuit", "suit", "motion", "petition", "decree",
        "resolution", "declaration", "proposal", "plan", "bill", "law",
        "agreement", "guidance", "guidelines", "advisory", "warning", "alert",
        "study", "studies", "survey", "surveys", "analysis", "review",
    }
)  # fmt: skip
# Common nouns that name people, groups or bodies who can speak, beyond the role
# and group words: "the 47-year-old", "the plaintiff", "the company".
SPEAKING_NOUNS = frozenset(
    {
        "man", "men", "woman", "women", "boy", "girl", "child", "children",
        "person", "people", "resident", "residents", "neighbor", "neighbour",
        "neighbors", "neighbours", "mother", "father", "parent", "parents",
        "son", "daughter", "wife", "husband", "brother", "sister", "family",
        "friend", "friends", "fan", "fans", "player", "players", "coach",
        "coaches", "captain", "manager", "team", "club", "side", "squad",
        "company", "companies", "firm", "bank", "group", "organization",
        "organisation", "union", "unions", "association", "federation",
        "board", "body", "institute", "university", "school", "hospital",
        "city", "county", "state", "states", "country", "nation", "town",
        "village", "province", "region", "government", "ministry", "agency",
        "department", "commission", "council", "court", "panel", "jury",
        "police", "army", "military", "navy", "force", "forces", "party",
        "parties", "opposition", "coalition", "alliance", "campaign", "airline",
        "carrier", "operator", "owner", "owners", "maker", "manufacturer",
        "retailer", "giant", "startup", "network", "channel", "newspaper",
        "paper", "magazine", "broadcaster", "outlet", "portal",
        "station", "studio", "label", "band", "organizers", "organisers",
        "victim", "victims", "witness", "witnesses", "survivor", "survivors",
        "suspect", "suspects", "defendant", "defendants", "plaintiff",
        "plaintiffs", "accused", "prisoner", "inmate", "patient", "patients",
        "doctor", "doctors", "nurse", "nurses", "teacher", "teachers",
        "student", "students", "worker", "workers", "employee", "employees",
        "staff", "member", "members", "voter", "voters", "citizen", "citizens",
        "protesters", "protestors", "demonstrators", "rebels", "militants",
        "troops", "soldiers", "soldier", "scientist", "scientists",
        "researcher", "researchers", "expert", "experts", "specialist",
        "authorities", "authority", "regulator", "regulators", "watchdog",
        "prosecution", "defense", "defence", "office", "cabinet",
        "parliament", "congress", "senate", "house", "assembly", "legislature",
        "tactician", "crooner", "singer", "actor", "actress", "star", "rapper",
        "musician", "artist", "writer", "director", "producer", "boss",
        "striker", "midfielder", "defender", "goalkeeper", "batsman", "bowler",
        "golfer", "champion", "winner", "athlete", "runner", "driver", "rider",
        "pilot", "passenger", "passengers", "farmer", "farmers",
        "official", "officials", "spokesperson", "source", "sources",
        "insider", "insiders", "observer", "observers", "critic", "critics",
        "economist", "economists", "investor", "investors", "analyst",
        "trader", "traders", "consumer", "consumers", "customer", "customers",
        "user", "users", "locals", "community", "diplomat",
        "colleague", "colleagues", "partner", "partners", "ally", "allies",
        "rival", "rivals", "opponent", "opponents", "supporter", "supporters",
        "leader", "leaders", "chief", "chiefs", "head", "heads",
        "administration", "regime", "kremlin", "embassy",
        "consulate", "mission", "delegation", "unit", "division", "service",
        "services", "secretariat", "who", "un", "nato", "eu",
    }
)  # fmt: skip
# Title words that go to the role, never into a name, beyond the role words and
# honorifics: "Councillor James Whitfield", "NASA Administrator Charles Bolden".
TITLE_WORDS = frozenset(
    {
        "administrator", "coach", "manager", "captain", "councillor", "blogger",
        "taoiseach", "tánaiste",
        "pro", "tem", "tempore",
        "councilor", "coun", "cllr", "alderman", "trustee", "superintendent",
        "inspector", "constable", "sergeant", "lieutenant", "colonel", "major",
        "marshal", "admiral", "commander", "director-general", "secretary-general",
        "minister", "premier", "mp", "mep", "mla", "rep", "sen", "gov",
        "pastor", "father", "bishop", "archbishop", "cardinal", "rabbi", "imam",
        "sheikh", "dr", "doctor", "professor", "prof", "justice", "magistrate",
        "attorney", "solicitor", "barrister", "counsel", "spokesman",
        "spokeswoman", "spokesperson", "midfielder", "striker", "defender",
        "goalkeeper", "forward", "winger", "star", "singer", "actor", "actress",
        "rapper", "crooner", "tactician", "boss", "skipper", "chief",
        "chairman", "chairwoman", "chairperson", "ceo", "cfo", "coo", "founder",
        "co-founder", "president", "vice-president", "deputy", "senator",
        "governor", "mayor", "judge", "secretary", "ambassador",
        "officer", "agent", "detective", "sheriff", "chancellor", "king",
        "queen", "prince", "princess", "lord", "lady", "sir", "dame", "mr",
        "mrs", "ms", "miss", "mx", "scientist", "member", "economist",
        "former", "ex", "acting", "interim", "incoming",
        "outgoing", "senior", "junior", "assistant", "associate", "principal",
        "executive", "managing", "vice", "co",
    }
)  # fmt: skip
# Descriptions that refer back to the last organisation named ("the company said").
# Nationality words, never a first name nor part of a name ("Kenyan Daniel
# Wanjiru"); the first-name list holds some ("Kenyan", "French", "Irish").
DEMONYMS = frozenset(
    {
        "afghan", "albanian", "algerian", "american", "andorran", "angolan",
        "argentine", "argentinian", "armenian", "australian", "austrian",
        "azerbaijani", "bahamian", "bahraini", "bangladeshi", "barbadian",
        "belarusian", "belgian", "belizean", "beninese", "bhutanese", "bolivian",
        "bosnian", "brazilian", "british", "bruneian", "bulgarian", "burkinabe",
        "burmese", "burundian", "cambodian", "cameroonian", "canadian", "chadian",
        "chilean", "chinese", "colombian", "congolese", "croatian", "cuban",
        "cypriot", "czech", "danish", "djiboutian", "dominican", "dutch",
        "ecuadorian", "egyptian", "emirati", "english", "eritrean", "estonian",
        "ethiopian", "fijian", "filipino", "finnish", "french", "gabonese",
        "gambian", "georgian", "german", "ghanaian", "greek", "grenadian",
        "guatemalan", "guinean", "guyanese", "haitian", "honduran", "hungarian",
        "icelandic", "indian", "indonesian", "iranian", "iraqi", "irish", "israeli",
        "italian", "ivorian", "jamaican", "japanese", "jordanian", "kazakh",
        "kenyan", "korean", "kosovar", "kuwaiti", "kyrgyz", "laotian", "latvian",
        "lebanese", "liberian", "libyan", "lithuanian", "macedonian", "malagasy",
        "malawian", "malaysian", "maldivian", "malian", "maltese", "mauritanian",
        "mauritian", "mexican", "moldovan", "mongolian", "montenegrin", "moroccan",
        "mozambican", "namibian", "nepalese", "nepali", "nigerian", "nigerien",
        "nicaraguan", "norwegian", "omani", "pakistani", "palestinian",
        "panamanian", "paraguayan", "peruvian", "polish", "portuguese", "qatari",
        "romanian", "russian", "rwandan", "salvadoran", "samoan", "saudi",
        "scottish", "senegalese", "serbian", "singaporean", "slovak", "slovenian",
        "somali", "spanish", "sudanese", "swedish", "swiss", "syrian", "taiwanese",
        "tajik", "tanzanian", "thai", "togolese", "tongan", "trinidadian",
        "tunisian", "turkish", "turkmen", "ugandan", "ukrainian", "uruguayan",
        "uzbek", "venezuelan", "vietnamese", "welsh", "yemeni", "zambian",
        "zimbabwean", "african", "asian", "european", "arab",
    }
)  # fmt: skip

# Laws and dates never speak, nor does whoever made them through them: "state
# law says", "the Corrections Act suggests", "November, which called ...".
LAW_WORDS = frozenset(
    {
        "law", "laws", "act", "bill", "constitution", "code", "statute", "treaty",
        "charter", "regulation", "regulations", "ordinance", "bylaw",
    }
)  # fmt: skip
# Days and months ("May" aside, also a modal and a name).
DAYS_AND_MONTHS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "june", "july",
        "august", "september", "october", "november", "december",
    }
)  # fmt: skip
CALENDAR_WORDS = DAYS_AND_MONTHS | frozenset(
    {
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)

# Bodies a person's name modifies: "the Bush administration" speaks, not Bush.
PERSON_BODIES = frozenset(
    {
        "administration", "government", "campaign", "camp", "family", "office",
        "cabinet", "foundation", "estate", "team", "presidency",
    }
)  # fmt: skip

ORG_NOUNS = frozenset(
    {
        "company", "firm", "bank", "club", "portal", "newspaper", "paper",
        "magazine", "broadcaster", "network", "channel", "airline", "carrier",
        "giant", "startup", "retailer", "maker", "manufacturer", "group",
        "lender", "insurer", "operator", "developer", "publisher", "outlet",
        "organization", "organisation", "charity", "league", "federation",
        "regulator", "watchdog",
    }
)  # fmt: skip
# Capitalised words after a first name that are no surname ("Vienna Wednesday",
# "Tribunal Reforms Bill" as the last word of a person).
NOT_SURNAMES = DAYS_AND_MONTHS | frozenset(
    {
        "may", "bill", "act", "law", "court", "party", "committee", "ministry",
        "department", "agency",
        "council", "union", "group", "day", "cup", "league", "street", "avenue",
        "road", "center", "centre", "hospital", "university", "school",
        "college", "county", "city", "airport", "station", "park",
    }
)  # fmt: skip
# Bodies that a definite description names by their head noun ("the ministry",
# "the committee", "the court"), resolved to the capitalised name holding it.
BODY_NOUNS = frozenset(
    {
        "ministry", "department", "committee", "commission", "court", "council",
        "agency", "administration", "authority", "office", "board", "bank",
        "institute", "university", "union", "association", "federation",
        "service", "panel", "government", "company", "organization",
        "organisation", "party", "club", "league", "police", "city", "county",
        "state", "town", "province", "region", "country", "nation",
    }
)  # fmt: skip

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt",
        "coun", "cllr", "supt", "det", "insp", "cpl", "pvt", "maj", "brig",
        "cmdr", "hon", "atty",
        "sgt", "capt", "adm", "st", "jr", "sr", "inc", "co", "corp", "ltd",
        "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
        "no", "vs", "rev", "ft", "mt", "u.s", "u.n", "u.k", "d.c", "e.g", "i.e",
    }
)  # fmt: skip

# Articles, linking words and possessive endings inside a mention ("the head of
# the State Department's office"): never a name or role word of their own.
MENTION_STOPWORDS = frozenset(
    {"the", "a", "an", "of", "for", "and", "'s", "’s", "this", "that"}
)
