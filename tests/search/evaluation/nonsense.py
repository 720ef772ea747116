"""Generated nonsense queries, a fresh set per seed (no fixed list to tune against): random letter
strings, keyboard mashing and made-up Dutch-looking words from Dutch syllables."""

import random

LETTERS = "abcdefghijklmnopqrstuvwxyz"
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
ONSETS = "b d f g h j k l m n p r s t v w z st sch tr kl pl br gr sl sp dr bl kn".split()
VOWELS = "a e i o u aa ee oo uu oe ij ui eu ou ie".split()
CODAS = ["", "", "n", "r", "l", "k", "t", "s", "m", "rt", "nd", "ls", "ng", "cht", "rk"]


def random_letters(rng):
    return " ".join(
        "".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 12)))
        for _ in range(rng.randint(1, 3))
    )


def keyboard_mashing(rng):
    """A walk over neighbouring keys, as a hand sliding over the keyboard."""
    words = []
    for _ in range(rng.randint(1, 2)):
        row = rng.randrange(3)
        column = rng.randrange(len(KEYBOARD[row]))
        word = ""
        for _ in range(rng.randint(5, 14)):
            word += KEYBOARD[row][column]
            row = max(0, min(2, row + rng.choice([-1, 0, 0, 1])))
            column = max(0, min(len(KEYBOARD[row]) - 1, column + rng.choice([-1, 0, 1, 1])))
        words.append(word)
    return " ".join(words)


def dutch_looking(rng):
    """Words of two to four Dutch syllables ("plorkentrabbel"), one to three of them."""
    return " ".join(
        "".join(
            rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
            for _ in range(rng.randint(2, 4))
        )
        for _ in range(rng.randint(1, 3))
    )


GENERATORS = {
    "random letters": random_letters,
    "keyboard mashing": keyboard_mashing,
    "Dutch-looking syllables": dutch_looking,
}


def nonsense_queries(seed, per_kind):
    """kind -> `per_kind` distinct nonsense queries."""
    rng = random.Random(seed)
    found = {}
    for kind, generate in GENERATORS.items():
        queries = set()
        while len(queries) < per_kind:
            queries.add(generate(rng))
        found[kind] = sorted(queries)
    return found
