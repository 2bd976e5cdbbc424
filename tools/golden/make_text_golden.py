#!/usr/bin/env python3
"""Writes tests/Autoencoders.Data.Tests/Text/text_golden.json: Keras's text preprocessing on fixed texts, for the
Tokenizer, TextHashing and bag-of-words tests.

Run from anywhere (only the standard library and NumPy):

    /usr/bin/python3 tools/golden/make_text_golden.py

Keras is not installed here, so the functions below transcribe keras_preprocessing/text.py (Keras 2.x, the code the
tutorials ran): text_to_word_sequence, hashing_trick with hash_function="md5" (hashlib), and Tokenizer's
fit_on_texts, texts_to_sequences, sequences_to_texts and sequences_to_matrix. The C# tests read only the JSON.
"""
import json
import os
from collections import OrderedDict, defaultdict
from hashlib import md5

import numpy as np

FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


def text_to_word_sequence(text, filters=FILTERS, lower=True, split=" "):
    if lower:
        text = text.lower()
    text = text.translate(str.maketrans({c: split for c in filters}))
    return [i for i in text.split(split) if i]


def hashing_trick(text, n):
    hash_function = lambda w: int(md5(w.encode()).hexdigest(), 16)
    return [hash_function(w) % (n - 1) + 1 for w in text_to_word_sequence(text)]


class Tokenizer:
    def __init__(self, num_words=None, oov_token=None):
        self.num_words, self.oov_token = num_words, oov_token
        self.word_counts, self.word_docs, self.document_count = OrderedDict(), defaultdict(int), 0

    def fit_on_texts(self, texts):
        for text in texts:
            self.document_count += 1
            seq = text_to_word_sequence(text)
            for w in seq:
                self.word_counts[w] = self.word_counts.get(w, 0) + 1
            for w in set(seq):
                self.word_docs[w] += 1
        wcounts = sorted(self.word_counts.items(), key=lambda x: x[1], reverse=True)  # stable: ties keep first appearance
        sorted_voc = [] if self.oov_token is None else [self.oov_token]
        sorted_voc.extend(wc[0] for wc in wcounts)
        self.word_index = dict(zip(sorted_voc, range(1, len(sorted_voc) + 1)))
        self.index_word = {c: w for w, c in self.word_index.items()}
        self.index_docs = {self.word_index[w]: c for w, c in self.word_docs.items()}

    def texts_to_sequences(self, texts):
        oov = self.word_index.get(self.oov_token)
        result = []
        for text in texts:
            vect = []
            for w in text_to_word_sequence(text):
                i = self.word_index.get(w)
                if i is not None:
                    if self.num_words and i >= self.num_words:
                        if oov is not None:
                            vect.append(oov)
                    else:
                        vect.append(i)
                elif self.oov_token is not None:
                    vect.append(oov)
            result.append(vect)
        return result

    def sequences_to_texts(self, sequences):
        oov = self.word_index.get(self.oov_token)
        result = []
        for seq in sequences:
            vect = []
            for num in seq:
                word = self.index_word.get(num)
                if word is not None:
                    if self.num_words and num >= self.num_words:
                        if oov is not None:
                            vect.append(self.index_word[oov])
                    else:
                        vect.append(word)
                elif self.oov_token is not None:
                    vect.append(self.index_word[oov])
            result.append(" ".join(vect))
        return result

    def sequences_to_matrix(self, sequences, mode):
        num_words = self.num_words or len(self.word_index) + 1
        x = np.zeros((len(sequences), num_words))
        for i, seq in enumerate(sequences):
            if not seq:
                continue
            counts = defaultdict(int)
            for j in seq:
                if j >= num_words:
                    continue
                counts[j] += 1
            for j, c in list(counts.items()):
                if mode == "count":
                    x[i][j] = c
                elif mode == "freq":
                    x[i][j] = c / len(seq)
                elif mode == "binary":
                    x[i][j] = 1
                elif mode == "tfidf":
                    tf = 1 + np.log(c)
                    idf = np.log(1 + self.document_count / (1 + self.index_docs.get(j, 0)))
                    x[i][j] = tf * idf
        return x


# The tutorial's documents (Machine Learning Mastery, "How to Use Word Embedding Layers for Deep Learning with Keras").
DOCS = ["Well done!", "Good work", "Great effort", "nice work", "Excellent!", "Weak", "Poor effort!", "not good",
        "poor work", "Could have done better."]
OTHER = ["The quick brown fox jumps over the lazy dog.", "It's a dog's life -- isn't it?", "Ünïcode wörds, ÇA VA?",
         "tab\tseparated\nand newline", "", "work work work"]


def tokenizer_case(name, num_words, oov_token, fit, encode):
    t = Tokenizer(num_words=num_words, oov_token=oov_token)
    t.fit_on_texts(fit)
    seqs = t.texts_to_sequences(encode)
    return {
        "name": name, "num_words": num_words, "oov_token": oov_token, "fit": fit, "encode": encode,
        "word_index": sorted(t.word_index.items(), key=lambda kv: kv[1]),
        "sequences": seqs,
        "texts": t.sequences_to_texts(seqs + [[0, 1, 2, 999]]),
        "matrix": {mode: t.sequences_to_matrix(seqs, mode).round(6).tolist() for mode in ("binary", "count", "freq", "tfidf")},
    }


def main():
    golden = {
        "words": [{"text": t, "words": text_to_word_sequence(t)} for t in DOCS + OTHER],
        "hashing": [{"text": t, "n": n, "ids": hashing_trick(t, n)} for n in (2, 50, 1000, 2 ** 31 - 1) for t in DOCS + OTHER],
        "tokenizers": [
            tokenizer_case("tutorial", None, None, DOCS, DOCS),
            tokenizer_case("capped", 5, None, DOCS + OTHER, DOCS + OTHER),
            tokenizer_case("capped_oov", 6, "<OOV>", DOCS + OTHER, DOCS + OTHER + ["unseen words here"]),
        ],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Autoencoders.Data.Tests", "Text", "text_golden.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False)
        f.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
