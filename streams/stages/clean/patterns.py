"""Regexes and word lists for the cleaning stage: data only, no logic."""

from __future__ import annotations

import re

__all__ = [
    "AUTHOR_BIO",
    "BYLINE_PREFIX",
    "COMMENTS",
    "CONSENT",
    "CREDIT_TAIL",
    "CREDIT_WORDS",
    "CTA",
    "DATELINE",
    "DATE_WORDS",
    "FOOTER",
    "FURNITURE_MARKS",
    "FURNITURE_STEMS",
    "FURNITURE_WORDS",
    "LIST_CUE",
    "MEDIA",
    "NAME",
    "SECTIONS",
    "SEPARATOR",
    "TEASER_HEADER",
    "TEASER_INLINE",
    "TRANSITION",
]

# Section names that outlets print as a label or glue to a byline
# ("Nadiya DanyshchukWorld"); lower case, matched against the whole line.
SECTIONS = frozenset(
    """
    world politics economy economics business sport sports society health tech
    technology science culture lifestyle life entertainment news opinion analysis
    region regions local national international europe asia africa americas
    ukraine russia war markets finance money travel food style fashion media
    education environment climate energy crime law justice security defense
    military diplomacy interviews interview blogs blog video photo photos gallery
    features feature columns column editorial commentary reviews review
    """.split()
)

# A person's name as printed in bylines: 2-4 capitalised words, optional
# initials/particles ("Alex Raufoglu", "Mary K. Smith", "Jan van der Berg").
NAME = re.compile(
    r"(?:[A-Z][a-z'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’\-]+|[A-Z]\.|van|von|de|der|da|al|bin|la|le|del|di))"
    r"{1,3}"
)

BYLINE_PREFIX = re.compile(
    r"^(?:by|written by|author|reporting by|words by|story by|автор)"
    r"\s*[:\-–—]?\s+(?P<name>.+)$",
    re.IGNORECASE,
)

# Lines made of separators only: "-", "***", "• • •", "|".
SEPARATOR = re.compile(r"^[\W_]{1,12}$")

# Calls to action and channel promos; searched (not matched) in the lower-cased line.
CTA = re.compile(
    r"(?:\b(?:subscribe|unsubscribe|sign[ -]?up|sign[ -]?in|log[ -]?in|register now|"
    r"newsletter|follow us|join us|"
    r"our (?:telegram|viber|whatsapp|facebook|twitter|youtube)|"
    r"telegram channel|viber|download (?:our|the) app|leave a (?:review|comment|reply)|"
    r"add (?:a )?comment|comments?\s*\(\d+\)|share (?:this|on)|click here|tap here|"
    r"read (?:more|the full)|continue reading|show more|load more|see more|"
    r"do not fall for fakes|don'?t miss|recommended for you|sponsored|advertisement|"
    r"advertising|skip to (?:main )?content|back to top|print this|email this|"
    r"all rights reserved|cookie|privacy policy|terms of (?:use|service)|"
    r"\bcopyright\b|©|report an error|send us a tip|got a news tip|"
    r"support (?:our|independent) journalism|enable javascript|powered by disqus)\b)"
)

# Headers that open a list of teaser headlines of other articles.
TEASER_HEADER = re.compile(
    r"^(?:(?:other|more|latest|related|top|popular|trending|recommended|similar|"
    r"more from|more in|more on|in other|read more|editor'?s)\s+"
    r"(?:news|stories|articles|posts|videos|headlines|reads|picks?|content|"
    r"from [\w .]+|in [\w .]+|on [\w .]+)|"
    r"most (?:read|popular|viewed|shared)|read also|"
    r"see also|you may also like|you might also like|what to read next|read next|"
    r"further reading|related|recommended|we recommend|more|also on [\w .]+|"
    # The same in the other languages of our outlets.
    r"(?:вам )?(?:также )?может быть интересно|читайте также|смотрите также|"
    r"das könnte sie auch interessieren|lesen sie auch|mehr zum thema|"
    r"(?:à )?lire aussi|voir aussi|leia também|veja também|lee también|"
    r"te puede interesar)\s*:?$",
    re.IGNORECASE,
)

