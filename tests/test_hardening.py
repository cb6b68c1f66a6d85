"""Every bad input of the benchmark-hardening issue, kept as a test: one clear line on stderr, exit code 2, nothing
written (or removed) outside --out, no traceback. (The bad CSVs, flags, weights and configs of `train` are tested in the
notebooks; the torchrun cases in test_distributed.py.)"""
import contextlib, io, json, os, time
import pandas as pd
import pytest
from causalrec.cli import main
from causalrec.loaders import embedded_path

def cli(*argv):
    "Run `causalrec ARGV` in this process: (exit code, stdout, stderr)."
    o, e = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(o), contextlib.redirect_stderr(e):
        try: main([str(x) for x in argv]); code = 0
        except SystemExit as x: code = x.code
    return code, o.getvalue(), e.getvalue()

def one_line(code, err, msg):
    assert code == 2, (code, err)
    assert err.count('\n') == 1 and err.startswith('causalrec: error: '), err
    assert msg in err, err
    assert 'Traceback' not in err

@pytest.fixture(scope='module')
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp('data')
    pd.read_csv(embedded_path()/'ratings.csv').head(6000).to_csv(d/'good.csv', index=False)
    return d

B = lambda data: ['benchmark', '--data', 'csv', '--path', data/'good.csv', '--quiet', '--n-boot', '50']

def suite(tmp_path, obj):
    f = tmp_path/'s.json'; f.write_text(json.dumps(obj)); return f

# ---------------------------------------------------------------- suite files
SUITE_CASES = [
    ([{'name': 'x', 'model': 'mostpop', 'grid': 5}], 'x: grid: expected a mapping of settings to lists of values, got 5'),
    ([{'name': 'x', 'model': 'mostpop', 'grid': None}], 'x: grid: expected a mapping'),
    ([{'name': 'x', 'model': 'mostpop', 'grid': [1]}], 'x: grid: expected a mapping'),
    ([1], 'configuration 1: expected a mapping of settings with a "name", got 1'),
    ([{'name': 'x', 'model_args': None}], 'x: model_args: expected a mapping of setting to value, got None'),
    ([{'name': 'x', 'model_args': 'x'}], "x: model_args: expected a mapping of setting to value, got 'x'"),
    (['ab'], "configuration 1: expected a mapping of settings with a \"name\", got 'ab'"),
    ([{'name': 'x', 'model': 'mostpop', 'grid': {'lr': [0.1, 0.1]}}], 'x: grid lr: 0.1 is listed twice'),
    ([{'name': '..', 'model': 'mostpop'}], "\"name\" must be up to 64 letters, digits, . _ + - (not starting with a dot), got '..'"),
    ([{'name': 'x', 'model': 'pd', 'grid': {'gamma': [-1.0]}}], 'x (gamma=-1.0): --model-arg: pd: gamma must be >= 0'),
]

@pytest.mark.parametrize('obj, msg', SUITE_CASES)
def test_bad_suite_file(obj, msg, data, tmp_path):
    f = suite(tmp_path, obj)
    code, out, err = cli(*B(data), '--suite', f, '--out', tmp_path/'b')
    one_line(code, err, msg); assert str(f) in err and not (tmp_path/'b').exists()

def test_grid_traversal_writes_nothing_outside_out(data, tmp_path):
    "A grid value that climbs out of --out, twice: the victim's file survives, nothing appears outside --out."
    victim = tmp_path/'victim2'; (victim/'seed0').mkdir(parents=True); (victim/'seed0'/'important.txt').write_text('keep')
    (victim/'ratings.csv').write_text((data/'good.csv').read_text())
    cwd = tmp_path/'a'/'b'/'c'/'d'; cwd.mkdir(parents=True)
    f = suite(tmp_path, [{'name': 'mostpop', 'model': 'mostpop', 'grid': {'path': ['../../../../victim2']}}])
    before = sorted(tmp_path.rglob('*'))
    home = os.getcwd(); os.chdir(cwd)
    try:
        for _ in range(2):
            code, out, err = cli('benchmark', '--suite', f, '--reference', 'mostpop', '--seeds', '0', '--n-boot', '10', '--quiet', '--out', tmp_path/'out')
            assert code == 0, err
    finally: os.chdir(home)
    assert (victim/'seed0'/'important.txt').read_text() == 'keep'
    assert sorted(p for p in tmp_path.rglob('*') if tmp_path/'out' not in p.parents and p != tmp_path/'out') == before

# ---------------------------------------------------------------- benchmark flags and --out
@pytest.mark.parametrize('flags, msg', [(['--n-boot', '0'], '--n-boot: must be an integer in 1 .. 100000, got 0'),
                                        (['--tolerance', 'nan'], '--tolerance: must be a number in (0, 1], got nan'),
                                        (['--jobs', '0'], '--jobs: must be an integer in 1 .. 256'),
                                        (['--seeds', '0-100000'], "--seeds: '0-100000' names 100,001 seeds; at most 100,000"),
                                        (['--seeds', '0-999'], 'plans 5,000 runs, above --max-runs 1,000'),
                                        (['--suite', 'nope.json'], "--suite: 'nope.json' is neither a built-in suite")])
