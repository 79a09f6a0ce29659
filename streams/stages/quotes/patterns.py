"""Word lists and marks for the quote and speaker stages: data only, no logic.

Cue verbs are listed as surface forms mapped to their lemma so that the stage can
find them with a plain token lookup, without running spaCy's lemmatizer.
"""

from __future__ import annotations

import logging

__all__ = [
    "ABBREVIATIONS",
    "BODY_NOUNS",
    "CLOSERS",
    "COGNITION_CUES",
    "CUE_CLASSES",
    "CUE_FORMS",
    "DASHES",
    "DOCUMENT_WORDS",
    "DOUBLE_OPENERS",
    "FEMALE_HONORIFICS",
    "FEMALE_NAMES",
    "FEMALE_PRONOUNS",
    "FUNCTION_WORDS",
    "GROUP_WORDS",
    "HONORIFICS",
    "MALE_HONORIFICS",
    "MALE_NAMES",
    "NOT_SURNAMES",
    "OPENERS",
    "ORG_NOUNS",
    "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS",
    "QUANTIFIERS",
    "RELATIVES",
    "ROLE_WORDS",
    "SINGLE_OPENERS",
    "SPEAKING_NOUNS",
    "SPEECH_OBJECT_CUES",
    "STANCE_CUES",
    "TITLE_WORDS",
]

logger = logging.getLogger(__name__)

# Opening mark -> the marks that may close it. Straight marks close themselves;
# „ (German) closes with “ and « with ». ’ is also the apostrophe, so single
# marks need a word-boundary check in the scanner.
CLOSERS: dict[str, str] = {
    '"': '"”',
    "“": '”"',
    "„": "“”",
    "«": "»",
    "‘": "’",
    "'": "'",
}
OPENERS = frozenset(CLOSERS)
DOUBLE_OPENERS = frozenset('"“„«')
SINGLE_OPENERS = frozenset("‘'")
DASHES = frozenset("-–—―")

