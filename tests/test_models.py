"""Conformance of every registered model: one epoch through the learner, a run folder, a save/load round trip that gives the
same metrics, and the settings contract (every setting documented, none named like a run setting)."""
import json
import pandas as pd
import pytest
from causalrec.registry import models, model_settings, setting_docs
from causalrec.config import RunConfig, RUN_SETTINGS
from causalrec.loaders import embedded_path
from causalrec.runs import train, evaluate_run

MODELS = tuple(models())

@pytest.fixture(scope='module')
def ratings(tmp_path_factory):
    "A small CSV of the embedded ratings (with the titles' text absent: every model reads ids)."
    f = tmp_path_factory.mktemp('data')/'ratings.csv'
    pd.read_csv(embedded_path()/'ratings.csv').head(15000).to_csv(f, index=False)
    return f

def test_the_package_registers_its_models():
    assert {'causalrec', 'lightgcn', 'mf', 'mostpop', 'ips', 'pd', 'pda', 'macr', 'dice', 'softmax', 'bc'} <= set(MODELS)

@pytest.mark.parametrize('name', MODELS)
def test_settings_are_documented(name):
    docs = setting_docs(name)
    assert all(docs.values()), f'{name}: undocumented settings {[k for k, v in docs.items() if not v]}'
    assert not set(model_settings(name)) & set(RUN_SETTINGS), f'{name}: a setting named like a run setting'

@pytest.mark.parametrize('name', MODELS)
def test_one_epoch_and_round_trip(name, ratings, tmp_path):
    cfg = RunConfig(data='csv', path=str(ratings), model=name, epochs=1, dim=8, layers=1, model_args={'text': False} if 'text' in model_settings(name) else {})
    m = train(cfg, tmp_path/'run', progress=False)
    saved = json.loads((tmp_path/'run'/'metrics.json').read_text())
    again = evaluate_run(tmp_path/'run', cfg.mode)                     # the model rebuilt from config.json and model.pt
    for view in ('valid', 'valid_balanced', 'test', 'test_balanced', 'test_ips'):
        assert again[view] == saved[view] == m[view], (name, view)
    assert 0 <= m['test']['ndcg@20'] <= 1
