"""Article-level rules on hand-parsed texts written for the tests (in no gold set):
interviews, quotations over paragraphs, a colon's paragraph, pronouns and roles that refer
back, headlines that name a speaker."""

from attrib.attribution.rules import attribute_article
from attrib.languages.codebook import load_codebooks
from attrib.parsing.sent import with_offsets
from attrib.attribution.registry import load_registry
from attrib.article.structure import Block
from tests.attribution.extract.conllu import sent

BOOKS, REG = load_codebooks(), load_registry()


def run(paragraphs, lang, kinds=None, outlet=None):
    """paragraphs: [(text, [compact rows per sentence])]; returns chains' names per sentence."""
    parsed, offset = [], 0
    for number, (text, rows) in enumerate(paragraphs):
        sents, cursor = [], 0
        for r in rows:
            s = sent(r, lang)
            start = text.find(s.words[0].text, cursor)
            placed = with_offsets(s, text, offset, start)
            cursor = placed.words[-1].end - offset
            sents.append(placed)
        kind = (kinds or {}).get(number, "paragraph")
        parsed.append((Block(number, offset, text, kind, lang), sents))
        offset += len(text) + 2
    out = attribute_article(parsed, BOOKS, REG, outlet)
    return [[link.name for link in res.chain] for block in out for res in block]


INTRO = ("Wikinews interviewed Mary Smith about the strike.", ["""
Wikinews Wikinews PROPN 2 nsubj
interviewed interview VERB 0 root
Mary Mary PROPN 2 obj
Smith Smith PROPN 3 flat
about about ADP 7 case
the the DET 7 det
strike strike NOUN 2 obl
. . PUNCT 2 punct"""])
QUESTION = ("How long will it last?", ["""
How how ADV 2 advmod
long long ADV 5 advmod
will will AUX 5 aux
it it PRON 5 nsubj
last last VERB 0 root
? ? PUNCT 5 punct"""])
ANSWER = ("Nobody knows. The union says the talks failed.", ["""
Nobody nobody PRON 2 nsubj
knows know VERB 0 root
. . PUNCT 2 punct""", """
The the DET 2 det
union union NOUN 3 nsubj
says say VERB 0 root
the the DET 5 det
talks talk NOUN 6 nsubj
failed fail VERB 3 ccomp
. . PUNCT 3 punct"""])


def test_an_interviews_answers_are_the_interviewees_and_questions_are_not():
    chains = run([INTRO, QUESTION, ANSWER], "en")
    assert chains == [[], [], ["Mary Smith"], ["Mary Smith", "union"]]


def test_without_a_word_of_interview_there_are_no_answers():
    met = (INTRO[0].replace("interviewed", "met"), [INTRO[1][0].replace("interviewed interview", "met meet")])
    assert run([met, QUESTION, ANSWER], "en")[2] == []


OPEN = ("The mayor said: “The bridge is closed.", ["""
The the DET 2 det
mayor mayor NOUN 3 nsubj
said say VERB 0 root
: : PUNCT 3 punct
“ “ PUNCT 8 punct
The the DET 7 det
bridge bridge NOUN 8 nsubj
closed close VERB 3 parataxis
. . PUNCT 3 punct"""])
GOES_ON = ("“Nobody may cross it.”", ["""
“ “ PUNCT 4 punct
Nobody nobody PRON 4 nsubj
may may AUX 4 aux
cross cross VERB 0 root
it it PRON 4 obj
. . PUNCT 4 punct
” ” PUNCT 4 punct"""])
AFTER = ("Traffic was diverted.", ["""
Traffic traffic NOUN 3 nsubj:pass
was be AUX 3 aux:pass
diverted divert VERB 0 root
. . PUNCT 3 punct"""])


def test_a_paragraph_that_reopens_a_quotation_keeps_its_speaker():
    assert run([OPEN, GOES_ON, AFTER], "en") == [["mayor"], ["mayor"], []]


COLON = ("The company denied the reports:", ["""
The the DET 2 det
company company NOUN 3 nsubj
denied deny VERB 0 root
the the DET 5 det
reports report NOUN 3 obj
: : PUNCT 3 punct"""])
HANDED = ("No worker was hurt.", ["""
No no DET 2 det
worker worker NOUN 4 nsubj:pass
was be AUX 4 aux:pass
hurt hurt VERB 0 root
. . PUNCT 4 punct"""])


def test_a_paragraph_ending_in_a_colon_hands_its_chain_to_the_next():
    assert run([COLON, HANDED, AFTER], "en") == [["company"], ["company"], []]


KANE = ("Anna Kovacs won the race. She said it was hard.", ["""
Anna Anna PROPN 2 nsubj
Kovacs Kovacs PROPN 1 flat
won win VERB 0 root
the the DET 5 det
race race NOUN 3 obj
. . PUNCT 3 punct""".replace("2 nsubj", "3 nsubj"), """
She she PRON 2 nsubj Person=3|PronType=Prs
said say VERB 0 root
it it PRON 5 nsubj
was be AUX 5 cop
hard hard ADJ 2 ccomp
. . PUNCT 2 punct"""])


