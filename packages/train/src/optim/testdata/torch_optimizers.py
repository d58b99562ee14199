"""Reference trajectories of torch.optim.Adam, AdamW and SGD for optimizers.test.ts.

Run with Debian's python3-torch (1.13): /usr/bin/python3 torch_optimizers.py > torch_optimizers.json
Two float32 parameters (a: [2, 3], b: [3]) take five steps with fixed
gradients; b has no gradient at step 3 (torch skips it, as `step` must).
"""
import json

import torch

A0 = [[1.0, -2.0, 0.5], [0.25, 3.0, -1.5]]
B0 = [0.3, -0.7, 2.0]
GRADS_A = [
    [[0.5, -0.1, 0.0], [1.0, -2.0, 0.25]],
    [[0.2, 0.3, -1.0], [-0.5, 0.5, 0.0]],
    [[-0.4, 0.0, 2.0], [0.1, 0.2, 0.3]],
    [[1.5, -0.5, 0.5], [0.0, -1.0, 1.0]],
    [[0.05, 0.05, -0.05], [2.0, 0.0, -2.0]],
]
GRADS_B = [[0.1, -0.2, 0.3], [1.0, 0.0, -1.0], None, [-0.3, 0.6, 0.9], [0.0, 0.5, -0.5]]

CASES = {
    'adam': ('Adam', {'lr': 0.1}, None),
    'adam_wd': ('Adam', {'lr': 0.1, 'weight_decay': 0.1}, None),
    'adam_amsgrad_wd': ('Adam', {'lr': 0.05, 'weight_decay': 0.1, 'amsgrad': True, 'betas': (0.8, 0.9), 'eps': 1e-6}, None),
    'adam_groups': ('Adam', {'lr': 0.1}, [{'lr': 0.05, 'weight_decay': 0.1}, {}]),
    'adamw': ('AdamW', {'lr': 0.1}, None),
    'adamw_wd': ('AdamW', {'lr': 0.1, 'weight_decay': 0.5}, None),
    'adamw_amsgrad': ('AdamW', {'lr': 0.05, 'weight_decay': 0.2, 'amsgrad': True}, None),
    'adamw_groups': ('AdamW', {'lr': 0.1}, [{'weight_decay': 0.0}, {'lr': 0.02, 'weight_decay': 0.3}]),
    'sgd': ('SGD', {'lr': 0.1}, None),
    'sgd_momentum': ('SGD', {'lr': 0.1, 'momentum': 0.9}, None),
    'sgd_dampening_wd': ('SGD', {'lr': 0.1, 'momentum': 0.9, 'dampening': 0.3, 'weight_decay': 0.05}, None),
    'sgd_nesterov_wd': ('SGD', {'lr': 0.05, 'momentum': 0.8, 'nesterov': True, 'weight_decay': 0.01}, None),
    'sgd_groups': ('SGD', {'lr': 0.1, 'momentum': 0.5}, [{'lr': 0.2}, {'weight_decay': 0.1}]),
}

KEYS = {'weight_decay': 'weightDecay'}


def run(name, options, groups):
    a = torch.tensor(A0, dtype=torch.float32, requires_grad=True)
    b = torch.tensor(B0, dtype=torch.float32, requires_grad=True)
    params = [a, b] if groups is None else [dict(params=[p], **g) for p, g in zip([a, b], groups)]
    opt = getattr(torch.optim, name)(params, **options)
    history = []
    for ga, gb in zip(GRADS_A, GRADS_B):
        a.grad = torch.tensor(ga, dtype=torch.float32)
        b.grad = None if gb is None else torch.tensor(gb, dtype=torch.float32)
        opt.step()
        history.append({'a': a.detach().tolist(), 'b': b.detach().tolist()})
    js_options = {KEYS.get(k, k): list(v) if isinstance(v, tuple) else v for k, v in options.items()}
    js_groups = None if groups is None else [{KEYS.get(k, k): v for k, v in g.items()} for g in groups]
    return {'optimizer': name, 'options': js_options, 'groups': js_groups, 'history': history}


print(json.dumps({
    'torch': torch.__version__,
    'a0': A0,
    'b0': B0,
    'gradsA': GRADS_A,
    'gradsB': GRADS_B,
    'cases': {key: run(*case) for key, case in CASES.items()},
}, indent=1))