# One teaser headline behind a label: "Related: Possible Water Plumes on Europa".
TEASER_INLINE = re.compile(
    r"^(?:related|more|read (?:more|also|next)|see also|also read|watch|listen)"
    r"\s*:\s+\S",
    re.IGNORECASE,
)

# Opening of a reader comments section: everything after it is comments.
COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|discussion)"
    r"(?:\s*\(\d+\))?\s*:?$|^(?:leave|post|add|write) a (?:reply|comment)\b|"
    r"^join the (?:discussion|conversation)|^show (?:\d+ )?comments|"
    r"^.{1,60}\bsays:$|^\d+ (?:comments|responses|replies)\b",
    re.IGNORECASE,
)

# Header of the author's bio after an article: "About the author", "Über Moritz
# Bachmann", "Sobre Carlos Nadalim"; the name, if any, is in group "name".
_BIO_LEAD = r"(?i:about|über|sobre|à propos de)\s+"
_CAP_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’\-]+"
AUTHOR_BIO = re.compile(
    rf"^(?:{_BIO_LEAD}(?:(?i:the author|den autor(?:in)?|die autorin|o autor|"
    rf"el autor|l'auteur)|(?P<name>{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,3}}))|"
    r"(?i:об авторе))\s*:?$"
)

# Cookie and consent banners, whatever their length; searched in the lower-cased
# line (every alternative contains "cookie" or "by continuing").
CONSENT = re.compile(
    r"\b(?:(?:this|our) (?:web)?site uses cookies|we use cookies|"
    r"cookies? (?:policy|settings)|"
    r"by continuing to (?:use|browse)|necessary cookies|accept (?:all )?cookies)\b"
)

# Short lines that only announce what follows ("As reported by OBOZREVATEL:").
TRANSITION = re.compile(
    r"^(?:as (?:previously |earlier |was )?reported(?: earlier)?(?: by [\w .\-]+)?|"
    r"(?:it was |was )?(?:previously|earlier) reported(?: by [\w .\-]+)?|"
    r"read (?:also|more)|see also|also read|recall(?: that)?|related|"
    r"more on (?:this|the topic)|background)\s*[:.]?$",
    re.IGNORECASE,
)

# Photo/media credits and captions markers; searched in the lower-cased line.
MEDIA = re.compile(
    r"^(?:photo|image|picture|video|illustration|source|credit|caption|"
    r"image credit|photo credit|getty images|reuters/|ap photo|afp)\b"
    r"|\((?:image|photo|picture|pic|credit)s?:[^)]*\)\s*$"
    r"|(?:\bphoto\b|\bimage\b)\s*(?:credit)?\s*:|/\s*(?:getty|reuters|ap|afp)\b"
)

# Page furniture typical of footers and headers.
FOOTER = re.compile(
    r"^(?:home|menu|search|close|next|previous|prev|share|tweet|email|print|"
    r"facebook|twitter|linkedin|whatsapp|reddit|pinterest|instagram|youtube|"
    r"rss|contact(?: us)?|about(?: us)?|careers|advertise|terms|privacy|"
    r"sitemap|log ?in|log ?out|sign ?in|sign ?up|subscribe|tags?:?|topics?:?|"
    r"comments?|reply|more|loading\.*|advert|adverts|advertisements?|"
    r"sponsored|related|share this|share on \w+)$",
    re.IGNORECASE,
)