def test_a_pronoun_takes_the_person_last_named_as_a_subject():
    assert run([KANE], "en") == [[], ["Anna Kovacs"]]


ROLE = ("Ο Υπουργός Υγείας της Ιταλίας, Μάριο Ρόσι, δήλωσε ότι φεύγει. Ο Ιταλός υπουργός πρόσθεσε ότι μένει.", ["""
Ο ο DET 2 det
Υπουργός υπουργός NOUN 10 nsubj
Υγείας υγεία NOUN 2 nmod Case=Gen
της ο DET 5 det
Ιταλίας Ιταλία PROPN 2 nmod Case=Gen
, , PUNCT 7 punct
Μάριο Μάριο PROPN 2 appos
Ρόσι Ρόσι PROPN 7 flat
, , PUNCT 7 punct
δήλωσε δηλώνω VERB 0 root
ότι ότι SCONJ 12 mark
φεύγει φεύγω VERB 10 ccomp
. . PUNCT 10 punct""", """
Ο ο DET 3 det
Ιταλός Ιταλός ADJ 3 amod
υπουργός υπουργός NOUN 4 nsubj
πρόσθεσε προσθέτω VERB 0 root
ότι ότι SCONJ 6 mark
μένει μένω VERB 4 ccomp
. . PUNCT 4 punct"""])


def test_a_role_with_its_adjective_refers_back_to_the_named_person():
    assert run([ROLE], "el") == [["Μάριο Ρόσι"], ["Μάριο Ρόσι"]]


HEADLINE = ("NATO: Troops stay in the Baltics", ["""
NATO NATO PROPN 0 root
: : PUNCT 4 punct
Troops troop NOUN 4 nsubj
stay stay VERB 1 parataxis
in in ADP 7 case
the the DET 7 det
Baltics Baltics PROPN 4 obl"""])


def test_a_headline_naming_a_known_source_before_a_colon():
    assert run([HEADLINE], "en", kinds={0: "headline"}) == [[REG.by_id("nato").name]]
    place = (HEADLINE[0].replace("NATO", "Latvia"), [HEADLINE[1][0].replace("NATO NATO", "Latvia Latvia")])
    assert run([place], "en", kinds={0: "headline"}) == [[]]


NEGATED = ("The minister said that the city never asked for help.", ["""
The the DET 2 det
minister minister NOUN 3 nsubj
said say VERB 0 root
that that SCONJ 8 mark
the the DET 6 det
city city NOUN 8 nsubj
never never ADV 8 advmod
asked ask VERB 3 ccomp
for for ADP 10 case
help help NOUN 8 obl
. . PUNCT 3 punct"""])


def test_a_negated_report_inside_content_adds_no_link():
    assert run([NEGATED], "en") == [["minister"]]


NAMING = ("Ο Ρόσι τόνισε ότι δεν μιλά με «τρομοκράτες», όπως χαρακτήρισε τους διαδηλωτές.", ["""
Ο ο DET 2 det
Ρόσι Ρόσι PROPN 3 nsubj
τόνισε τονίζω VERB 0 root
ότι ότι SCONJ 6 mark
δεν δεν PART 6 advmod
μιλά μιλώ VERB 3 ccomp
με με ADP 9 case
« « PUNCT 9 punct
τρομοκράτες τρομοκράτης NOUN 6 obl
» » PUNCT 9 punct
, , PUNCT 13 punct
όπως όπως ADV 13 advmod
χαρακτήρισε χαρακτηρίζω VERB 3 ccomp
τους ο DET 15 det
διαδηλωτές διαδηλωτής NOUN 13 obj
. . PUNCT 3 punct"""])


def test_an_as_clause_that_names_a_term_is_no_second_link():
    assert run([NAMING], "el") == [["Ρόσι"]]


FIRST_PERSON = ("A válság okairól írtunk.", ["""
A a DET 2 det
válság válság NOUN 3 nmod:att
okairól ok NOUN 4 nsubj
írtunk ír VERB 0 root Person=3
. . PUNCT 4 punct"""])


def test_a_first_person_ending_outweighs_a_taggers_third_person():
    assert run([FIRST_PERSON], "hu") == [[]]


HEADLESS = ("A tüntetők között volt, aki arról számolt be, hogy lőttek.", ["""
A a DET 2 det
tüntetők tüntető NOUN 4 obl
között között ADP 2 case
volt van VERB 0 root
, , PUNCT 8 punct
aki aki PRON 8 nsubj PronType=Rel
arról az PRON 8 obl PronType=Dem
számolt számol VERB 4 acl
be be ADV 8 compound:preverb
, , PUNCT 12 punct
hogy hogy SCONJ 12 mark
lőttek lő VERB 8 ccomp
. . PUNCT 4 punct"""])


def test_a_relative_pronoun_without_a_noun_stands_for_the_group_it_is_among():
    [[name]] = run([HEADLESS], "hu")
    assert name == "tüntetők"  # not "aki"


