#!/usr/bin/env python3
"""Writes tests/Autoencoders.Applications.Tests/Metrics/ranking_golden.json: scikit-learn's ranking metrics on fixed
scores, for RankingMetrics' tests.

Run with Debian's python3-sklearn (1.2), from anywhere:

    /usr/bin/python3 tools/golden/make_ranking_golden.py

The C# tests read only the JSON. Scores are rounded to one or two decimals so that many of them tie: ties are where
ROC-AUC (half a pair each), average precision (tied samples enter together) and the ROC curve are easy to get wrong.
Each case holds: scores, positive (true = anomalous), roc_auc (roc_auc_score), average_precision
(average_precision_score), roc_fpr/roc_tpr (roc_curve with drop_intermediate=False), pr_precision/pr_recall
(precision_recall_curve), and at "threshold" (flag =
score > threshold) precision and recall (precision_score/recall_score with zero_division=0).
"""
import json
import os

import numpy as np
from sklearn.metrics import (average_precision_score, precision_recall_curve, precision_score, recall_score, roc_auc_score,
                             roc_curve)


def case(name, scores, positive, threshold):
    scores = [float(s) for s in scores]
    positive = [bool(p) for p in positive]
    fpr, tpr, _ = roc_curve(positive, scores, drop_intermediate=False)
    pr_precision, pr_recall, _ = precision_recall_curve(positive, scores)
    flags = [s > threshold for s in scores]
    return {
        "name": name,
        "scores": scores,
        "positive": positive,
        "roc_auc": float(roc_auc_score(positive, scores)),
        "average_precision": float(average_precision_score(positive, scores)),
        "roc_fpr": [float(x) for x in fpr],
        "roc_tpr": [float(x) for x in tpr],
        "pr_precision": [float(x) for x in pr_precision],
        "pr_recall": [float(x) for x in pr_recall],
        "threshold": float(threshold),
        "precision": float(precision_score(positive, flags, zero_division=0)),
        "recall": float(recall_score(positive, flags, zero_division=0)),
    }


def main():
    rng = np.random.default_rng(20261124)
    cases = [case("hand", [0.1, 0.4, 0.35, 0.8], [False, False, True, True], 0.3)]
    # Normal scores around 1, anomalies around 1.6: overlapping, with ties from rounding.
    for n, decimals in [(40, 1), (200, 2)]:
        positive = rng.random(n) < 0.3
        scores = np.round(rng.normal(1.0, 0.3, n) + 0.6 * positive, decimals)
        cases.append(case(f"random_{n}_rounded_{decimals}", scores, positive, float(np.quantile(scores, 0.8))))
    # Every score tied: AUC ½, AP = the share of positives.
    cases.append(case("all_tied", [0.5] * 7, [True, False, False, True, False, False, False], 0.4))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "Autoencoders.Applications.Tests",
                        "Metrics", "ranking_golden.json")
    with open(os.path.normpath(path), "w") as f:
        json.dump({"cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