# Dateline at the start of the first paragraph. Forms handled:
#   "Washington D.C./26.07.23/Turan: ..."     place/date/agency:
#   "KYIV, July 25 (Reuters) - ..."            place, date (agency) -
#   "LONDON (AP) — ..."                        place (agency) —
#   "Baku, 26 July 2023 - ..."                 place, date -
_PLACE = r"(?P<place>[A-Z][\w.'’\-]*(?:[ ,][A-Z][\w.'’\-]*){0,3})"
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    r"(?P<date>\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|"
    rf"{_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTHS}(?:,?\s+\d{{4}})?|"
    r"\d{4}-\d{2}-\d{2})"
)
_AGENCY = r"(?P<agency>[A-Z][\w.&'’\- ]{0,30})"
DATELINE = (
    re.compile(rf"^{_PLACE}\s*/\s*{_DATE}\s*/\s*{_AGENCY}\s*[:\-–—]\s*"),
    re.compile(rf"^{_PLACE},\s*{_DATE}\s*\({_AGENCY}\)\s*[:\-–—]+\s*"),
    re.compile(rf"^{_PLACE}\s*\({_AGENCY}\)\s*[:\-–—]+\s*"),
    re.compile(rf"^{_PLACE},\s*{_DATE}\s*[:\-–—]+\s*"),
)

# Soft cues for the line model (features, not rules: body text may use them too).
# Vocabulary of page furniture in the languages of our outlets, matched per word
# (a set lookup and a tuple of stems run in C; a regex alternation cost 3x more):
# whole words, stems of inflected forms, and marks searched in non-ASCII lines.
FURNITURE_WORDS = frozenset(
    """
    share shares shared sharing tweet newsletter newsletters cookie cookies copyright
    advert adverts sponsor sponsored promoted privacy terms login logout log register
    download follow comment comments reply replies like likes upvote permalink posted
    updated print email e-mail facebook twitter linkedin whatsapp pinterest instagram
    youtube menu search sitemap contact careers archive archives category categories
    tag tags topic topics home click gallery
    """.split()
)
FURNITURE_STEMS = (
    "subscri",
    "advertis",
    "поделит",
    "подпис",
    "коммент",
    "реклам",
    "рубрик",
    "teilen",
    "abonn",
    "kommentar",
    "werbung",
    "partag",
    "commentaire",
    "publicit",
    "compartilh",
    "comentar",
    "comentár",
    "publicidad",
)
FURNITURE_MARKS = re.compile(
    r"©|®|™|コメント|シェア|広告|スポンサー|カテゴリ|タグ|アーカイブ|検索"
)

# Headers of lists of other articles ("Most read in world news", "Related").
LIST_CUE = re.compile(
    r"\b(?:related|recommended|most (?:read|popular|viewed|shared|commented)|"
    r"popular|trending|more (?:from|in|on|stories|news|articles)|latest|"
    r"also like|might like|also interest|read (?:also|next)|see also|"
    r"top stories|editor'?s picks?|you may|don'?t miss|more like this|"
    r"также|читайте|похож|свеж|популяр|интересн|"
    r"verwandt|weitere|ähnlich|à lire|voir aussi|relacionad|leia também|"
    r"mais lidas|más leídas)"
    r"|関連|新着|人気|おすすめ|ランキング|最新"
)

# Photo credits and captions' sources ("Credit: Getty", "Courtesy of ...").
CREDIT_WORDS = re.compile(
    r"\b(?:credit|courtesy|getty|shutterstock|istock|afp|ap photo|reuters/|"
    r"photograph|illustration|file photo|image|picture|pic)\b|©|/\s*\w+$"
)

# A caption's closing credit: "... (Image: GETTY )", "... (AP Photo/Matt York)",
# "... Credit: Getty Images"; searched in the lower-cased line.
CREDIT_TAIL = re.compile(
    r"\((?:[^()]{0,40}\b(?:photo|image|picture|credit|getty|ap|afp|reuters|"
    r"file)\b[^()]{0,40})\)\s*$|\b(?:credit|photo|image|picture)s?:\s*[^.]{0,60}$"
)

# Tokens of date and time stamps ("Nov 19, 2019 at 9:08 GMT 1 day ago").
DATE_WORDS = frozenset(
    """
    jan january feb february mar march apr april may jun june jul july aug august
    sep sept september oct october nov november dec december mon monday tue tues
    tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday
    am pm a.m. p.m. gmt utc est edt cst cdt pst pdt bst cet cest et pt ago at on
    min mins minute minutes hour hours hr hrs day days week weeks month months
    year years updated published posted today yesterday
    """.split()
)