def test_the_interviewee_is_the_person_named_not_the_role_in_the_headline():
    headline = ("Wikinews interviews President of the Union", ["""
Wikinews Wikinews PROPN 2 nsubj
interviews interview VERB 0 root
President President PROPN 2 obj
of of ADP 6 case
the the DET 6 det
Union Union PROPN 3 nmod"""])
    spoke = ("Wikinews spoke with Mary Smith, president of the union.", ["""
Wikinews Wikinews PROPN 2 nsubj
spoke speak VERB 0 root
with with ADP 4 case
Mary Mary PROPN 2 obl
Smith Smith PROPN 4 flat
, , PUNCT 7 punct
president president NOUN 4 appos
of of ADP 10 case
the the DET 10 det
union union NOUN 7 nmod
. . PUNCT 2 punct"""])
    chains = run([headline, spoke, QUESTION, ANSWER], "en", kinds={0: "headline"})
    assert chains[3] == ["Mary Smith"]


DELIGHTED = ("The coach was delighted: “We played our best game.", ["""
The the DET 2 det
coach coach NOUN 4 nsubj
was be AUX 4 cop
delighted delighted ADJ 0 root
: : PUNCT 8 punct
“ “ PUNCT 8 punct
We we PRON 8 nsubj Person=1
played play VERB 4 parataxis
our our PRON 11 nmod:poss Person=1
best good ADJ 11 amod
game game NOUN 8 obj
. . PUNCT 4 punct"""])


def test_a_person_a_colon_and_a_quotation_make_the_person_its_speaker():
    assert run([DELIGHTED], "en") == [["coach"]]


DASH_SAID = ("— Nincs baj — mondta Kovács Péter.", ["""
— — PUNCT 3 punct
Nincs van VERB 6 ccomp
baj baj NOUN 2 nsubj
— — PUNCT 2 punct
mondta mond VERB 0 root
Kovács Kovács PROPN 5 nsubj
Péter Péter PROPN 6 flat
. . PUNCT 5 punct""".replace("VERB 6 ccomp", "VERB 5 ccomp").replace("— — PUNCT 3 punct", "— — PUNCT 2 punct")])
DASH_ON = ("— A tűz gyorsan terjed.", ["""
— — PUNCT 5 punct
A a DET 3 det
tűz tűz NOUN 5 nsubj
gyorsan gyorsan ADV 5 advmod
terjed terjed VERB 0 root
. . PUNCT 5 punct"""])


def test_dash_dialogue_after_a_speaker_goes_on_with_that_speaker():
    assert run([DASH_SAID, ("— Nem kell félni.", ["""
— — PUNCT 3 punct
Nem nem ADV 3 advmod
kell kell VERB 0 root
félni fél VERB 3 xcomp
. . PUNCT 3 punct"""]), DASH_ON], "hu") == [["Kovács Péter"], ["Kovács Péter"], ["Kovács Péter"]]


PLURAL = ("A miniszter bejelentette, hogy lemond. Vitatják, hogy igaz.", ["""
A a DET 2 det
miniszter miniszter NOUN 3 nsubj
bejelentette bejelent VERB 0 root
, , PUNCT 6 punct
hogy hogy SCONJ 6 mark
lemond lemond VERB 3 ccomp
. . PUNCT 3 punct""", """
Vitatják vitat VERB 0 root Number=Plur|Person=3
, , PUNCT 4 punct
hogy hogy SCONJ 4 mark
igaz igaz ADJ 1 ccomp
. . PUNCT 1 punct"""])


def test_a_dropped_plural_subject_is_no_singular_source_named_before():
    assert run([PLURAL], "hu") == [["miniszter"], ["unnamed source"]]


THINKS = ("Az elemzők úgy vélik, a terv bukik.", ["""
Az a DET 2 det
elemzők elemző NOUN 4 nsubj
úgy úgy ADV 4 advmod
vélik vél VERB 0 root
, , PUNCT 8 punct
a a DET 7 det
terv terv NOUN 8 nsubj
bukik bukik VERB 3 ccomp
. . PUNCT 4 punct"""])


def test_a_clause_hanging_on_a_cataphoric_word_is_reported_content():
    assert run([THINKS], "hu") == [["elemzők"]]


def test_an_introductions_third_person_paragraph_is_no_answer():
    about = ("Smith has led the union since 2010.", ["""
Smith Smith PROPN 3 nsubj
has have AUX 3 aux
led lead VERB 0 root
the the DET 5 det
union union NOUN 3 obj
since since ADP 7 case
2010 2010 NUM 3 obl
. . PUNCT 3 punct"""])
    assert run([INTRO, about, QUESTION, ANSWER], "en")[1] == []


def test_one_person_under_two_names_is_one_link():
    from attrib.attribution.rules import _extend
    from attrib.attribution.extract.resolve import Link

    full = Link("x:csiki-karoly", "Csiki Károly", "person", "Csiki Károly", "kijelent", "explicit")
    short = Link("x:csiki", "Csiki", "person", "Csiki", "mond", "explicit")
    other = Link("x:kiss", "Kiss", "person", "Kiss", "mond", "explicit")
    assert _extend([full], [short]) == [full] and _extend([full], [other]) == [full, other]


