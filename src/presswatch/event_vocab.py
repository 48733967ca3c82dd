"""Word sets and constants of the events layer (:mod:`presswatch.events`): verb classes, dependency labels,
PLOVER type groups."""

# Material conflict that is only intended or possible is a threat (PLOVER manual 2.3).
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION"}
THREAT_CODES = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131"}
# Material acts: their target is where they happen when no one is named; DOMESTIC ones are done at home.
MATERIAL = {"ASSAULT", "COERCE", "RETREAT", "AID", "MOBILIZE", "SANCTION", "PROTEST", "COOPERATE"}
DOMESTIC = {"COERCE", "ASSAULT", "SANCTION", "PROTEST", "THREATEN"}
# Types whose recipient is where something goes ("to X") rather than what is moved.
TRANSFER = {"AID", "COOPERATE", "RETREAT"}
HELP_VERBS = {"help", "assist", "support", "aid", "protect", "rescue", "rebuild", "reconstruct", "train",
              "evacuate", "deliver", "distribute", "relieve", "shelter", "feed", "treat", "vaccinate", "house"}
# Collective decisions to act are the act ("ministers agreed to freeze assets"); promises are intent.
DECIDE_VERBS = {"agree", "decide", "vote", "resolve"}
# Retreats of one's own forces or captives ("promised to withdraw"), not "to disarm the militias".
OWN_RETREAT = {"withdraw", "pull", "retreat", "release", "free", "return", "cede", "evacuate", "resign",
               "repatriate", "step", "hand", "leave", "vacate"}
# Passives whose subject is what its own side sends: "troops were deployed".
SENT_VERBS = {"send", "deploy", "dispatch", "station", "move", "mass", "mobilize", "mobilise", "airlift", "fly",
              "position", "ship", "deliver", "donate"}
# Words of office: an unknown person with one of them speaks for a state.
TITLE_WORDS = {"president", "minister", "premier", "prime", "chancellor", "secretary", "spokesman", "spokeswoman",
               "spokesperson", "ambassador", "envoy", "general", "gen.", "commander", "chief", "leader", "king",
               "queen", "prince", "emir", "sheikh", "governor", "deputy", "official", "negotiator", "diplomat",
               "delegate", "representative", "colonel", "col.", "marshal", "admiral", "vice", "speaker", "head"}
