"""scikit-learn's training times on the churn bench's encoded feature matrix (bench/churn/e2e.ts writes it).

Usage: python3 bench/churn/sklearn_times.py FILE.csv   (header row, the label in the last column `label`, NaN for
unknown values). Prints one line per learner: train seconds and the AUC on a seeded, stratified 20 % hold-out.
"""
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

data = np.genfromtxt(sys.argv[1], delimiter=",", skip_header=1)
X, y = data[:, :-1], data[:, -1].astype(int)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, stratify=y, random_state=17)
learners = [
    (
        "sklearn logistic",
        make_pipeline(SimpleImputer(), StandardScaler(), LogisticRegression(max_iter=500, class_weight="balanced")),
    ),
    ("sklearn hgb", HistGradientBoostingClassifier(early_stopping=True, random_state=17)),
]
for name, model in learners:
    t = time.time()
    model.fit(Xtr, ytr)
    seconds = time.time() - t
    auc = roc_auc_score(yte, model.predict_proba(Xte)[:, 1])
    print(f"  {name:17s} train {seconds:.1f} s, hold-out AUC {auc:.4f}")