def test_a_headline_with_a_full_name_before_a_colon():
    named = ("Anna Kovacs: Taxes will rise", ["""
Anna Anna PROPN 0 root
Kovacs Kovacs PROPN 1 flat
: : PUNCT 5 punct
Taxes tax NOUN 6 nsubj
will will AUX 6 aux
rise rise VERB 1 parataxis""".replace("PUNCT 5 punct", "PUNCT 6 punct")])
    assert run([named], "en", kinds={0: "headline"}) == [["Anna Kovacs"]]


THING = ("Analysts say the collapse signals that the era ended.", ["""
Analysts analyst NOUN 2 nsubj
say say VERB 0 root
the the DET 4 det
collapse collapse NOUN 5 nsubj Number=Sing
signals signal VERB 2 ccomp
that that SCONJ 9 mark
the the DET 8 det
era era NOUN 9 nsubj
ended end VERB 5 ccomp
. . PUNCT 2 punct"""])


def test_a_thing_inside_reported_content_is_no_further_link():
    assert run([THING], "en") == [["Analysts"]]


SPENT = ("The firms spent billions on research.", ["""
The the DET 2 det
firms firm NOUN 3 nsubj
spent spend VERB 0 root
billions billion NOUN 3 obj
on on ADP 6 case
research research NOUN 3 obl
. . PUNCT 3 punct"""])


def test_the_document_cue_needs_the_document_before_the_clause():
    in_report = ("In the report, prices rose.", ["""
In in ADP 3 case
the the DET 3 det
report report NOUN 6 obl
, , PUNCT 3 punct
prices price NOUN 6 nsubj
rose rise VERB 0 root
. . PUNCT 6 punct"""])
    assert run([in_report], "en") == [["report"]]
    assert run([(SPENT[0].replace("research", "report"), [SPENT[1][0].replace("research research", "report report")])],
               "en") == [[]]


TWO_QUOTES = ('"We thank everyone," said Smith. "It was hard."', ["""
" " PUNCT 4 punct
We we PRON 3 nsubj Person=1
thank thank VERB 7 ccomp
everyone everyone PRON 3 obj
, , PUNCT 3 punct
" " PUNCT 3 punct
said say VERB 0 root
Smith Smith PROPN 7 nsubj
. . PUNCT 7 punct""".replace("PUNCT 4 punct", "PUNCT 3 punct"), """
" " PUNCT 4 punct
It it PRON 4 nsubj
was be AUX 4 cop
hard hard ADJ 0 root
. . PUNCT 4 punct
" " PUNCT 4 punct"""])


def test_a_second_quotation_in_the_paragraph_goes_on_with_the_speaker():
    assert run([TWO_QUOTES], "en") == [["Smith"], ["Smith"]]


def test_i_am_proud_to_announce_is_the_speakers_own_voice():
    proud = ("I am proud to announce that the office opens.", ["""
I I PRON 3 nsubj Person=1
am be AUX 3 cop
proud proud ADJ 0 root
to to PART 5 mark
announce announce VERB 3 xcomp
that that SCONJ 9 mark
the the DET 8 det
office office NOUN 9 nsubj
opens open VERB 5 ccomp
. . PUNCT 3 punct"""])
    assert run([proud], "en") == [[]]


def test_someone_unnamed_is_no_one_a_dropped_subject_refers_to():
    said = ("Elmondta, hogy vége.", ["""
Elmondta elmond VERB 0 root Number=Sing|Person=3
, , PUNCT 4 punct
hogy hogy SCONJ 4 mark
vége vég NOUN 1 ccomp
. . PUNCT 1 punct"""])
    assert run([PLURAL, said], "hu") == [["miniszter"], ["unnamed source"], ["miniszter"]]


def test_a_view_of_something_with_a_predicate_is_content():
    view = ("Elemzők vitathatónak tartják a befektetéseket.", ["""
Elemzők elemző NOUN 3 nsubj Number=Plur
vitathatónak vitatható ADJ 3 obl Case=Dat
tartják tart VERB 0 root Number=Plur|Person=3
a a DET 5 det
befektetéseket befektetés NOUN 3 obj Case=Acc
. . PUNCT 3 punct"""])
    assert run([view], "hu") == [["Elemzők"]]
    held = (view[0], [view[1][0].replace("vitathatónak vitatható ADJ 3 obl Case=Dat", "erősen erősen ADV 3 advmod")])
    assert run([held], "hu") == [[]]


def test_a_quotation_right_after_an_attributed_sentence_is_its_sources():
    issued = ("Senator Smith issued a statement. “We are disappointed.”", ["""
Senator Senator PROPN 2 compound
Smith Smith PROPN 3 nsubj
issued issue VERB 0 root
a a DET 5 det
statement statement NOUN 3 obj
. . PUNCT 3 punct""", """
“ “ PUNCT 4 punct
We we PRON 4 nsubj Person=1
are be AUX 4 cop
disappointed disappointed ADJ 0 root
. . PUNCT 4 punct
” ” PUNCT 4 punct"""])
    assert run([issued], "en") == [["Senator Smith"], ["Senator Smith"]]  # the name as written


