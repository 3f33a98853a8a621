"""One table of the encoders negobot knows: how each is loaded, named, judged, compared across languages, parallelised.

Every decision that depends on the kind of encoder reads its :class:`EncoderSpec`
here, found from the model's name or folder, or from the name an index recorded.
Adding an encoder family is one entry; so is a new kind of model, with its
:class:`Loader` (index.transformer_loader and index.usem3_encoder are the two).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from index.encoder_types import Backend, Encoder
from index.transformer_loader import TransformerLoader
from index.usem3_encoder import Usem3Loader, single_threaded_usem3


class Loader(Protocol):
    """How a family's models are found and run, and the name they will record."""

    def load(self, model: str, spec: EncoderSpec, cache_dir: Path, backend: Backend) -> Encoder:
        """The encoder; ``index.encoder_types.ModelUnavailableError`` when it cannot be loaded here."""
        ...

    def expected_name(self, model: str, spec: EncoderSpec, cache_dir: Path, backend: Backend) -> str | None:
        """The name :meth:`load` will give it, None when only loading tells; raises as :meth:`load` would."""
        ...


@dataclass(frozen=True)
class EncoderSpec:
    """What negobot needs to know about one family of encoders."""

    family: str
    loader: Loader
    prefixes: tuple[str, str]  # added to (questions, passages)
    judged_by_usem3: bool  # whether usem3 judges relevance for it (else it judges its own retrievals)
    threshold: float  # the default minimum relevance, on the judge's scale
    # Added per cosine when a sentence is in another language than the question: the
    # encoder rates a pair of languages lower than one language for the same meaning.
    cross_language_offset: float
    # How a build uses every core. None: the runtime spreads one call over the cores itself.
    # Else it makes one single-threaded encoder in each of one worker process per core
    # (index.parallel), for a family that measured faster that way
    # (benchmarks/bench_build_parallelism.py). It must be picklable: a module's function.
    worker_encoder: Callable[[], Encoder] | None
    pattern: re.Pattern[str]  # recognises the family in a model name, folder or recorded encoder name
    # Weights of index.sentence_features.FEATURES for choosing answer sentences, fitted on
    # the tuned QA sets with usem3 judging; None: the cosine rule with the offset above.
    sentence_weights: tuple[float, ...] | None = None
    # Whether the default runtime quantises it to int8 (where NNCF is installed): only for a family whose
    # int8 model was measured to answer as its fp32 one does (benchmarks/HISTORY.md, the fourteenth session).
    int8_by_default: bool = False
    # The share of the difference between two languages' mean question vectors a question's
    # vector is moved by to search the other language's passages (index.language_direction).
    language_shift: float = 0.0

    def describes(self, model_or_name: str) -> bool:
        """Whether a model name, folder or recorded encoder name belongs to this family."""
        return self.pattern.search(model_or_name.lower()) is not None


# Measured on benchmarks/qa/negotiations.jsonl with E5 retrieval: off-topic questions
# reach at most 0.29 with usem3 and answerable ones at least 0.35; this is the middle.
USEM3_THRESHOLD = 0.32
# A guess for other models (typical of sentence-transformers models trained with cosine
# losses), not measured with this passage-and-sentence score: set NEGOBOT_MIN_RELEVANCE.
GENERIC_THRESHOLD = 0.35

USEM3 = EncoderSpec(
    family="usem3",
    loader=Usem3Loader(),
    prefixes=("", ""),
    judged_by_usem3=True,
    threshold=USEM3_THRESHOLD,
    cross_language_offset=0.0,  # it places translations close together
    worker_encoder=single_threaded_usem3,  # numpy: two 1-thread processes beat one 2-thread one (1.5x)
    pattern=re.compile(r"^usem3(?::|$)"),
)
E5 = EncoderSpec(
    family="e5",
    loader=TransformerLoader(),
    prefixes=("query: ", "passage: "),
    # E5 ranks well but judges poorly: its cosines crowd between 0.75 and 0.9, and a pair
    # in two languages scores below an off-topic pair in one (see index.relevance).
    judged_by_usem3=True,
    threshold=USEM3_THRESHOLD,
    cross_language_offset=0.04,  # measured on the tuned QA sets (index.sentence_choice)
    worker_encoder=None,  # OpenVINO's one stream per core: as fast as worker processes, in one
    pattern=re.compile(r"(?<![a-z0-9])e5(?![a-z0-9])"),  # "multilingual-e5-small", not "joe5"
    # benchmarks/fit_sentence_weights.py on the 37 tuned answer files (answers ... answers_v35,
    # holdout, negotiations; bundled E5, 1,448 questions with a right sentence among those
    # that competed, 462 distinct answers), held out by answer: the best sentence is right
    # for 910-922, against 882-893 for the thirteen features before passage_words and 875
    # by the rule; one of the best three for 1,213-1,224 against 1,201-1,213 and 1,160.
    sentence_weights=(
        36.360,
        7.633,
        -0.907,
        6.851,
        4.097,
        1.855,
        3.139,
        2.200,
        2.095,
        19.598,
        -0.807,
        1.706,
        -24.954,
        6.418,
    ),
    # Answers within one question of fp32 on both QA sets (benchmarks/HISTORY.md, the fourteenth session).
    int8_by_default=True,
    # Tuned answer sets 1,063 -> 1,068 of 1,368 (1.0: 1,065), time sets 590 -> 593, blind answers_v26 and
    # answers_v27 one more each (benchmarks/HISTORY.md, the twenty-fourth session).
    language_shift=0.5,
)
SENTENCE_TRANSFORMERS = EncoderSpec(
    family="sentence-transformers",
    loader=TransformerLoader(),
    prefixes=("", ""),
    judged_by_usem3=False,
    threshold=GENERIC_THRESHOLD,
    cross_language_offset=0.0,
    worker_encoder=None,
    pattern=re.compile(""),  # anything else
)

ENCODERS = (USEM3, E5, SENTENCE_TRANSFORMERS)  # the first that describes a model is its spec


def spec_for(model_or_name: str) -> EncoderSpec:
    """The spec of a model name or folder, or of the encoder name an index recorded."""
    return next(spec for spec in ENCODERS if spec.describes(model_or_name))