# Speech and cognition verbs, lemma -> surface forms. Cognition verbs (believe,
# think...) are attributions in PolNeAR's guidelines too.
_CUE_LEMMAS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    # "state(s)" and "tweet(s)" are mostly nouns ("United States"): parsing the
    # sentences they open cost a tenth of the parse time for few attributions.
    "state": ("stated", "stating"),
    "note": ("note", "notes", "noted", "noting"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "recall": ("recall", "recalls", "recalled", "recalling"),
    "remind": ("remind", "reminds", "reminded", "reminding"),
    "warn": ("warn", "warns", "warned", "warning"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "add": ("add", "adds", "added", "adding"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "report": ("report", "reports", "reported", "reporting"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "ask": ("ask", "asks", "asked", "asking"),
    "answer": ("answer", "answers", "answered"),
    "reply": ("reply", "replies", "replied"),
    "respond": ("respond", "responds", "responded"),
    "declare": ("declare", "declares", "declared"),
    "suggest": ("suggest", "suggests", "suggested"),
    "indicate": ("indicate", "indicates", "indicated"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "admit": ("admit", "admits", "admitted"),
    "confirm": ("confirm", "confirms", "confirmed"),
    "deny": ("deny", "denies", "denied"),
    "emphasize": ("emphasize", "emphasizes", "emphasized", "emphasise", "emphasised"),
    "assert": ("assert", "asserts", "asserted"),
    "contend": ("contend", "contends", "contended"),
    "allege": ("allege", "alleges", "alleged"),
    "predict": ("predict", "predicts", "predicted"),
    "promise": ("promise", "promises", "promised"),
    "vow": ("vow", "vows", "vowed"),
    "pledge": ("pledge", "pledges", "pledged"),
    "accuse": ("accuse", "accuses", "accused"),
    "charge": ("charged",),
    "complain": ("complain", "complains", "complained"),
    "concede": ("concede", "concedes", "conceded"),
    "point": ("pointed",),  # "pointed out"
    "observe": ("observe", "observes", "observed"),
    "mention": ("mention", "mentions", "mentioned"),
    "tweet": ("tweeted",),
    "post": ("posted",),
    "joke": ("joke", "jokes", "joked"),
    "quip": ("quip", "quips", "quipped"),
    "continue": ("continued",),  # '"...," he continued.'
    # 'As Tom Ridge put it: ...': a cue only before "it" (checked by the stage).
    "put": ("put", "puts"),
    "interject": ("interjected",),
    "muse": ("mused",),
    "bark": ("barked",),
    "comment": ("commented",),
    "testify": ("testify", "testifies", "testified"),
    "caution": ("caution", "cautions", "cautioned"),
    "urge": ("urge", "urges", "urged"),
    "estimate": ("estimate", "estimates", "estimated"),
    "show": ("show", "shows", "showed", "shown"),
    "find": ("find", "finds", "found"),
    "reveal": ("reveal", "reveals", "revealed"),
    "believe": ("believe", "believes", "believed"),
    "think": ("think", "thinks", "thought"),
    "feel": ("feel", "feels", "felt"),
    "know": ("know", "knows", "knew"),
    "expect": ("expect", "expects", "expected"),
    "hope": ("hope", "hopes", "hoped"),
    "fear": ("fear", "fears", "feared"),
    "worry": ("worry", "worries", "worried"),
    "want": ("want", "wants", "wanted"),
    "agree": ("agree", "agrees", "agreed"),
    "conclude": ("conclude", "concludes", "concluded"),
    "describe": ("describe", "describes", "described"),
    "call": ("call", "calls", "called"),
    "retort": ("retort", "retorts", "retorted"),
    "shout": ("shout", "shouts", "shouted"),
    "scream": ("scream", "screams", "screamed"),
    "remark": ("remarked",),
    "boast": ("boast", "boasts", "boasted"),
    "brag": ("brag", "brags", "bragged"),
    "lament": ("lament", "laments", "lamented"),
    "counter": ("countered",),
    "maintain": ("maintain", "maintains", "maintained"),
    "reiterate": ("reiterate", "reiterates", "reiterated"),
    "repeat": ("repeated",),
    "proclaim": ("proclaim", "proclaims", "proclaimed"),
    "assure": ("assure", "assures", "assured"),
    "inform": ("inform", "informs", "informed"),
    "recount": ("recount", "recounts", "recounted"),
    "wonder": ("wonder", "wonders", "wondered"),
    "speculate": ("speculate", "speculates", "speculated"),
    "doubt": ("doubt", "doubts", "doubted"),
    "underscore": ("underscore", "underscores", "underscored"),
    "highlight": ("highlighted",),
    "interrupt": ("interrupted",),
    "quote": ("quoted",),
    "according": ("according",),  # "according to X"
}
# Stance verbs: PolNeAR annotates support, criticism, plans and requests as
# attributions too ("Cruz is praising Jeb Bush as ..."). Chosen from the most
# frequent missed cues on PolNeAR train; their content is the object, the
# infinitive or the object of a preposition.
_STANCE_LEMMAS: dict[str, tuple[str, ...]] = {
    "support": ("support", "supports", "supported", "supporting"),
    "criticize": ("criticize", "criticizes", "criticized", "criticizing"),
    "discuss": ("discuss", "discusses", "discussed", "discussing"),
    "back": ("backs", "backed", "backing"),
    "endorse": ("endorse", "endorses", "endorsed", "endorsing"),
    "praise": ("praise", "praises", "praised", "praising"),
    "attack": ("attacks", "attacked", "attacking"),
    "thank": ("thank", "thanks", "thanked", "thanking"),
    "mock": ("mock", "mocks", "mocked", "mocking"),
    "defend": ("defend", "defends", "defended", "defending"),
    "refuse": ("refuse", "refuses", "refused", "refusing"),
    "express": ("express", "expresses", "expressed", "expressing"),
    "prefer": ("prefer", "prefers", "preferred", "preferring"),
    "dismiss": ("dismiss", "dismisses", "dismissed", "dismissing"),
    "congratulate": ("congratulate", "congratulates", "congratulated"),
    "denounce": ("denounce", "denounces", "denounced", "denouncing"),
    "decry": ("decry", "decries", "decried", "decrying"),
    "challenge": ("challenges", "challenged", "challenging"),
    "consider": ("consider", "considers", "considered", "considering"),
    "demand": ("demands", "demanded", "demanding"),
    "propose": ("propose", "proposes", "proposed", "proposing"),
    "oppose": ("oppose", "opposes", "opposed", "opposing"),
    "condemn": ("condemn", "condemns", "condemned", "condemning"),
    "welcome": ("welcomes", "welcomed", "welcoming"),
    "reject": ("reject", "rejects", "rejected", "rejecting"),
    "blame": ("blame", "blames", "blamed", "blaming"),
    "question": ("questions", "questioned", "questioning"),
    "plan": ("plan", "plans", "planned", "planning"),
    "intend": ("intend", "intends", "intended"),
    "seek": ("seek", "seeks", "sought", "seeking"),
    "offer": ("offer", "offers", "offered", "offering"),
    "see": ("see", "sees", "saw", "seen"),
    "learn": ("learn", "learns", "learned"),
    "label": ("label", "labels", "labeled", "labeling"),
    "name": ("named",),
    "cast": ("cast", "casts"),
    "tout": ("tout", "touts", "touted", "touting"),
    "exclaim": ("exclaim", "exclaims", "exclaimed"),
    "echo": ("echo", "echoes", "echoed", "echoing"),
    "confess": ("confess", "confesses", "confessed"),
    "yell": ("yell", "yells", "yelled"),
    "chant": ("chant", "chants", "chanted", "chanting"),
    "read": ("reads",),  # 'the sign reads "..."'
    "recommend": ("recommend", "recommends", "recommended"),
    "advocate": ("advocate", "advocates", "advocated", "advocating"),
    "favor": ("favor", "favors", "favored"),
    "address": ("addressed", "addressing"),
    "push": ("pushed", "pushing"),
    "accuse": ("accusing",),
    "call": ("calling",),
    "declare": ("declaring",),
    "vow": ("vowing",),
    "promise": ("promising",),
    "pledge": ("pledging",),
    "predict": ("predicting",),
    "suggest": ("suggesting",),
    "expect": ("expecting",),
    "hope": ("hoping",),
}
STANCE_CUES = frozenset(_STANCE_LEMMAS)
for _lemma, _forms in _STANCE_LEMMAS.items():
    _CUE_LEMMAS[_lemma] = tuple(dict.fromkeys((*_CUE_LEMMAS.get(_lemma, ()), *_forms)))
CUE_FORMS: dict[str, str] = {
    form: lemma for lemma, forms in _CUE_LEMMAS.items() for form in forms
}
# Cues that introduce what someone thinks rather than says; they only count with a
# content clause, never with a bare object ("she knew him").
COGNITION_CUES = frozenset(
    {
        "believe", "think", "feel", "know", "expect", "hope", "fear", "worry",
        "want", "find", "show", "call", "describe", "ask", "agree", "estimate",
    }
)  # fmt: skip

# What each cue lemma reports. PolNeAR annotates all of these as attributions; a
# claims table takes only speech (and "according to"): what someone thinks, sees,
# plans or backs is not what they said. Lemmas not listed here are speech.
CUE_CLASSES: dict[str, str] = {
    **dict.fromkeys(
        (
            *("believe", "think", "feel", "know", "expect", "hope", "fear"),
            *("worry", "wonder", "doubt", "consider", "learn", "agree", "speculate"),
        ),
        "cognition",
    ),
    **dict.fromkeys(("see", "show", "find"), "perception"),
    # "ask" reports a question or a request: what someone wants to know or done.
    **dict.fromkeys(
        ("want", "plan", "intend", "seek", "offer", "refuse", "push", "ask"),
        "intention",
    ),
    **dict.fromkeys(
        (
            *("support", "criticize", "discuss", "back", "endorse", "praise"),
            *("attack", "thank", "mock", "defend", "dismiss", "congratulate"),
            *("denounce", "decry", "challenge", "propose", "oppose", "condemn"),
            *("welcome", "reject", "blame", "question", "label", "name", "cast"),
            *("tout", "favor", "advocate", "address", "prefer", "recommend"),
            *("chant", "demand"),
        ),
        "stance",
    ),
    "according": "according_to",
}
# Speech lemmas whose bare object is what was said ("announced 7,000 job losses",
# "denied the charges"); the others report speech only with a clause or a quote
# ("The city will add extra ferry crossings" says nothing).
SPEECH_OBJECT_CUES = frozenset(
    {
        "announce", "report", "confirm", "deny", "reveal", "claim", "admit",
        "acknowledge", "promise", "pledge", "vow", "predict", "estimate",
        "write", "allege", "declare", "testify", "concede",
        "say", "repeat", "reiterate", "echo", "accuse", "warn", "suggest",
        "point", "recall",
    }
)  # fmt: skip

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
        "administrator", "coach", "manager", "captain", "councillor",
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
ORG_NOUNS = frozenset(
    {
        "company", "firm", "bank", "club", "portal", "newspaper", "paper",
        "magazine", "broadcaster", "network", "channel", "airline", "carrier",
        "giant", "startup", "retailer", "maker", "manufacturer", "group",
        "lender", "insurer", "operator", "developer", "publisher", "outlet",
        "organization", "organisation", "charity", "league", "federation",
    }
)  # fmt: skip
# Capitalised words after a first name that are no surname ("Vienna Wednesday",
# "Tribunal Reforms Bill" as the last word of a person).
NOT_SURNAMES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "bill", "act",
        "law", "court", "party", "committee", "ministry", "department", "agency",
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