def test_a_passive_with_an_infinitive_reports_nothing_unless_it_is_impersonal():
    found = ("Blueprints were found stuffed in the trash.", ["""
Blueprints blueprint NOUN 3 nsubj:pass
were be AUX 3 aux:pass
found find VERB 0 root Voice=Pass
stuffed stuff VERB 3 xcomp
in in ADP 7 case
the the DET 7 det
trash trash NOUN 4 obl
. . PUNCT 3 punct"""])
    assert run([found], "en") == [[]]
    believed = ("The shape is believed to bring luck.", ["""
The the DET 2 det
shape shape NOUN 4 nsubj:pass
is be AUX 4 aux:pass
believed believe VERB 0 root Voice=Pass
to to PART 6 mark
bring bring VERB 4 xcomp
luck luck NOUN 6 obj
. . PUNCT 4 punct"""])
    assert run([believed], "en") == [["unnamed source"]]


def test_a_named_person_is_the_source_not_the_outlet_of_the_role_beside_the_name():
    named = ("Kovács Anna, a TV2 szóvivője szerint a döntés végleges.", ["""
Kovács Kovács PROPN 0 root Case=Nom|Number=Sing
Anna Anna PROPN 1 flat:name Case=Nom|Number=Sing
, , PUNCT 6 punct
a a DET 5 det Definite=Def|PronType=Art
TV2 TV2 PROPN 6 nmod:att Case=Nom|Number=Sing
szóvivője szóvivő NOUN 1 appos Case=Nom|Number=Sing|Number[psor]=Sing|Person[psor]=3
szerint szerint ADP 1 case
a a DET 9 det Definite=Def|PronType=Art
döntés döntés NOUN 10 nsubj Case=Nom|Number=Sing
végleges végleges ADJ 1 orphan Case=Nom|Number=Sing
. . PUNCT 10 punct"""])
    assert run([named], "hu") == [["Kovács Anna"]]


def test_a_dropped_subject_goes_back_to_the_speaker_not_to_a_subject_of_the_speech():
    first = ("Nagy Péter szerint a Magyar Posta veszteséges.", ["""
Nagy Nagy PROPN 6 obl Case=Nom|Number=Sing
Péter Péter PROPN 1 flat:name Case=Nom|Number=Sing
szerint szerint ADP 1 case
a a DET 5 det Definite=Def|PronType=Art
Magyar Magyar PROPN 5 amod:att Case=Nom|Number=Sing
Posta Posta PROPN 6 nsubj Case=Nom|Number=Sing
veszteséges veszteséges ADJ 0 root Case=Nom|Number=Sing
. . PUNCT 6 punct"""])
    then = ("Úgy vélte, a cég eladósodik.", ["""
Úgy úgy ADV 2 advmod:mode PronType=Dem
vélte vél VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
, , PUNCT 6 punct
a a DET 5 det Definite=Def|PronType=Art
cég cég NOUN 6 nsubj Case=Nom|Number=Sing
eladósodik eladósodik VERB 2 ccomp:obl Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
. . PUNCT 2 punct"""])
    paragraph = (first[0] + " " + then[0], first[1] + then[1])
    assert run([paragraph], "hu") == [["Nagy Péter"], ["Nagy Péter"]]


def test_szerinte_is_a_pronoun_for_the_last_speaker():
    first = ("Nagy Péter bejelentette, hogy távozik.", ["""
Nagy Nagy PROPN 3 nsubj Case=Nom|Number=Sing
Péter Péter PROPN 1 flat:name Case=Nom|Number=Sing
bejelentette be+jelent VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
, , PUNCT 6 punct
hogy hogy SCONJ 6 mark
távozik távozik VERB 3 ccomp:obj Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
. . PUNCT 3 punct"""])
    then = ("Szerinte jobb megoldás ez.", ["""
Szerinte szerint PRON 3 obl Case=Nom|Number=Sing|Person=3|PronType=Prs
jobb jó ADJ 3 amod:att Case=Nom|Degree=Cmp|Number=Sing
megoldás megoldás NOUN 0 root Case=Nom|Number=Sing
ez ez PRON 3 nsubj Case=Nom|Number=Sing|PronType=Dem
. . PUNCT 3 punct"""])
    paragraph = (first[0] + " " + then[0], first[1] + then[1])
    assert run([paragraph], "hu") == [["Nagy Péter"], ["Nagy Péter"]]


