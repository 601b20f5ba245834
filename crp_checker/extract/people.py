"""Reading a person's name at the start of a piece of text, for the signature block.

A name is two to four capitalised words ("Graham Pellow", "Euan MacLeod", "Rebecca O'Neill",
"Seán Example-Hughes", "JOHN EXAMPLE", "J. Example"), optionally after a title ("Dr", "Mr"),
with particles inside ("van", "bin"). A role word, an organisation word or the template's own
vocabulary ends it, so "Managing Director" or "Carbon Reduction Plan" is never a name.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLE = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "cllr", "rev"}
_PARTICLE = _words("van von de der den da del di du la le bin al ap ab dos das ter ten ibn el")
# Words that end a name: roles, organisation words and the template's own vocabulary.
_STOP = _words(
    """
    carbon reduction plan date limited ltd plc llp cic inc supplier director directors
    officer chief executive manager managing board declaration sign signed emissions scope
    net zero total group company services health healthcare uk review page policy version
    the and of for standard protocol operations title position role chair chairman
    chairwoman chairperson partner partners owner founder ceo cfo coo cto md head lead
    commitment statement approval england wales scotland street road house floor suite www
    http approved reviewed signature training recruitment trading ppn secretary trustee
    trustees president principal proprietor committee team holdings environmental
    sustainability office registered telephone email website energy green on behalf name
    job designation finance financial general group technical technology senior associate
    assistant deputy operating customer this these those that our we it its in as at by
    all any each every yours kind regards best thanks please note figure table appendix
    section part management
    """
)
ORGANISATION = _words(
    """
    limited ltd plc llp holdings group services company co inc cic partnership trust
    associates consulting consultancy solutions
    """
)
# "pp Jane Example" signs for someone; "J.Example" runs the initial into the surname.
_PER_PRO = re.compile(r"^\s*p\.?\s?p\.?\s+(?=[A-Z])", re.I)
_INITIAL_RUN_ON = re.compile(r"\b([A-Z]\.)([A-Z][a-z])")
# Honours and qualifications written after a name.
_POST_NOMINAL = _words(
    """
    mbe obe cbe kbe dbe bsc msc ba ma mba phd dphil meng beng ceng ieng fca aca acca fcca
    cima frics mrics cenv fiema miema mice fice mcips fcips llb cipd mciob fciob hons
    bds mbbs mbchb frcs mrcs frcp mrcp mrcgp frcgp mfds fds dds llm mphil pgdip pgcert
    mcipd fcipd cmgr fcmi mcmi frsa riba mciwm fcilt mcilt kc qc jp dl rgn
    """
)
_MONTHS = _words(
    """
    january february march april may june july august september october november december
    """
)


def _possessive_of(bare: str) -> bool:
    """The possessive ("LLP's", "Board's", "Company’s") of a template or organisation word, as
    in "signed off by the LLP's Management Board", is no part of a person's name."""
    base = re.sub(r"(?:'|’)s?$", "", bare)
    return base != bare and (base in _STOP or base in ORGANISATION)


def _name_token(word: str) -> bool:
    """'Pellow', 'MacLeod', "O'Neill", 'Seán', 'PELLOW', 'J.': a capitalised word of letters."""
    letters = word.rstrip(".")
    if not letters or not letters[0].isupper():
        return False
    if not all(ch.isalpha() or ch in "'’-" for ch in letters):
        return False
    return len(letters) == 1 or any(ch.islower() for ch in letters) or letters.isupper()


def person(body: str) -> tuple[str, str] | None:
    """A person's name at the start of `body` and what follows it: 'Dr Owain Pritchard, Group
    Chief Executive' -> ('Dr Owain Pritchard', ', Group Chief Executive')."""
    body = _INITIAL_RUN_ON.sub(r"\1 \2", _PER_PRO.sub("", body, count=1))
    tokens = list(re.finditer(r"\S+", body))
    taken: list[str] = []
    names = 0
    end = 0
    for position, token in enumerate(tokens):
        word = token[0]
        if taken and body[tokens[position - 1].end() : token.start()].count(" ") >= 3:
            break  # a wide gap: two signatures side by side ("Jane Example      Tom Example")
        core = word.rstrip(",;:()|")
        bare = core.rstrip(".").lower()
        following = tokens[position + 1][0] if position + 1 < len(tokens) else ""
        if not taken and bare in _TITLE:
            taken.append(core)
            end = token.start() + len(core)
            continue
        if bare in _POST_NOMINAL and names >= 2:
            break  # "Jane Smith MBE", "Ravi Shah BSc (Hons)": letters after the name
        following_bare = following.rstrip(",;:()|.").lower()
        if names and bare in _PARTICLE and (following[:1].isupper() or following_bare in _PARTICLE):
            taken.append(core)
            continue
        if not _name_token(core) or bare in _STOP or _possessive_of(bare):
            break
        if bare in _MONTHS and following[:1].isdigit():
            break
        taken.append(core)
        names += 1
        end = token.start() + len(core)
        if core != word or names == 4:
            break  # a comma, bracket or colon closes the name
    titled = bool(taken) and taken[0].rstrip(".").lower() in _TITLE
    if names < 2 and not (titled and names >= 1):
        return None
    while taken and taken[-1].lower() in _PARTICLE:
        taken.pop()
    return " ".join(taken), body[end:]


_SURNAME_FIRST = re.compile(r"(?P<surname>[^\s,]+(?:\s+[^\s,]+)?),\s+(?P<rest>.*)", re.S)


