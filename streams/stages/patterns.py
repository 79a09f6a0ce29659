"""Word lists and marks for the quote and speaker stages: data only, no logic.

Cue verbs are listed as surface forms mapped to their lemma so that the stage can
find them with a plain token lookup, without running spaCy's lemmatizer.
"""

from __future__ import annotations

import logging

__all__ = [
    "ABBREVIATIONS",
    "CLOSERS",
    "COGNITION_CUES",
    "CUE_FORMS",
    "DASHES",
    "DOUBLE_OPENERS",
    "GROUP_WORDS",
    "HONORIFICS",
    "OPENERS",
    "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS",
    "ROLE_WORDS",
    "SINGLE_OPENERS",
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
    "state": ("state", "states", "stated", "stating"),
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
    "tweet": ("tweet", "tweets", "tweeted"),
    "post": ("posted",),
    "joke": ("joke", "jokes", "joked"),
    "quip": ("quip", "quips", "quipped"),
    "continue": ("continued",),  # '"...," he continued.'
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
    "according": ("according",),  # "according to X"
}
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
PLURAL_PRONOUNS = frozenset({"they", "them", "we"})

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt",
        "sgt", "capt", "adm", "st", "jr", "sr", "inc", "co", "corp", "ltd",
        "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
        "no", "vs", "rev", "ft", "mt", "u.s", "u.n", "u.k", "d.c", "e.g", "i.e",
    }
)  # fmt: skip