def test_a_reporting_verb_with_a_clause_for_its_subject_has_no_speaker():
    fact = ("A válságot jelzi, hogy az árak nőttek.", ["""
A a DET 2 det Definite=Def|PronType=Art
válságot válság NOUN 3 obj Case=Acc|Number=Sing
jelzi jelez VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
, , PUNCT 8 punct
hogy hogy SCONJ 8 mark
az az DET 7 det Definite=Def|PronType=Art
árak ár NOUN 8 nsubj Case=Nom|Number=Plur
nőttek nő VERB 3 csubj Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin
. . PUNCT 3 punct"""])
    assert run([fact], "hu") == [[]]
    said = (fact[0].replace("A válságot jelzi", "Kovács jelezte"), [fact[1][0].replace(
        "A a DET 2 det Definite=Def|PronType=Art\nválságot válság NOUN 3 obj Case=Acc|Number=Sing\njelzi jelez VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
        "Kovács Kovács PROPN 2 nsubj Case=Nom|Number=Sing\njelezte jelez VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"
    ).replace(" 3 punct", " 2 punct").replace("nőttek nő VERB 3 csubj", "nőttek nő VERB 2 ccomp:obj").replace(", , PUNCT 8 punct", ", , PUNCT 7 punct").replace("hogy hogy SCONJ 8 mark", "hogy hogy SCONJ 7 mark").replace("az az DET 7 det", "az az DET 6 det").replace("árak ár NOUN 8 nsubj", "árak ár NOUN 7 nsubj")])
    assert run([said], "hu") == [["Kovács"]]


def test_a_name_before_a_role_noun_names_the_person():
    role = ("Szabó Éva vezető elemző kijelentette, hogy a piac nő.", ["""
Szabó Szabó PROPN 4 nmod:att Case=Nom|Number=Sing
Éva Éva PROPN 1 flat:name Case=Nom|Number=Sing
vezető vezető ADJ 4 amod:att Case=Nom|Number=Sing
elemző elemző NOUN 5 nsubj Case=Nom|Number=Sing
kijelentette ki+jelent VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
, , PUNCT 10 punct
hogy hogy SCONJ 10 mark
a a DET 9 det Definite=Def|PronType=Art
piac piac NOUN 10 nsubj Case=Nom|Number=Sing
nő nő VERB 5 ccomp:obj Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
. . PUNCT 5 punct"""])
    assert run([role], "hu") == [["Szabó Éva"]]


def test_the_articles_own_outlet_is_no_link():
    own = ("A HVG értesülései szerint a miniszter távozik.", ["""
A a DET 3 det Definite=Def|PronType=Art
HVG HVG PROPN 3 nmod:att Case=Nom|Number=Sing
értesülései értesülés NOUN 7 obl Case=Nom|Number=Plur|Number[psor]=Sing|Person[psor]=3
szerint szerint ADP 3 case
a a DET 6 det Definite=Def|PronType=Art
miniszter miniszter NOUN 7 nsubj Case=Nom|Number=Sing
távozik távozik VERB 0 root Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
. . PUNCT 7 punct"""])
    assert run([own], "hu", outlet="HVG") == [[]]
    assert run([own], "hu", outlet="Népszava") == [["HVG (Heti Világgazdaság)"]]


def test_a_plural_role_noun_is_a_group_and_a_singular_one_goes_back_to_one_person():
    named = ("Kiss Ádám bejelentette, hogy távozik.", ["""
Kiss Kiss PROPN 3 nsubj Case=Nom|Number=Sing
Ádám Ádám PROPN 1 flat:name Case=Nom|Number=Sing
bejelentette be+jelent VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
, , PUNCT 6 punct
hogy hogy SCONJ 6 mark
távozik távozik VERB 3 ccomp:obj Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
. . PUNCT 3 punct"""])
    group = ("A kutatók úgy vélik, hogy ez hiba.", ["""
A a DET 2 det Definite=Def|PronType=Art
kutatók kutató NOUN 4 nsubj Case=Nom|Number=Plur
úgy úgy ADV 4 advmod:mode PronType=Dem
vélik vél VERB 0 root Definite=Def|Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
, , PUNCT 8 punct
hogy hogy SCONJ 8 mark
ez ez PRON 8 nsubj Case=Nom|Number=Sing|PronType=Dem
hiba hiba NOUN 4 ccomp:obj Case=Nom|Number=Sing
. . PUNCT 4 punct"""])
    expert = ("A szakember úgy véli, hogy ez hiba.", [group[1][0].replace("kutatók kutató NOUN 4 nsubj Case=Nom|Number=Plur",
        "szakember szakember NOUN 4 nsubj Case=Nom|Number=Sing").replace("vélik vél VERB 0 root Definite=Def|Mood=Ind|Number=Plur",
        "véli vél VERB 0 root Definite=Def|Mood=Ind|Number=Sing")])
    teacher = ("A tanár úgy véli, hogy ez hiba.", [expert[1][0].replace("szakember szakember", "tanár tanár")])
    assert run([named, group], "hu") == [["Kiss Ádám"], ["kutatók"]]
    assert run([named, expert], "hu") == [["Kiss Ádám"], ["Kiss Ádám"]]
    assert run([named, teacher], "hu") == [["Kiss Ádám"], ["Kiss Ádám"]]
    assert run([group, teacher], "hu") == [["kutatók"], ["tanár"]]  # no one person before