# Types whose conjoined actors act together, so that each is the other's target.
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}
# Violence with two sides: "Indian and Pakistani troops exchanged fire", "clashed", "fought".
TWO_SIDED = {"clash", "fight", "exchange", "battle", "skirmish"}
COOPERATIVE = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
# Types that state an attitude toward their target (material acts such as ASSAULT do not).
ATTITUDE = {
    "AGREE": "support", "SUPPORT": "support", "COOPERATE": "support", "AID": "support",
    "REJECT": "oppose", "ACCUSE": "oppose", "PROTEST": "oppose", "SANCTION": "oppose",
}
SUBJ = {"nsubj", "csubj", "expl"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "hers", "theirs"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
REL_PRONOUNS = {"which", "who", "that", "whom", "whose"}
WH_SUBJECTS = {"who", "what", "which"}
INDEFINITE = {"everything", "anything", "something", "nothing", "everyone", "anyone", "someone", "nobody",
              "everybody", "anybody", "somebody", "all", "none"}
# Opening and closing quotation marks: an argument that opens one ends after its close.
QUOTE_PAIRS = (("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"))
FUTURE = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL = {"could", "might", "may", "would"}
OBLIGATION = {"must", "should"}
REPORTING = {
    "say", "announce", "state", "declare", "tell", "note", "add", "stress", "reiterate", "insist", "conclude",
    "claim", "confirm", "emphasize", "emphasise", "write", "report", "explain", "indicate", "remind", "recall",
}
# Verbs whose object is who must act in their infinitive ("urged X to ...", "called on X to ...").
OBJECT_CONTROL = {"urge", "call", "ask", "press", "persuade", "tell", "order", "force", "appeal", "implore",
                  "request", "demand", "invite", "encourage", "pressure", "remind", "allow", "let", "permit"}
TARGET_PREPS = ("on", "to", "with", "against", "for", "at", "into", "from", "toward", "towards", "over", "upon", "of")
SPEECH_NOUNS = {"call", "demand", "appeal", "warning", "threat", "ultimatum", "accusation", "condemnation",
                "criticism", "statement", "support"}
MAX_ARG_TOKENS = 25
# Prepositions of circumstance whose object is no target ("under pressure from X"); not "after"/"during",
# whose act is often the one answered ("sent warships after the Turkish incursion").
CIRCUMSTANCE_PREPS = {"under", "despite", "as", "like", "than", "without"}
# Verbs that answer an act: a future or conditional answer is a threat ("Moscow will respond to any ...").
RESPONSE_VERBS = {"respond", "react", "answer", "retaliate", "reply"}
# Verbs whose subject receives what its object names from someone else ("received aid from Canada").
RECEIVE_VERBS = {"receive", "get", "obtain", "secure", "win", "accept", "face", "draw", "suffer", "earn", "attract",
                 "come"}
RECEIVED_TYPES = {"AID", "SUPPORT"}
# Received only when a giver is named: "came under attack from X", "faced criticism from X".
# A promise received is the giver's too, but only with the giver named ("won a pledge of aid from Japan").
RECEIVED_FROM_TYPES = {"ACCUSE", "THREATEN", "ASSAULT", "SANCTION", "AGREE"}
# What one answers without threatening: "will respond to the letter".
NEUTRAL_STIMULI = {"question", "letter", "request", "proposal", "offer", "invitation", "call", "inquiry", "query",
                   "email", "message", "concern", "survey", "appeal", "demand", "need", "crisis", "pandemic",
                   "outbreak", "disaster", "emergency", "criticism", "comment", "report", "note"}
# Where a dictionary (CAMEO) verb heads a clause; participles used as modifiers are not events.
CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl", "pcomp", "parataxis"}
# Verbs that take their meaning from an event noun: "held talks", "imposed a curfew", "went on strike".
LIGHT_VERBS = {"hold", "conduct", "stage", "carry", "launch", "begin", "start", "issue", "make", "give", "express",
               "voice", "declare", "announce", "impose", "have", "go", "organize", "organise", "mount", "open",
               "file", "lodge", "extend", "take", "pay", "resume", "return", "join", "attend", "enter", "grant",
               "order", "deliver", "send", "complete", "initiate", "signal", "reaffirm", "renew",
               "come",  # "came out in support of X"
               "put", "exert"}  # "putting pressure on X" (round 7)
PHRASE_DEPS = {"prt", "prep", "dobj", "advmod", "pobj", "acomp", "pcomp"}
PARTICLES = {"over", "out", "down", "up", "off", "back", "on", "in", "away"}
# Definite nouns that refer back to the reporter in a reported clause, and what the reporter must be.
ANAPHORIC_NOUNS = {"alliance": "body", "bloc": "body", "organisation": "body", "organization": "body",
                   "movement": "body", "group": "body", "country": "state", "government": "state"}
# Verbs by which a person's relative clause names the body they lead or speak for.
LEAD_VERBS = {"head", "lead", "chair", "represent", "command"}
ROLE_WORDS = {"official", "spokesman", "spokeswoman", "spokesperson", "minister", "envoy", "negotiator", "diplomat",
              "commander", "leader", "aide", "adviser", "advisor", "man", "woman"}
# Nouns a "to" clause tells the purpose of: the stance is toward the purpose ("a way to gain a foothold").
PURPOSE_NOUNS = {"way", "means", "opportunity", "chance", "pretext", "excuse", "attempt", "effort", "bid", "plan",
                 "campaign", "drive", "push"}
# What a host hosts when it is no visitor: "hosted talks between X and Y" keeps the host as actor.
GATHERING_NOUNS = {"meeting", "talk", "talks", "summit", "conference", "round", "session", "negotiation",
                   "negotiations", "forum", "gathering", "game", "games", "ceremony", "event", "congress",
                   "consultation", "consultations", "dialogue", "visit"}
CAMEO_FALLBACKS = {"sibling_object", "sibling_default", "majority"}
# Verbs the CAMEO dictionary lists that are prepositions or discourse markers in news prose.
NOT_EVENT_VERBS = {"accord", "regard", "concern", "follow", "base", "include", "say",
                   # hearing a call is no consultation (CAMEO lists "hear" under 040); fleeing is no act of the
                   # one who flees (PLOVER manual 3.7.2 codes the cause, as SANCTION 'expel'); domination is
                   # no use of force (manual 3.16: physical harm)
                   "hear", "flee", "dominate",
                   # round 6, read on real speeches and news: reporting, thinking and other verbs that describe
                   # rather than act ("she added that", "don't think", "whom do you consider", "failed to deliver",
                   # "running the compound", "use its influence", "needed water", "especially affecting X")
                   "add", "think", "believe", "fail", "run", "use", "need", "affect", "check",
                   "celebrate",
                   # round 7: publishing, rating, editing and handling verbs ("posted an update", "we rate CNN",
                   # "edited out the part", "deal with facts", "showed the clip") and verbs whose complement is
                   # the act ("attempted to use", "continues to support", "can count on our support")
                   "post", "rate", "edit", "deal", "show", "attempt", "continue", "count",
                   # describing verbs read in the round-7 tuning texts: "the Charter has embodied the principles",
                   # "has cost thousands of lives", "extremism spreading", "strives to act", "articulated the fact",
                   # "revealed the inability", "we are doing this", "confirmed in practice",
                   # "increased our contributions", "improve the quality"
                   "embody", "cost", "spread", "strive", "articulate", "reveal", "do", "confirm",
                   "increase", "improve", "water"}
# Dictionary verbs that are events only with an act as complement: "would consider hosting talks" (intent),
# not "whom do you consider to be the most corrupt" or "considered the report".
ACT_COMPLEMENT_VERBS = {"consider"}
# Nouns whose "to" infinitive names what someone could do, not what they do: "their right to veto",
# "failure to undertake", "the ability to strike".
NON_ACT_NOUNS = {"right", "failure", "inability", "ability", "capacity", "power", "freedom", "need", "time",
                 "license", "licence", "permission"}
# Adjectives whose "to" infinitive is only judged, not done: "harder to prosecute her", "easy to attack".
JUDGED_ADJS = {"hard", "harder", "hardest", "difficult", "easy", "easier", "impossible", "possible", "tough",
               "tougher", "simple", "simpler", "unlikely", "likely", "important", "necessary", "vital", "essential",
               "crucial", "wrong", "right", "wise", "foolish", "pointless", "useless", "dangerous", "safe", "safer"}
# Of those, the ones whose subject can be what the act is done to ("she is harder to prosecute"); with any other
# personal subject the subject is the actor, and the act may well be done ("Britain was wrong to invade Iraq").
TOUGH_ADJS = {"hard", "harder", "hardest", "difficult", "easy", "easier", "impossible", "tough", "tougher", "simple",
              "simpler"}
# Words that make a clause's verb hypothetical-by-contrast: "instead of committing", "rather than signing".
INSTEAD_HEADS = {("of", "instead"), ("than", "rather"), ("from", "away")}  # "two days away from filing"
# Objects that make a curated verb a statement or a financial act, not its event: "released records",
# "provided the documents", "mobilizing our share of the $100 billion" (no forces).
PUBLICATION_OBJECTS = {"record", "records", "report", "reports", "statement", "statements", "data", "figure",
                       "figures", "video", "videos", "footage", "document", "documents", "detail", "details",
                       "photo", "photos", "image", "images", "picture", "pictures", "transcript", "transcripts",
                       "recording", "recordings", "tape", "tapes", "file", "files", "album", "result", "results",
                       "finding", "findings", "study", "poll", "survey", "memo", "email", "emails", "text",
                       "texts", "information", "list", "name", "names"}
MONEY_OBJECTS = {"fund", "funds", "funding", "finance", "financing", "money", "resource", "resources", "billion",
                 "million", "trillion", "share", "investment", "investments", "capital", "dollar", "dollars",
                 "euro", "euros", "voter", "voters", "vote", "votes", "support"}
# What one meets that is no one to meet with: "meeting the needs of refugees", "met the deadline".
MET_OBJECTS = {"need", "needs", "target", "targets", "goal", "goals", "deadline", "deadlines", "standard",
               "standards", "requirement", "requirements", "expectation", "expectations", "criterion", "criteria",
               "challenge", "challenges", "obligation", "obligations", "cost", "costs", "threshold", "quota"}
# What one takes without taking anyone: "take the measures necessary", "took note of", "take advantage of"
# (CAMEO's "take" is seizing or detaining); not "took issue with" (ACCUSE) or "took aim at".
TAKEN_OBJECTS = {"measure", "measures", "step", "steps", "note", "place", "account", "time", "care", "look", "stock",
                 "advantage", "responsibility", "decision", "decisions", "initiative", "pride", "interest", "effect",
                 "shape", "form", "root", "seriously", "action", "actions", "lead", "turn"}
NON_EVENT_OBJECTS = {"release": PUBLICATION_OBJECTS, "provide": PUBLICATION_OBJECTS,
                     "mobilize": MONEY_OBJECTS, "mobilise": MONEY_OBJECTS, "meet": MET_OBJECTS, "take": TAKEN_OBJECTS}
# Verbs that mean "show" when they have an object or a clause: "demonstrated its ability", "demonstrated that".
SHOW_VERBS = {"demonstrate"}
# Dictionary verbs that are events only with one of these words as particle, preposition or object:
# "left for Beijing" is a visit, "leaving Afghan soil" is not; "countered the claims" is verbal conflict,
# "countering terrorist groups" is not.
DICTIONARY_REQUIRES = {
    "leave": {"for"},
    "counter": {"claim", "claims", "accusation", "accusations", "charge", "charges", "allegation", "allegations",
                "argument", "arguments", "statement", "statements", "criticism", "assertion", "assertions", "remark",
                "remarks", "comment", "comments", "report", "reports", "by", "that"},
    # "affirmed Slovenia's right to ..." supports; "I affirmed my humanity" does not
    "affirm": {"right", "rights", "support", "commitment", "sovereignty", "independence", "integrity", "solidarity",
               "claim", "position", "backing"},
    # "strengthened its forces along the border" mobilizes; "strengthened the unity of the party" does not
    "strengthen": {"force", "forces", "troop", "troops", "military", "army", "navy", "defence", "defense",
                   "defences", "defenses", "presence", "garrison", "patrol", "patrols", "deployment", "arsenal"},
}
# Dictionary verbs that are no event with one of these words as particle or preposition: "goes beyond that",
# "went on to win", "go after Kavanaugh", "came forward to say", "wait on another agency to step up".
DICTIONARY_EXCLUDES = {"go": {"beyond", "on", "after", "ahead"}, "come": {"forward"}, "step": {"up"}}
# Subjects that are ideas, texts or processes, not actors: "the public interest supports", "this poll grants
# you access", "the review process contributes", "theory confirmed". A verb with one of them as its (active)
# subject is no event.
ABSTRACT_SUBJECTS = {"interest", "poll", "survey", "theory", "study", "process", "page",
                     "article", "research", "evidence", "logic", "principle", "idea", "concept", "practice",
                     "experience", "history", "fact", "data", "analysis", "cookie", "cookies", "book", "film",
                     "story", "quiz", "questionnaire", "algorithm"}
# Objects a "fight" is waged against that are no one's forces: "fight terrorism ideologically", "combat poverty"
# (a policy, not the use of force of PLOVER manual 3.16).
ABSTRACT_FOES = {"terrorism", "extremism", "radicalism", "radicalization", "radicalisation", "poverty",
                 "corruption", "crime", "disease", "hunger", "racism", "discrimination", "inequality", "pandemic",
                 "virus", "drug", "drugs", "trafficking", "impunity", "xenophobia", "hatred", "hate", "ignorance",
                 "illiteracy", "misinformation", "disinformation", "propaganda", "ideology", "inflation",
                 "unemployment", "climate", "change", "malaria", "aids", "epidemic", "fascism", "intolerance",
                 "antisemitism", "islamophobia", "injustice", "famine", "desertification", "warming"}
# Instruments that make force figurative: "gunned down his critics with lying propaganda", "attacked him with
# questions".
WORD_INSTRUMENTS = {"propaganda", "lie", "lies", "word", "words", "rhetoric", "argument", "arguments", "fact",
                    "facts", "criticism", "insult", "insults", "smear", "smears", "question", "questions", "praise",
                    "kindness", "joke", "jokes", "tweet", "tweets", "article", "articles", "claim", "claims",
                    "accusation", "accusations", "allegation", "allegations", "statement", "statements", "headline",
                    "headlines", "story", "stories", "slogan", "slogans", "logic", "truth", "love", "irony"}
# Force verbs whose figurative use ABSTRACT_FOES and WORD_INSTRUMENTS reveal.
FORCE_TYPES = {"ASSAULT", "COERCE"}
# Verbs of appreciation that, with "would", ask: "we would appreciate the support of ..." is a request.
POLITE_VERBS = {"appreciate", "welcome", "value"}
# A crowd whose violence is a riot (PLOVER manual 3.12, PROTEST mode riot), not an ASSAULT: the curated
# subject kind "rioters" ("demonstrators stoned the embassy", "students attacked the police station"). Narrower
# than the actors layer's crowd words: no "men", "people", "youths" or nationalities ("armed men attacked the
# village"): words that do not say the group acts as a crowd with a cause.
RIOT_HEADS = {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "student",
              "students", "rioter", "rioters", "mob", "mobs", "crowd", "crowds", "looter", "looters", "hooligan",
              "hooligans", "vandal", "vandals", "marchers", "activists", "strikers"}
# Dictionary verbs of force whose figurative use is common ("NATO surrounds Russia"): force only when
# the subject is armed forces ("troops surrounded the town").
FORCE_ONLY_VERBS = {"surround", "encircle", "ring"}
# Intent verbs that commit to nothing unless their complement is an event ("planning to move there").
PLAN_VERBS = {"plan", "intend"}
# Perception and knowledge verbs of a parenthetical "as we have heard", "as is known": no event.
ASIDE_VERBS = {"hear", "see", "know", "note", "mention", "read", "learn", "report", "say", "state", "write",
               "point", "show", "expect", "understand"}
# Objects of a fronted "against" that make it a frame, not a stance: "Against the backdrop of ...".
FRAME_NOUNS = {"backdrop", "background", "odds", "clock", "tide", "wind", "grain"}
# Subjects that free captives they did not hold: the state's forces (PLOVER manual 3.7.2: a hostage rescue is
# AID); rebels or militants freeing soldiers release their own captives (RETREAT).
RESCUER_HEADS = {"police", "policemen", "commandos", "commando", "troops", "troop", "soldiers", "soldier", "army",
                 "forces", "force", "marines", "navy", "paratroopers", "units", "unit", "guard", "guards",
                 "coastguard", "agents", "officers"}