def _plain_name_word(word: str) -> bool:
    """A capitalised word that can be part of a name: no role, organisation or month word."""
    bare = word.rstrip(".").lower()
    return (
        _name_token(word)
        and bare not in _STOP
        and bare not in ORGANISATION
        and bare not in _MONTHS
        and bare not in _TITLE
        and bare not in _PARTICLE
    )


def labelled_person(body: str) -> tuple[str, str] | None:
    """A name where a signature label or a name cell vouches for one: read as `person` does,
    or written surname first ('WHITLOW, Sarah - Managing Director'). Only there, since
    'Stockport, Cheshire' in an address reads the same."""
    return person(body) or _surname_first(body)


def _surname_first(body: str) -> tuple[str, str] | None:
    """A name written surname first, as registers and approval tables do: 'WHITLOW, Sarah -
    Managing Director', 'Okonkwo, Chidi (Director)'. The given name is one or two words in
    mixed case, and only a separator, a role word or nothing may follow it, so a list
    ('Leeds, Bradford and York') or a role ('Jane, Managing Director') is never taken."""
    written = _SURNAME_FIRST.match(body.lstrip())
    if written is None or not all(_plain_name_word(w) for w in written["surname"].split()):
        return None
    rest = written["rest"]
    given: list[str] = []
    for token in re.finditer(r"\S+", rest):
        core = token[0].rstrip(",;:()|")
        if len(given) == 2 or core.isupper() or not _plain_name_word(core):
            break
        given.append(core)
        rest = written["rest"][token.start() + len(core) :]
        if core != token[0]:
            break
    after = rest.lstrip()
    if not given or not (not after or after[:1] in ",(|–—-" or _role_next(rest)):
        return None
    return f"{written['surname']}, {' '.join(given)}", rest


def after_post_nominals(rest: str) -> str:
    """What follows a name once the letters after it are passed: ' BDS MBA, Chief Operating
    Officer' -> ', Chief Operating Officer' (a role is read from after the honours)."""
    tokens = list(re.finditer(r"\S+", rest))
    end = 0
    for token in tokens:
        bare = token[0].strip(",;:()|.").lower()
        if bare not in _POST_NOMINAL or not token[0][:1].isupper():
            break
        end = token.start() + len(token[0].rstrip(",;:)|"))
    return rest[end:]


def titled(name: str) -> bool:
    """The name opens with a title: 'Dr Jane Example', 'Cllr T. Example'."""
    first = name.split()[:1]
    return bool(first) and first[0].rstrip(".").lower() in _TITLE


# The bodies a plan is signed for, written in lower case after "Signed for the".
_BODIES = _words("members partners directors board trustees governors proprietors owners")


_ROLE_WORDS = _words(
    """
    director officer chief executive manager managing chair chairman chairwoman chairperson
    partner owner founder ceo cfo coo cto md head secretary trustee president principal
    proprietor finance financial general senior deputy operating
    """
)


def _role_next(rest: str) -> bool:
    """What follows a run-on name starts with a role word ('Harriet Example Partner
    28.05.2026': a borderless one-line sign-off), not an organisation's word."""
    first = rest.split()[:1]
    if not first or not first[0][:1].isupper():
        return False
    bare = first[0].rstrip(".,;:").lower()
    return bare in _ROLE_WORDS


def run_on_name(label: str) -> tuple[int, str, str] | None:
    """A name run on after a label with nothing between them ('Signed for the Board of
    Trustees Dr Jane Example': a borderless two-column table read as one line), as (where the
    name starts, the name, what follows). The label must end in a capitalised word of the
    template's or an organisation's vocabulary ('Board', 'Trustees', 'Supplier', 'Ltd'), so an
    organisation's own name ('Signed for Brightwater Care Homes') is never split into a person."""
    tokens = list(re.finditer(r"\S+", label))
    for position, token in enumerate(tokens[1:], 1):
        previous = tokens[position - 1][0]
        bare = previous.rstrip(".").lower()
        body = bare in _BODIES  # "Signed for the members Jane Example": a body, lower case
        if not body and (
            not previous[:1].isupper() or (bare not in _STOP and bare not in ORGANISATION)
        ):
            continue
        found = person(label[token.start() :])
        if found is None:
            continue
        name, rest = found
        if rest.strip() and rest.lstrip()[:1] not in ",(|–—-" and not _role_next(rest):
            continue
        if any(word.lower().strip(".,") in ORGANISATION for word in name.split()):
            continue
        return token.start(), name, rest
    return None


# "H. Marlow", "Dr J. R. Example": initials, then a surname.
_INITIALLED = re.compile(
    r"^(?P<title>(?:[A-Z][a-z]{1,8}\.?\s+)?)(?P<initials>(?:[A-Z]\.\s?){1,3})\s*"
    r"(?P<surname>[A-Z][\w'’-]+)$"
)


def full_name(name: str, texts: list[str]) -> str:
    """The signer's name written out in full where it is given beside the initials: 'H. Marlow'
    signs, 'Helen Marlow' is printed in the next cell. Only one full name with the same first
    initial and surname counts as the same person; otherwise the initials stand."""
    initialled = _INITIALLED.match(name)
    if initialled is None or (initialled["title"] and not titled(name)):
        return name
    first, surname = initialled["initials"][0], re.escape(initialled["surname"])
    written = re.compile(
        rf"(?<![\w.])(?={first}[a-z])([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+{surname})\b"
    )
    found: set[str] = set()
    for text in texts:
        for m in written.finditer(text):
            candidate = person(m[1])
            if candidate is not None and candidate[0] == m[1]:
                found.add(m[1])
    return found.pop() if len(found) == 1 else name
