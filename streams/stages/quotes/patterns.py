"""Quote marks and cue verbs of the quote stage: data only, no logic.

Cue verbs are listed as surface forms mapped to their lemma so that the stage can
find them with a plain token lookup, without running spaCy's lemmatizer. The
words that describe speakers are in ``lexicon.py``.
"""

from __future__ import annotations

import logging

__all__ = [
    "CLOSERS",
    "COGNITION_CUES",
    "CUE_CLASSES",
    "CUE_FORMS",
    "DASHES",
    "DOUBLE_OPENERS",
    "OPENERS",
    "SINGLE_OPENERS",
    "SPEECH_OBJECT_CUES",
    "STANCE_CUES",
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
    "term": ("termed", "terming"),
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