def test_a_plural_dropped_subject_goes_back_to_speakers_not_to_groups_merely_mentioned():
    caught = ("A rendőrök elfogták a férfit.", ["""
A a DET 2 det Definite=Def|PronType=Art
rendőrök rendőr NOUN 3 nsubj Case=Nom|Number=Plur
elfogták el+fog VERB 0 root Definite=Def|Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin
a a DET 5 det Definite=Def|PronType=Art
férfit férfi NOUN 3 obj Case=Acc|Number=Sing
. . PUNCT 3 punct"""])
    accused = ("Azzal vádolják, hogy lopott.", ["""
Azzal az PRON 2 obl Case=Ins|Number=Sing|PronType=Dem
vádolják vádol VERB 0 root Definite=Def|Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin
, , PUNCT 5 punct
hogy hogy SCONJ 5 mark
lopott lop VERB 1 acl Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
. . PUNCT 2 punct"""])
    assert run([caught, accused], "hu") == [[], ["unnamed source"]]


def test_a_verb_quoted_in_the_narrators_sentence_is_still_a_cue():
    quoted = ('A párt "nem tartja igazságosnak", hogy kizárták.', ["""
A a DET 2 det Definite=Def|PronType=Art
párt párt NOUN 5 nsubj Case=Nom|Number=Sing
" " PUNCT 5 punct
nem nem ADV 5 advmod PronType=Neg
tartja tart VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
igazságosnak igazságos ADJ 5 obl Case=Dat|Number=Sing
" " PUNCT 5 punct
, , PUNCT 10 punct
hogy hogy SCONJ 10 mark
kizárták ki+zár VERB 5 ccomp:obj Definite=Def|Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin
. . PUNCT 5 punct"""])
    assert run([quoted], "hu") == [["párt"]]


def test_an_articles_first_line_with_a_name_and_a_colon_is_a_title_with_a_speaker():
    title = ("Anna Kovács: the bridge will reopen in May", ["""
Anna Anna PROPN 0 root
Kovács Kovács PROPN 1 flat
: : PUNCT 1 punct
the the DET 5 det
bridge bridge NOUN 7 nsubj
will will AUX 7 aux
reopen reopen VERB 1 parataxis
in in ADP 9 case
May May PROPN 7 obl"""])
    body = ("The city closed the bridge in March.", ["""
The the DET 2 det
city city NOUN 3 nsubj
closed close VERB 0 root
the the DET 5 det
bridge bridge NOUN 3 obj
in in ADP 7 case
March March PROPN 3 obl
. . PUNCT 3 punct"""])
    assert run([title, body], "en") == [["Anna Kovács"], []]
    assert run([body, title], "en") == [[], []]  # further down, a name and a colon may be anything


def test_our_information_from_a_giver_is_the_givers():
    ours = ("A rendőrségtől származó értesüléseink szerint a férfi meghalt.", ["""
A a DET 2 det Definite=Def|PronType=Art
rendőrségtől rendőrség NOUN 3 obl Case=Abl|Number=Sing
származó származó ADJ 4 amod:att Case=Nom|VerbForm=PartPres
értesüléseink értesülés NOUN 8 obl Case=Nom|Number=Plur|Number[psor]=Plur|Person[psor]=1
szerint szerint ADP 4 case
a a DET 7 det Definite=Def|PronType=Art
férfi férfi NOUN 8 nsubj Case=Nom|Number=Sing
meghalt meg+hal VERB 0 root Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
. . PUNCT 8 punct"""])
    assert run([ours], "hu") == [["rendőrség"]]
    plain = ("Értesüléseink szerint a férfi meghalt.", ["""
Értesüléseink értesülés NOUN 5 obl Case=Nom|Number=Plur|Number[psor]=Plur|Person[psor]=1
szerint szerint ADP 1 case
a a DET 4 det Definite=Def|PronType=Art
férfi férfi NOUN 5 nsubj Case=Nom|Number=Sing
meghalt meg+hal VERB 0 root Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
. . PUNCT 5 punct"""])
    assert run([plain], "hu") == [[]]


def test_the_outlets_own_article_is_no_document_source():
    ours = ("Ebben a cikkben írtunk a helyzetről.", ["""
Ebben ez DET 3 det Case=Ine|PronType=Dem
a a DET 3 det Definite=Def|PronType=Art
cikkben cikk NOUN 4 obl Case=Ine|Number=Sing
írtunk ír VERB 0 root Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin
a a DET 6 det Definite=Def|PronType=Art
helyzetről helyzet NOUN 4 obl Case=Del|Number=Sing
. . PUNCT 4 punct"""])
    assert run([ours], "hu") == [[]]  # "írtunk": we wrote (the tagger's Person=3 notwithstanding)
    report = ("A jelentésben az áll, hogy a helyzet romlik.", ["""
A a DET 2 det Definite=Def|PronType=Art
jelentésben jelentés NOUN 4 obl Case=Ine|Number=Sing
az az PRON 4 nsubj Case=Nom|PronType=Dem
áll áll VERB 0 root Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
, , PUNCT 9 punct
hogy hogy SCONJ 9 mark
a a DET 8 det Definite=Def|PronType=Art
helyzet helyzet NOUN 9 nsubj Case=Nom|Number=Sing
romlik romlik VERB 4 ccomp Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
. . PUNCT 4 punct"""])
    assert run([report], "hu") == [["jelentés"]]


