# negobot on CPU. The default embedding model is downloaded at build time, so the
# container answers questions without reaching the model hub.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HF_HOME=/opt/models NEGOBOT_DATA_DIR=/data NEGOBOT_CORPUS_DIR=/app/corpus

WORKDIR /app
# FreeDict's English-Indonesian dictionary: other-language names of places (index/dictionary_names.py).
# Optional: without it negobot knows fewer Indonesian names of places.
RUN apt-get update && (apt-get install -y --no-install-recommends dict-freedict-eng-ind \
    || echo "dict-freedict-eng-ind is not available") && rm -rf /var/lib/apt/lists/*
# The CPU build of torch first, so nothing below pulls the multi-GB CUDA build.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY index ./index
RUN pip install .
ARG EMBEDDING_MODEL=intfloat/multilingual-e5-small
# Download the model, convert it for OpenVINO and quantise it to int8 now, so the container starts without any of it.
# A quantisation that fails falls back to fp32 at run time; here it fails the build instead.
ENV NEGOBOT_MODEL_CACHE_DIR=/opt/models/negobot
RUN python -c "from pathlib import Path; from index.embedder import expected_encoder_name, load_encoder; \
    name = load_encoder('${EMBEDDING_MODEL}', Path('/opt/models/negobot')).encoder.name; \
    expected = expected_encoder_name('${EMBEDDING_MODEL}', Path('/opt/models/negobot')); \
    assert expected in (None, name), f'baked {name}, not {expected}'; print(name)"
ENV NEGOBOT_EMBEDDING_MODEL=${EMBEDDING_MODEL} HF_HUB_OFFLINE=1
COPY corpus ./corpus

VOLUME ["/data"]
ENTRYPOINT ["negobot"]
CMD ["serve"]