def test_bad_benchmark_flag(flags, msg, data, tmp_path):
    t = time.time()
    code, out, err = cli(*B(data), '--out', tmp_path/'b', *flags)
    one_line(code, err, msg); assert not (tmp_path/'b').exists() and time.time() - t < 30

def test_out_must_be_a_benchmark_folder(data, tmp_path):
    (tmp_path/'notes').mkdir(); (tmp_path/'notes'/'notes.txt').write_text('mine')
    code, out, err = cli(*B(data), '--out', tmp_path/'notes')
    one_line(code, err, 'is not empty and is not a benchmark folder'); assert os.listdir(tmp_path/'notes') == ['notes.txt']
    code, out, err = cli('train', '--data', 'csv', '--path', data/'good.csv', '--model', 'mostpop', '--out', tmp_path/'run', '--quiet')
    assert code == 0, err
    code, out, err = cli(*B(data), '--out', tmp_path/'run')
    one_line(code, err, 'is not empty and is not a benchmark folder')

def test_a_second_benchmark_is_locked_out(data, tmp_path):
    from causalrec.runner import claim_out
    with claim_out(tmp_path/'b', ['mostpop', 'mf', 'lightgcn', 'pd', 'causalrec']):
        code, out, err = cli(*B(data), '--out', tmp_path/'b')
    one_line(code, err, f'another benchmark (pid {os.getpid()}) is running in')

# ---------------------------------------------------------------- evaluate, recommend, paths
@pytest.fixture(scope='module')
def run(data, tmp_path_factory):
    r = tmp_path_factory.mktemp('runs')/'run'
    code, out, err = cli('train', '--data', 'csv', '--path', data/'good.csv', '--model', 'mf', '--epochs', '1', '--dim', '8', '--out', r, '--quiet')
    assert code == 0, err
    return r

def edited(run, tmp_path, **kw):
    bad = tmp_path/'bad'
    import shutil; shutil.copytree(run, bad)
    cfg = json.loads((bad/'config.json').read_text()); cfg.update(kw); (bad/'config.json').write_text(json.dumps(cfg))
    return bad

def test_evaluate_edited_config(run, tmp_path):
    code, out, err = cli('evaluate', '--run', edited(run, tmp_path, model=['x']))
    one_line(code, err, "config.json: --model: expected str, got ['x']")

def test_evaluate_config_pointing_at_a_device(run, tmp_path):
    code, out, err = cli('evaluate', '--run', edited(run, tmp_path, path='/dev/zero'))
    one_line(code, err, '/dev/zero: is not a regular file')

def test_recommend_user_beyond_64_bits(run):
    code, out, err = cli('recommend', '--run', run, '--user', '99999999999999999999999')
    one_line(code, err, "--user: unknown user id '99999999999999999999999' (the user ids of this data are 64-bit integers)")

def test_symlink_loop_out(data, tmp_path):
    (tmp_path/'loop').symlink_to(tmp_path/'loop')
    code, out, err = cli('train', '--data', 'csv', '--path', data/'good.csv', '--out', tmp_path/'loop', '--quiet')
    one_line(code, err, '--out: ')
    assert 'broken or looping symbolic link' in err

def test_fifo_and_device_paths(tmp_path):
    os.mkfifo(tmp_path/'fifo')
    for p in (tmp_path/'fifo', '/dev/zero'):
        t = time.time()
        code, out, err = cli('train', '--data', 'csv', '--path', p, '--out', tmp_path/'r', '--quiet')
        one_line(code, err, 'is not a regular file'); assert time.time() - t < 30 and not (tmp_path/'r').exists()

# ---------------------------------------------------------------- wording
def test_no_test_hint_names_another_split(tmp_path):
    pd.DataFrame({'user': [0, 0, 1, 1], 'item': [1, 2, 1, 2], 'rating': 5.0}).to_csv(tmp_path/'two.csv', index=False)
    code, out, err = cli('train', '--data', 'csv', '--path', tmp_path/'two.csv', '--split', 'random', '--out', tmp_path/'r', '--quiet')
    assert code == 2 and '--split random' not in err, err

@pytest.mark.parametrize('argv, msg', [(['recommend', '--run', 'x'], 'causalrec recommend: the following arguments are required: --user'),
                                       (['train', '--model', 'nope'], "--model: invalid choice: 'nope'"),
                                       (['train', '--epochs', 'x'], "--epochs: invalid int value: 'x'"),
                                       (['bench'], "command: invalid choice: 'bench'")])
def test_argparse_errors_are_one_line(argv, msg):
    code, out, err = cli(*argv)
    assert code == 2 and err.count('\n') == 1 and err.startswith('causalrec: error: '), err
    assert msg.split(': ', 1)[-1] in err, err
    assert 'usage:' not in err