def test_a_source_word_inside_a_name_stands_for_the_whole_name():
    from attrib.attribution.extract.sources import name_head

    s = sent("""
Halmos Halmos PROPN 3 obl Case=Nom|Number=Sing
Bence Bence PROPN 1 flat:name Case=Nom|Number=Sing
bejelentette be+jelent VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin""", "hu")
    assert name_head(s, s.word(2)).text == "Halmos" and name_head(s, s.word(1)).text == "Halmos"
    assert name_head(s, s.word(3)).text == "bejelentette"


def test_a_relative_pronoun_without_an_antecedent_is_no_source():
    text = "Η πρόεδρος περιγράφει μια κατάσταση που, όπως λέει, είναι κρίσιμη."
    rows = """
Η ο DET 2 det Case=Nom|Definite=Def|Gender=Fem|Number=Sing|PronType=Art
πρόεδρος πρόεδρος NOUN 3 nsubj Case=Nom|Gender=Fem|Number=Sing
περιγράφει περιγράφω VERB 0 root Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
μια ένας DET 5 det Case=Acc|Gender=Fem|Number=Sing|PronType=Art
κατάσταση κατάσταση NOUN 3 obj Case=Acc|Gender=Fem|Number=Sing
που που PRON 10 nsubj Case=Nom|PronType=Rel
, , PUNCT 9 punct
όπως όπως ADV 9 advmod
λέει λέγω VERB 3 advcl Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
, , PUNCT 9 punct
είναι είμαι AUX 11 cop Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
κρίσιμη κρίσιμος ADJ 5 acl:relcl Case=Nom|Gender=Fem|Number=Sing
. . PUNCT 3 punct"""
    rows = rows.replace("που που PRON 10 nsubj", "που που PRON 9 nsubj").replace("είναι είμαι AUX 11 cop", "είναι είμαι AUX 12 cop")
    assert run([(text, [rows])], "el") == [["πρόεδρος"]]


def test_a_capitalised_noun_in_apposition_names_the_person_a_tagger_did_not_know():
    text = "Η πρόεδρος του σωματείου, Ελένη Σταθοπούλου, δήλωσε ότι λείπουν γιατροί."
    rows = """
Η ο DET 2 det Case=Nom|Definite=Def|Gender=Fem|Number=Sing|PronType=Art
πρόεδρος πρόεδρος NOUN 9 nsubj Case=Nom|Gender=Fem|Number=Sing
του ο DET 4 det Case=Gen|PronType=Art
σωματείου σωματείο NOUN 2 nmod Case=Gen|Gender=Neut|Number=Sing
, , PUNCT 7 punct
Ελένη Ελένη ADJ 7 amod Case=Nom|Gender=Fem|Number=Sing
Σταθοπούλου σταθοπούλου NOUN 2 appos Case=Gen|Gender=Fem|Number=Sing
, , PUNCT 7 punct
δήλωσε δηλώνω VERB 0 root Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
ότι ότι SCONJ 11 mark
λείπουν λείπω VERB 9 ccomp Mood=Ind|Number=Plur|Person=3|VerbForm=Fin
γιατροί γιατρός NOUN 11 nsubj Case=Nom|Gender=Masc|Number=Plur
. . PUNCT 9 punct"""
    assert run([(text, [rows])], "el") == [["Σταθοπούλου"]]


def test_an_objectless_reporting_verb_with_a_clause_parsed_as_its_subject_reports_the_clause():
    text = "Hozzátette, hogy a minisztérium szerint a kedvezmény megtérül."
    rows = """
Hozzátette hozzátesz VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
, , PUNCT 9 punct
hogy hogy SCONJ 9 mark
a a DET 5 det Definite=Def|PronType=Art
minisztérium minisztérium NOUN 9 obl Case=Nom|Number=Sing
szerint szerint ADP 5 case
a a DET 8 det Definite=Def|PronType=Art
kedvezmény kedvezmény NOUN 9 nsubj Case=Nom|Number=Sing
megtérül megtérül VERB 1 csubj Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
. . PUNCT 1 punct"""
    first = ("Kiss Ádám bejelentette, hogy távozik.", ["""
Kiss Kiss PROPN 3 nsubj Case=Nom|Number=Sing
Ádám Ádám PROPN 1 flat:name Case=Nom|Number=Sing
bejelentette be+jelent VERB 0 root Definite=Def|Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
, , PUNCT 6 punct
hogy hogy SCONJ 6 mark
távozik távozik VERB 3 ccomp:obj Mood=Ind|Number=Sing|Person=3|VerbForm=Fin
. . PUNCT 3 punct"""])
    assert run([(first[0] + " " + text, first[1] + [rows])], "hu") == [["Kiss Ádám"], ["Kiss Ádám", "minisztérium"]]
